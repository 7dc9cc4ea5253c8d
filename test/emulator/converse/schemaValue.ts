/** The emulated model's deterministic values for a JSON schema: tool-call inputs and structured-output answers. */
import type { Json } from '../families/family';

/** A value that satisfies the common JSON-schema keywords (type, properties, required, enum, const, items, minItems). */
export function valueFor(schema: unknown, echo: string, depth = 0): unknown {
  const s = (schema && typeof schema === 'object' ? schema : {}) as Json;
  if ('const' in s) return s.const;
  if (Array.isArray(s.enum) && s.enum.length) return s.enum[0];
  for (const k of ['anyOf', 'oneOf', 'allOf'] as const)
    if (Array.isArray(s[k]) && (s[k] as unknown[]).length) return valueFor((s[k] as unknown[])[0], echo, depth + 1);
  const type = Array.isArray(s.type) ? (s.type as string[]).find((t) => t !== 'null') : (s.type as string | undefined);
  switch (type ?? (s.properties ? 'object' : 'string')) {
    case 'object': {
      const out: Json = {};
      if (depth > 8) return out;
      const props = (s.properties ?? {}) as Record<string, unknown>;
      for (const [k, v] of Object.entries(props)) out[k] = valueFor(v, echo, depth + 1);
      return out;
    }
    case 'array': {
      const n = Math.max(1, typeof s.minItems === 'number' ? s.minItems : 1);
      return depth > 8 ? [] : Array.from({ length: n }, () => valueFor(s.items, echo, depth + 1));
    }
    case 'integer':
      return typeof s.minimum === 'number' ? Math.ceil(s.minimum) : 1;
    case 'number':
      return typeof s.minimum === 'number' ? s.minimum : 1.5;
    case 'boolean':
      return true;
    case 'null':
      return null;
    default:
      return echo;
  }
}
