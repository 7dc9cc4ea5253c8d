// ConverseStream's SDK stream as ConverseEvents, with the same contract as InvokeModelWithResponseStream's (see
// sdkStreamEvents): stopping early aborts the request, an abort from outside ends it with an AbortError, and the
// connection is released once. Usage, latency and the served tier of the metadata event go into `metadata`.
import type { ConverseStreamOutput } from '@aws-sdk/client-bedrock-runtime';
import { ConverseStreamReader } from '../converse/events';
import type { ConverseEvent } from '../converse/types';
import { sdkStreamEvents } from './stream';
import type { StreamGuard } from './streamGuard';
import type { InvokeMetadata } from './types';

export function converseEvents(
  stream: AsyncIterable<ConverseStreamOutput>,
  metadata: InvokeMetadata,
  started: number,
  controller: AbortController,
  onEnd: () => void,
  guard?: StreamGuard,
): AsyncIterableIterator<ConverseEvent> {
  const reader = new ConverseStreamReader();
  const read = (raw: ConverseStreamOutput): ConverseEvent | undefined => {
    const event = reader.read(raw);
    if (event?.type === 'metadata') {
      if (event.usage.inputTokens !== undefined) metadata.inputTokenCount = event.usage.inputTokens;
      if (event.usage.outputTokens !== undefined) metadata.outputTokenCount = event.usage.outputTokens;
      if (event.latencyMs !== undefined) metadata.invocationLatencyMs = event.latencyMs;
      if (event.serviceTier !== undefined) metadata.serviceTier = event.serviceTier;
    }
    return event;
  };
  return sdkStreamEvents(stream, read, metadata, started, controller, onEnd, guard);
}
