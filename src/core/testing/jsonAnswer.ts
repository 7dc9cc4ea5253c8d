// `expect.json`: the answer parses as JSON and, with a schema, validates against it. @cfworker/json-schema
// interprets the schema (no code generation, small enough for the extension bundle) for drafts 4, 7, 2019-09 and
// 2020-12, chosen from the schema's `$schema`.
import { Validator, type Schema, type SchemaDraft } from '@cfworker/json-schema';

/** The answer's JSON text: the whole answer, or the one fenced code block (```json ... ```) models often wrap it in. */
export function jsonTextOf(answer: string): string {
  const trimmed = answer.trim();
  const fenced = /^```[\w-]*\s*\n([\s\S]*?)\n?```$/.exec(trimmed);
  return fenced ? fenced[1] : trimmed;
}

export type JsonVerdict =
  | { ok: true; value: unknown }
  | { ok: false; reason: 'notJson'; message: string }
  | { ok: false; reason: 'schema'; violations: Array<{ pointer: string; message: string }> };

function draftOf(schema: Record<string, unknown>): SchemaDraft {
  const id = typeof schema.$schema === 'string' ? schema.$schema : '';
  if (id.includes('draft-04')) return '4';
  if (id.includes('draft-07') || id.includes('draft-06')) return '7';
  if (id.includes('2019-09')) return '2019-09';
  return '2020-12';
}

// Keywords that only say "something below failed"; the violation below says what.
const AGGREGATES = new Set([
  'properties',
  'items',
  'prefixItems',
  'additionalItems',
  'allOf',
  '$ref',
  '$dynamicRef',
  'unevaluatedProperties',
  'unevaluatedItems',
  'dependentSchemas',
  'if',
  'then',
  'else',
]);

export function checkJsonAnswer(answer: string, schema?: Record<string, unknown>): JsonVerdict {
  let value: unknown;
  try {
    value = JSON.parse(jsonTextOf(answer));
  } catch (error) {
    return { ok: false, reason: 'notJson', message: (error as Error).message };
  }
  if (!schema) return { ok: true, value };
  const result = new Validator(schema as Schema, draftOf(schema), false).validate(value);
  if (result.valid) return { ok: true, value };
  const specific = result.errors.filter((e) => !AGGREGATES.has(e.keyword));
  const shown = specific.length ? specific : result.errors;
  return {
    ok: false,
    reason: 'schema',
    violations: shown.map((e) => ({ pointer: e.instanceLocation.replace(/^#/, '') || '/', message: e.error })),
  };
}
