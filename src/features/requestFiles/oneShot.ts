// An embedding or image request: one InvokeModel call with a cancellable progress notification, its raw answer kept
// for Show Last Raw Response, and any error classified like every other call.
import type { InvokeMetadata, InvokeRequest } from '../../core/bedrock';
import { classify, type Problem } from '../../core/errors/classify';
import { config } from '../config';
import type { Ctx } from '../context';
import type { Connection } from '../services/connection';
import { withRunProgress } from '../services/runProgress';

export interface OneShotOutcome {
  outcome: 'completed' | 'cancelled' | 'failed';
  body?: unknown;
  metadata: InvokeMetadata;
  problem?: Problem;
}

export async function invokeOnce(
  ctx: Ctx,
  connection: Connection,
  request: InvokeRequest,
  what: string,
): Promise<OneShotOutcome> {
  return withRunProgress(ctx, `Bedrock: ${what}`, 'waiting for the answer…', async ({ signal }) => {
    const started = performance.now();
    try {
      const response = await ctx.bedrock.invoke(connection.settings, request, signal);
      const body: unknown = JSON.parse(new TextDecoder().decode(response.body));
      ctx.lastResponse.record({
        modelId: request.modelId,
        at: new Date().toISOString(),
        outcome: 'completed',
        streamed: false,
        metadata: response.metadata,
        body,
        totalMs: Math.round(performance.now() - started),
      });
      return { outcome: 'completed' as const, body, metadata: response.metadata };
    } catch (error) {
      if (signal.aborted) return { outcome: 'cancelled' as const, metadata: {} };
      return {
        outcome: 'failed' as const,
        metadata: {},
        problem: classify(error, { ...connection.resolved, modelId: request.modelId, proxy: config.proxy() }),
      };
    }
  });
}
