// The common frame of every family's stream parser: tolerate any event and report only the fields an event
// actually contributed. What the service adds to the last chunk (invocation metrics, guardrail action) is read by
// the transport, core/bedrock/stream.ts, not here.
import { asObject, compact, type JsonObject } from './json';
import type { StreamDelta } from './types';

/** Wraps a per-event reader (created once per stream, so it may keep state) into a StreamDelta parser. */
export function streamParser(
  createReader: () => (event: JsonObject) => StreamDelta,
): () => (event: unknown) => StreamDelta {
  return () => {
    const read = createReader();
    return (event: unknown): StreamDelta => {
      const object = asObject(event);
      if (!object) return {};
      return compact(read(object));
    };
  };
}
