// The common frame of every family's stream parser: tolerate any event, add the service's invocation metrics,
// and report only the fields an event actually contributed.
import { asObject, compact, metricsOf, type JsonObject } from './json';
import type { StreamDelta } from './types';

/** Wraps a per-event reader (created once per stream, so it may keep state) into a StreamDelta parser. */
export function streamParser(createReader: () => (event: JsonObject) => StreamDelta): () => (event: unknown) => StreamDelta {
  return () => {
    const read = createReader();
    return (event: unknown): StreamDelta => {
      const object = asObject(event);
      if (!object) return {};
      // This runs once per chunk: copy only when the service's metrics must be added (the last event).
      const metrics = metricsOf(object);
      const delta = metrics ? { ...read(object), metrics } : read(object);
      return compact(delta);
    };
  };
}
