// Turns the SDK's response stream into the model's own events. This loop runs once per chunk (100,000-chunk
// streams are benchmarked), so it does one decode and one JSON.parse per chunk and nothing else that allocates.
import type { ResponseStream } from '@aws-sdk/client-bedrock-runtime';
import { abortError } from './errors';
import { releaseFrame } from './eventStream';
import { StreamBrokenError, type StreamGuard } from './streamGuard';
import type { InvocationMetrics, InvokeMetadata } from './types';

const decoder = new TextDecoder();
const METRICS_KEY = 'amazon-bedrock-invocationMetrics';
const GUARDRAIL_ACTION_KEY = 'amazon-bedrock-guardrailAction';

/**
 * Yields what `read` makes of each event of an SDK stream (skipping events it maps to undefined). When the consumer
 * stops early (break, return, throw) the request is aborted through `controller`: leaving a `for await` alone does
 * not reset the HTTP/2 stream (docs/bedrock-protocol.md §2.3). When the abort came from outside, the iteration ends
 * with an AbortError rather than looking like a complete response, or with the guard's own error when the guard
 * aborted it (a stall). `onEnd` runs once, however the stream ends.
 *
 * A plain iterator rather than an async generator: each generator step costs extra promises and microtask turns,
 * which on a 100,000-chunk stream is a tenth of the time the SDK itself takes.
 */
export function sdkStreamEvents<S, T>(
  body: AsyncIterable<S>,
  read: (event: S) => T | undefined,
  metadata: InvokeMetadata,
  started: number,
  controller: AbortController,
  onEnd: () => void,
  guard?: StreamGuard,
): AsyncIterableIterator<T> {
  const source = body[Symbol.asyncIterator]();
  let ended = false;
  const end = (complete: boolean) => {
    if (ended) return;
    ended = true;
    metadata.totalMs = performance.now() - started;
    if (!complete) controller.abort();
    onEnd();
  };
  const DONE: IteratorReturnResult<undefined> = { done: true, value: undefined };
  return {
    [Symbol.asyncIterator]() {
      return this;
    },
    async next(): Promise<IteratorResult<T>> {
      if (ended) return DONE;
      try {
        for (;;) {
          const step = await source.next();
          if (step.done) {
            if (controller.signal.aborted) throw guard?.failure ?? abortError();
            end(true);
            return DONE;
          }
          const value = read(step.value);
          if (value === undefined) continue;
          if (metadata.firstByteMs === undefined) metadata.firstByteMs = performance.now() - started;
          return { done: false, value };
        }
      } catch (err) {
        const abortedFromOutside = controller.signal.aborted;
        end(false);
        throw guard?.failure ?? (abortedFromOutside ? abortError() : err);
      }
    },
    async return(): Promise<IteratorResult<T>> {
      const wasEnded = ended;
      end(false);
      if (!wasEnded) await source.return?.();
      return DONE;
    },
  };
}

/**
 * InvokeModelWithResponseStream: each chunk's JSON. The facts the service adds to the last chunk (its invocation
 * metrics and the guardrail's action) go into `metadata` here, and nowhere else.
 */
export function modelEvents(
  body: AsyncIterable<ResponseStream>,
  metadata: InvokeMetadata,
  started: number,
  controller: AbortController,
  onEnd: () => void,
  guard?: StreamGuard,
): AsyncIterableIterator<unknown> {
  let chunks = 0;
  const read = (event: ResponseStream): unknown => {
    const chunk = event.chunk;
    if (chunk?.bytes === undefined) return undefined;
    chunks++;
    const text = decoder.decode(chunk.bytes);
    // The bytes are a view of their frame: let it go before parsing makes another copy (a 50 MB chunk).
    releaseFrame(chunk.bytes);
    chunk.bytes = undefined;
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      // How far it got: the events before this one.
      throw new StreamBrokenError(`chunk ${chunks} is not JSON`, {
        bytes: guard?.bytes ?? 0,
        events: (guard?.events ?? chunks) - 1,
      });
    }
    const added = parsed as Record<string, unknown> | null;
    const metrics = added?.[METRICS_KEY];
    if (metrics !== undefined) applyInvocationMetrics(metadata, metrics as InvocationMetrics);
    const action = added?.[GUARDRAIL_ACTION_KEY];
    if (typeof action === 'string') metadata.guardrailAction = action;
    return parsed;
  };
  return sdkStreamEvents(body, read, metadata, started, controller, onEnd, guard);
}

function applyInvocationMetrics(metadata: InvokeMetadata, metrics: InvocationMetrics): void {
  if (typeof metrics !== 'object' || metrics === null) return;
  if (typeof metrics.inputTokenCount === 'number') metadata.inputTokenCount = metrics.inputTokenCount;
  if (typeof metrics.outputTokenCount === 'number') metadata.outputTokenCount = metrics.outputTokenCount;
  if (typeof metrics.invocationLatency === 'number') metadata.invocationLatencyMs = metrics.invocationLatency;
}
