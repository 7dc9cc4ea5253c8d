// Runs one text invocation with a progress notification that can cancel it, streaming into the chosen sink.
// Used by Invoke Model on Selection and by request files.
import type { InvokeRequest } from '../../core/bedrock';
import type { Problem } from '../../core/errors/classify';
import { guardrailIntervention } from '../../core/errors/guardrail';
import { runTextInvocation, type TextInvocationResult } from '../../core/invoke/textInvocation';
import { discoveredModel } from '../../core/discovery';
import type { ModelFamily } from '../../core/models';
import { config, type OutputTarget } from '../config';
import type { Ctx } from '../context';
import type { Connection } from './connection';
import { concludeRun, shortModelName, withRunProgress } from './runProgress';

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

export async function runText(ctx: Ctx, run: TextRun): Promise<TextRunOutcome> {
  const { connection, request, family } = run;
  // The model's own word wins where discovery knows it (ListFoundationModels' responseStreamingSupported): a model
  // that does not stream is invoked without streaming instead of failing with "unsupported for streaming".
  const discovered =
    family.streams && run.stream
      ? discoveredModel(request.modelId, await ctx.discovery.settled(connection.settings))
      : undefined;
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
  const waiting = streamed ? 'waiting for the first token…' : 'waiting for the answer…';
  return withRunProgress(ctx, `Bedrock: ${shortModelName(request.modelId)}`, waiting, async (progress) => {
    const result = await runTextInvocation({
      caller: ctx.bedrock,
      connection: connection.settings,
      request,
      family,
      stream: streamed,
      sink: session,
      signal: progress.signal,
      limits: config.streamLimits(),
      onProgress: progress.chunks,
    });
    const { problem, context } = await concludeRun(
      ctx,
      session,
      { connection, modelId: request.modelId, family: family.id, api: 'invokeModel' },
      result,
    );
    if (result.outcome === 'completed' && result.metadata.guardrailAction === 'INTERVENED') {
      const notice = guardrailIntervention(
        { identifier: request.guardrailIdentifier, version: request.guardrailVersion },
        context,
      );
      return { result, notice };
    }
    return { result, problem };
  });
}
