// Runs one Converse / ConverseStream request with a progress notification that can cancel it, into the same sinks
// as InvokeModel text (core/converse runConverse): reasoning apart from the answer, tool calls as they arrive, and a
// structured answer (outputConfig.textFormat) checked against its schema and shown formatted after it.
import * as vscode from 'vscode';
import { classify, proxyFromEnv, type Problem } from '../../core/errors/classify';
import { guardrailIntervention } from '../../core/errors/guardrail';
import { runConverse, type ConverseInput, type ConverseResult } from '../../core/converse';
import { config, type OutputTarget } from '../config';
import type { Ctx } from '../context';
import type { Connection } from './connection';

export interface ConverseRun {
  connection: Connection;
  input: ConverseInput;
  stream: boolean;
  output: OutputTarget;
}

export interface ConverseRunOutcome {
  result: ConverseResult;
  problem?: Problem;
  /** Not an error, but worth showing: a guardrail that intervened in an answer that completed. */
  notice?: Problem;
}

const PROGRESS_INTERVAL_MS = 500;

function shortModelName(modelId: string): string {
  const tail = modelId.split('/').pop() ?? modelId;
  return tail.length > 48 ? `${tail.slice(0, 45)}…` : tail;
}

/** The structured answer after the text: formatted when it matches the schema, else what does not. */
export function structuredOutputText(result: ConverseResult): string | undefined {
  const verdict = result.structuredOutput;
  if (!verdict) return undefined;
  if (verdict.ok) return `\n\n── structured output: matches the schema ──\n${JSON.stringify(verdict.value, null, 2)}\n`;
  if (verdict.reason === 'notJson') return `\n\n── structured output: the answer is not JSON (${verdict.message}) ──\n`;
  const lines = verdict.violations.map((v) => `  ${v.pointer}: ${v.message}`).join('\n');
  return `\n\n── structured output: does not match the schema ──\n${lines}\n`;
}

export async function runConverseText(ctx: Ctx, run: ConverseRun): Promise<ConverseRunOutcome> {
  const { connection, input } = run;
  const modelId = input.modelId ?? '';
  const session = await ctx.sink(run.output).begin({
    modelId,
    profile: connection.resolved.profile,
    region: connection.resolved.region,
    endpoint: connection.resolved.endpoint,
    streamed: run.stream,
  });
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Bedrock: ${shortModelName(modelId)} (Converse)`, cancellable: true },
    async (progress, token) => {
      const abort = new AbortController();
      const subscription = token.onCancellationRequested(() => abort.abort());
      ctx.running.add(abort);
      progress.report({ message: run.stream ? 'waiting for the first token…' : 'waiting for the answer…' });
      let lastReport = 0;
      try {
        const result = await runConverse({
          caller: ctx.bedrock,
          connection: connection.settings,
          input,
          stream: run.stream,
          sink: session,
          signal: abort.signal,
          limits: config.streamLimits(),
          onProgress: (chunks) => {
            const now = performance.now();
            if (now - lastReport < PROGRESS_INTERVAL_MS) return;
            lastReport = now;
            progress.report({ message: `${chunks} chunk${chunks === 1 ? '' : 's'} so far` });
          },
        });
        const proxy = config.httpProxy() || proxyFromEnv(process.env);
        const context = { ...connection.resolved, modelId, proxy, api: 'converse' as const };
        const problem = result.outcome === 'failed' ? classify(result.error, context) : undefined;
        if (problem && result.textChunks > 0) problem.partial = { chunks: result.textChunks, characters: result.text.length + result.reasoning.length };
        const structured = structuredOutputText(result);
        if (structured) session.append(structured);
        ctx.lastResponse.recordText(modelId, result);
        await session.finish(result, problem);
        if (result.outcome === 'completed' && result.stopReason === 'guardrail_intervened') {
          const guardrail = input.guardrailConfig;
          const notice = guardrailIntervention({ identifier: guardrail?.guardrailIdentifier, version: guardrail?.guardrailVersion }, context);
          notice.jsonPath = ['guardrailConfig'];
          return { result, notice };
        }
        return { result, problem };
      } finally {
        ctx.running.delete(abort);
        subscription.dispose();
      }
    },
  );
}
