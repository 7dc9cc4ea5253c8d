// What Show Last Raw Response shows: the last answer as JSON with its metadata, through the redactor (a model's text
// or body, JSON-escaped here, can quote a key). No vscode import, so a unit test reads exactly this text.
import { redact } from '../../core/security';
import type { RawResponseRecord } from '../services/lastResponse';

export function rawResponseText(last: RawResponseRecord): string {
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
  return `${redact(JSON.stringify(shown, null, 2))}\n`;
}
