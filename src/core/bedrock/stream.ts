// Turns the SDK's response stream into the model's own events. This loop runs once per chunk (100,000-chunk
// streams are benchmarked), so it does one decode and one JSON.parse per chunk and nothing else that allocates.
import type { ResponseStream } from '@aws-sdk/client-bedrock-runtime';
import { abortError } from './errors';
import type { InvokeMetadata } from './types';

const decoder = new TextDecoder();
const METRICS_KEY = 'amazon-bedrock-invocationMetrics';

interface InvocationMetrics {
  inputTokenCount?: number;
  outputTokenCount?: number;
  invocationLatency?: number;
  firstByteLatency?: number;
}

/**
 * Yields each chunk's JSON. When the consumer stops early (break, return, throw) the request is aborted through
 * `controller`: leaving a `for await` alone does not reset the HTTP/2 stream (reference §2.3). When the abort
 * came from outside, the iteration ends with an AbortError rather than looking like a complete response.
 */
export async function* modelEvents(
  body: AsyncIterable<ResponseStream>,
  metadata: InvokeMetadata,
  started: number,
  controller: AbortController,
  onEnd: () => void,
): AsyncGenerator<unknown, void, undefined> {
  let complete = false;
  try {
    for await (const event of body) {
      const bytes = event.chunk?.bytes;
      if (bytes === undefined) continue;
      if (metadata.firstByteMs === undefined) metadata.firstByteMs = performance.now() - started;
      const parsed = JSON.parse(decoder.decode(bytes));
      const metrics = parsed?.[METRICS_KEY];
      if (metrics !== undefined) applyInvocationMetrics(metadata, metrics);
      yield parsed;
    }
    if (controller.signal.aborted) throw abortError();
    complete = true;
  } catch (err) {
    throw controller.signal.aborted ? abortError() : err;
  } finally {
    metadata.totalMs = performance.now() - started;
    if (!complete) controller.abort();
    onEnd();
  }
}

export function applyInvocationMetrics(metadata: InvokeMetadata, metrics: InvocationMetrics): void {
  if (typeof metrics.inputTokenCount === 'number') metadata.inputTokenCount = metrics.inputTokenCount;
  if (typeof metrics.outputTokenCount === 'number') metadata.outputTokenCount = metrics.outputTokenCount;
  if (typeof metrics.invocationLatency === 'number') metadata.invocationLatencyMs = metrics.invocationLatency;
}
