// Runs one text invocation with a progress notification that can cancel it, streaming into the chosen sink.
// Used by Invoke Model on Selection and by request files.
import * as vscode from 'vscode';
import type { InvokeRequest } from '../../core/bedrock';
import { classify, proxyFromEnv, type Problem } from '../../core/errors/classify';
import { guardrailIntervention } from '../../core/errors/guardrail';
import { runTextInvocation, type TextInvocationResult } from '../../core/invoke/textInvocation';
import { discoveredModel } from '../../core/discovery';
import type { ModelFamily } from '../../core/models';
import { config, type OutputTarget } from '../config';
import type { Ctx } from '../context';
import type { Connection } from './connection';

export interface TextRun {
  connection: Connection;
  request: InvokeRequest;
  family: ModelFamily;
  stream: boolean;
  output: OutputTarget;
}

export interface TextRunOutcome {
  result: TextInvocationResult;
  problem?: Problem;
  /** Not an error, but worth showing: a guardrail that intervened in an answer that completed. */
  notice?: Problem;
}

// Each report re-renders the notification: twice a second reads as live and costs the stream nothing.
const PROGRESS_INTERVAL_MS = 500;

function shortModelName(modelId: string): string {
  const tail = modelId.split('/').pop() ?? modelId;
  return tail.length > 48 ? `${tail.slice(0, 45)}…` : tail;
}

/** One line per invocation in the Bedrock Log: what went where and how it ended, never the prompt or the answer. */
function invocationLine(modelId: string, connection: Connection, result: TextInvocationResult, problem?: Problem): string {
  const { profile, region } = connection.resolved;
  const where = `${modelId} in ${region} (${profile ? `profile ${profile}` : 'default credentials'})`;
  const api = result.streamed ? 'InvokeModelWithResponseStream' : 'InvokeModel';
  const tokens = result.usage.inputTokens !== undefined ? `, ${result.usage.inputTokens} in / ${result.usage.outputTokens ?? '?'} out tokens` : '';
  const ended = problem ? `failed (${problem.errorName}: ${problem.message})` : result.outcome;
  return `${api} ${where}: ${ended} after ${Math.round(result.totalMs)} ms${tokens}`;
}

export async function runText(ctx: Ctx, run: TextRun): Promise<TextRunOutcome> {
  const { connection, request, family } = run;
  // The model's own word wins where discovery knows it (ListFoundationModels' responseStreamingSupported): a model
  // that does not stream is invoked without streaming instead of failing with "unsupported for streaming".
  const discovered = family.streams && run.stream ? discoveredModel(request.modelId, await ctx.discovery.cached(connection.settings)) : undefined;
  const modelCannotStream = discovered?.streaming === false;
  const streamed = run.stream && family.streams && !modelCannotStream;
  const session = await ctx.sink(run.output).begin({
    modelId: request.modelId,
    profile: connection.resolved.profile,
    region: connection.resolved.region,
    endpoint: connection.resolved.endpoint,
    streamed,
    ...(modelCannotStream ? { notStreamingBecause: 'the model does not support streaming' } : {}),
  });
  const model = shortModelName(request.modelId);
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Bedrock: ${model}`, cancellable: true },
    async (progress, token) => {
      const abort = new AbortController();
      const subscription = token.onCancellationRequested(() => abort.abort());
      ctx.running.add(abort);
      progress.report({ message: streamed ? 'waiting for the first token…' : 'waiting for the answer…' });
      let lastReport = 0;
      try {
        const result = await runTextInvocation({
          caller: ctx.bedrock,
          connection: connection.settings,
          request,
          family,
          stream: streamed,
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
        // The proxy VS Code is told to use (http.proxy), else the environment's: network errors name it.
        const proxy = config.httpProxy() || proxyFromEnv(process.env);
        const context = { ...connection.resolved, modelId: request.modelId, family: family.id, proxy };
        const problem = result.outcome === 'failed' ? classify(result.error, context) : undefined;
        if (problem && result.textChunks > 0) problem.partial = { chunks: result.textChunks, characters: result.text.length + result.reasoning.length };
        ctx.lastResponse.recordText(request.modelId, result);
        await session.finish(result, problem);
        ctx.log.info(invocationLine(request.modelId, connection, result, problem));
        if (result.outcome === 'completed' && result.metadata.guardrailAction === 'INTERVENED') {
          const notice = guardrailIntervention({ identifier: request.guardrailIdentifier, version: request.guardrailVersion }, context);
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
