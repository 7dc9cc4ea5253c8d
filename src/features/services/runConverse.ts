// Runs one Converse / ConverseStream request with a progress notification that can cancel it, into the same sinks
// as InvokeModel text (core/converse runConverse): reasoning apart from the answer, tool calls as they arrive, and a
// structured answer (outputConfig.textFormat) checked against its schema and shown formatted after it.
import type { Problem } from '../../core/errors/classify';
import { guardrailIntervention } from '../../core/errors/guardrail';
import { runConverse, type ConverseInput, type ConverseResult } from '../../core/converse';
import { config, type OutputTarget } from '../config';
import type { Ctx } from '../context';
import type { Connection } from './connection';
import { concludeRun, shortModelName, withRunProgress } from './runProgress';

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
  const waiting = run.stream ? 'waiting for the first token…' : 'waiting for the answer…';
  return withRunProgress(ctx, `Bedrock: ${shortModelName(modelId)} (Converse)`, waiting, async (progress) => {
    const result = await runConverse({
      caller: ctx.bedrock,
      connection: connection.settings,
      input,
      stream: run.stream,
      sink: session,
      signal: progress.signal,
      limits: config.streamLimits(),
      onProgress: progress.chunks,
    });
    const structured = structuredOutputText(result);
    if (structured) session.append(structured);
    const { problem, context } = await concludeRun(ctx, session, { connection, modelId, api: 'converse' }, result);
    if (result.outcome === 'completed' && result.stopReason === 'guardrail_intervened') {
      const guardrail = input.guardrailConfig;
      const notice = guardrailIntervention(
        { identifier: guardrail?.guardrailIdentifier, version: guardrail?.guardrailVersion },
        context,
      );
      notice.jsonPath = ['guardrailConfig'];
      return { result, notice };
    }
    return { result, problem };
  });
}
