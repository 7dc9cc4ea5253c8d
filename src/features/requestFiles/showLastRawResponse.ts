// `Bedrock: Show Last Raw Response`: the last answer exactly as the model sent it, with its metadata, as JSON.
import * as vscode from 'vscode';
import { redact } from '../../core/security';
import type { Ctx } from '../context';

export async function showLastRawResponse(ctx: Ctx): Promise<vscode.TextDocument | undefined> {
  const last = ctx.lastResponse.get();
  if (!last) {
    void vscode.window.showInformationMessage('No answer yet. Run a request file or Invoke Model on Selection first.');
    return undefined;
  }
  const shown: Record<string, unknown> = {
    modelId: last.modelId,
    at: last.at,
    outcome: last.outcome,
    streamed: last.streamed,
    requestId: last.metadata.requestId,
    inputTokens: last.usage?.inputTokens ?? last.metadata.inputTokenCount,
    outputTokens: last.usage?.outputTokens ?? last.metadata.outputTokenCount,
    // Prompt caching: whether this answer read or wrote the cache (absent when the request had no cache point).
    cacheReadInputTokens: last.usage?.cacheReadInputTokens,
    cacheWriteInputTokens: last.usage?.cacheWriteInputTokens,
    invocationLatencyMs: last.metadata.invocationLatencyMs,
    ...(last.api === 'converse' ? { api: 'converse', latencyMs: last.latencyMs } : {}),
    serviceTier: last.metadata.serviceTier,
    performanceConfigLatency: last.metadata.performanceConfigLatency,
    totalMs: last.totalMs,
    stopReason: last.stopReason,
  };
  if (last.streamed) {
    shown.note = 'Streamed answer: the text assembled from its events (the events themselves are not kept).';
    shown.text = last.text;
    if (last.reasoning) shown.reasoning = last.reasoning;
    if (last.toolUses) shown.toolUses = last.toolUses;
  } else {
    shown.body = last.body;
  }
  const document = await vscode.workspace.openTextDocument({ language: 'json', content: `${redact(JSON.stringify(shown, null, 2))}\n` });
  await vscode.window.showTextDocument(document, { preview: false });
  return document;
}
