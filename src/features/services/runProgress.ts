// The one way an invocation runs in the editor: a progress notification that can cancel it, an AbortController
// registered in ctx.running (Bedrock: Cancel Running Invocations aborts them all) and removed however the run ends,
// and a "N chunks so far" report throttled for streamed answers. Text, Converse and one-shot (embedding, image)
// runs all go through here.
import * as vscode from 'vscode';
import { classify, type Problem, type ProblemContext } from '../../core/errors/classify';
import type { TextInvocationResult } from '../../core/invoke/textInvocation';
import { config } from '../config';
import type { Ctx } from '../context';
import type { OutputSession } from '../output/sinks';
import type { Connection } from './connection';

/** Each report re-renders the notification: twice a second reads as live and costs the stream nothing. */
const PROGRESS_INTERVAL_MS = 500;

export interface RunProgress {
  /** Aborted when the user cancels (the notification's Cancel, or Cancel Running Invocations). */
  readonly signal: AbortSignal;
  /** Per streamed chunk: cheap, and reported at most twice a second. */
  chunks(count: number): void;
}

/** The model's short name for a notification title: the last path segment, at most 48 characters. */
export function shortModelName(modelId: string): string {
  const tail = modelId.split('/').pop() ?? modelId;
  return tail.length > 48 ? `${tail.slice(0, 45)}…` : tail;
}

export function withRunProgress<T>(
  ctx: Ctx,
  title: string,
  waiting: string,
  run: (progress: RunProgress) => Promise<T>,
): Thenable<T> {
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title, cancellable: true },
    async (progress, token) => {
      const abort = new AbortController();
      const subscription = token.onCancellationRequested(() => abort.abort());
      ctx.running.add(abort);
      progress.report({ message: waiting });
      let lastReport = 0;
      try {
        return await run({
          signal: abort.signal,
          chunks: (count) => {
            const now = performance.now();
            if (now - lastReport < PROGRESS_INTERVAL_MS) return;
            lastReport = now;
            progress.report({ message: `${count} chunk${count === 1 ? '' : 's'} so far` });
          },
        });
      } finally {
        ctx.running.delete(abort);
        subscription.dispose();
      }
    },
  );
}

export interface RunFacts {
  connection: Connection;
  modelId: string;
  /** The InvokeModel family that built the body (quick fixes spell keys its way); Converse runs have none. */
  family?: string;
  api: 'invokeModel' | 'converse';
}

/**
 * How every text run ends, once: the failure classified (with the proxy network errors should name, and how far a
 * broken stream got), the answer kept for Show Last Raw Response, the footer written, one line in the Bedrock Log.
 */
export async function concludeRun(
  ctx: Ctx,
  session: OutputSession,
  facts: RunFacts,
  result: TextInvocationResult,
): Promise<{ problem?: Problem; context: ProblemContext }> {
  const proxy = config.proxy();
  const context: ProblemContext = {
    ...facts.connection.resolved,
    modelId: facts.modelId,
    proxy,
    ...(facts.family ? { family: facts.family } : {}),
    ...(facts.api === 'converse' ? { api: 'converse' as const } : {}),
  };
  const problem = result.outcome === 'failed' ? classify(result.error, context) : undefined;
  if (problem && result.textChunks > 0)
    problem.partial = { chunks: result.textChunks, characters: result.text.length + result.reasoning.length };
  ctx.lastResponse.recordText(facts.modelId, result);
  await session.finish(result, problem);
  ctx.log.info(invocationLine(facts, result, problem));
  return { problem, context };
}

/** One line per invocation in the Bedrock Log: what went where and how it ended, never the prompt or the answer. */
function invocationLine(facts: RunFacts, result: TextInvocationResult, problem?: Problem): string {
  const { profile, region } = facts.connection.resolved;
  const where = `${facts.modelId} in ${region} (${profile ? `profile ${profile}` : 'default credentials'})`;
  const api =
    facts.api === 'converse'
      ? result.streamed
        ? 'ConverseStream'
        : 'Converse'
      : result.streamed
        ? 'InvokeModelWithResponseStream'
        : 'InvokeModel';
  const tokens =
    result.usage.inputTokens !== undefined
      ? `, ${result.usage.inputTokens} in / ${result.usage.outputTokens ?? '?'} out tokens`
      : '';
  const ended = problem ? `failed (${problem.errorName}: ${problem.message})` : result.outcome;
  return `${api} ${where}: ${ended} after ${Math.round(result.totalMs)} ms${tokens}`;
}
