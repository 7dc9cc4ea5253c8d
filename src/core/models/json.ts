// Safe readers for model JSON of unknown shape: a missing or mistyped field yields undefined, never a throw,
// because models and the service add and change fields over time.
import type { Usage } from './types';

export type JsonObject = Record<string, unknown>;

export function asObject(value: unknown): JsonObject | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonObject) : undefined;
}

export function asArray(value: unknown): unknown[] | undefined {
  return Array.isArray(value) ? value : undefined;
}

export function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function asNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** Follows a path of keys and indexes, e.g. at(body, 'choices', 0, 'message', 'content'). */
export function at(value: unknown, ...path: (string | number)[]): unknown {
  let current = value;
  for (const key of path) {
    if (typeof key === 'number') current = asArray(current)?.[key];
    else current = asObject(current)?.[key];
    if (current === undefined) return undefined;
  }
  return current;
}

/** A Usage with only the counts that are present, or undefined when there are none. */
export function usageOf(inputTokens: unknown, outputTokens: unknown): Usage | undefined {
  const usage: Usage = {};
  const input = asNumber(inputTokens);
  const output = asNumber(outputTokens);
  if (input !== undefined) usage.inputTokens = input;
  if (output !== undefined) usage.outputTokens = output;
  return input === undefined && output === undefined ? undefined : usage;
}

/** Drops keys whose value is undefined, so unset settings never reach a request body. */
export function defined<T extends JsonObject>(object: T): T {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(object)) if (value !== undefined) out[key] = value;
  return out as T;
}

/**
 * Removes empty fields from a delta so callers (and tests) see only what an event contributed. Runs once per stream
 * chunk, so a delta with nothing to remove (the usual case) is returned as it is, without a copy.
 */
export function compact<T extends object>(delta: T): T {
  let clean = true;
  for (const key in delta) {
    const value = delta[key] as unknown;
    if (value === undefined || value === '') {
      clean = false;
      break;
    }
  }
  if (clean) return delta;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(delta)) if (value !== undefined && value !== '') out[key] = value;
  return out as T;
}
