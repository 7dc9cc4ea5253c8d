/**
 * A tiny JSON-schema subset whose violation texts match Bedrock's model-input validator (an Everit-style
 * validator: `#/path: message`, violations concatenated with no separator).
 */
import { BedrockError } from './errors';

export type Schema =
  | { type: 'object'; properties?: Record<string, Schema>; required?: string[]; additionalProperties?: boolean }
  | { type: 'array'; items?: Schema; minItems?: number; maxItems?: number }
  | { type: 'string'; enum?: string[]; minLength?: number; maxLength?: number }
  | { type: 'integer' | 'number'; minimum?: number; maximum?: number; enum?: number[] }
  | { type: 'boolean' }
  | { type: 'any' }
  | { anyOf: Schema[] };

/** Returns every violation, in validator order (required, properties, extraneous). */
export function violations(value: unknown, schema: Schema, path = '#'): string[] {
  if ('anyOf' in schema) {
    const branches = schema.anyOf.map((s) => violations(value, s, path));
    return branches.some((b) => b.length === 0) ? [] : branches.flat();
  }
  if (schema.type === 'any') return [];
  const found = typeName(value);
  const expected = expectedName(schema.type);
  const typeOk =
    schema.type === 'number'
      ? typeof value === 'number'
      : schema.type === 'integer'
        ? Number.isInteger(value)
        : found === expected;
  if (!typeOk) return [`${path}: expected type: ${expected}, found: ${found}`];

  const out: string[] = [];
  switch (schema.type) {
    case 'object': {
      const obj = value as Record<string, unknown>;
      for (const key of schema.required ?? []) {
        if (!(key in obj)) out.push(`${path}: required key [${key}] not found`);
      }
      const props = schema.properties ?? {};
      for (const [key, sub] of Object.entries(props)) {
        if (key in obj) out.push(...violations(obj[key], sub, `${path}/${key}`));
      }
      if (schema.additionalProperties !== true) {
        for (const key of Object.keys(obj)) {
          if (!(key in props)) out.push(`${path}: extraneous key [${key}] is not permitted`);
        }
      }
      break;
    }
    case 'array': {
      const arr = value as unknown[];
      if (schema.minItems !== undefined && arr.length < schema.minItems) {
        out.push(`${path}: expected minimum item count: ${schema.minItems}, found: ${arr.length}`);
      }
      if (schema.maxItems !== undefined && arr.length > schema.maxItems) {
        out.push(`${path}: expected maximum item count: ${schema.maxItems}, found: ${arr.length}`);
      }
      if (schema.items) arr.forEach((item, i) => out.push(...violations(item, schema.items as Schema, `${path}/${i}`)));
      break;
    }
    case 'string': {
      const s = value as string;
      if (schema.minLength !== undefined && s.length < schema.minLength) {
        out.push(`${path}: expected minLength: ${schema.minLength}, actual: ${s.length}`);
      }
      if (schema.maxLength !== undefined && s.length > schema.maxLength) {
        out.push(`${path}: expected maxLength: ${schema.maxLength}, actual: ${s.length}`);
      }
      if (schema.enum && !schema.enum.includes(s)) out.push(`${path}: ${s} is not a valid enum value`);
      break;
    }
    case 'integer':
    case 'number': {
      const n = value as number;
      if (schema.minimum !== undefined && n < schema.minimum)
        out.push(`${path}: ${n} is not greater or equal to ${schema.minimum}`);
      if (schema.maximum !== undefined && n > schema.maximum)
        out.push(`${path}: ${n} is not less or equal to ${schema.maximum}`);
      if (schema.enum && !schema.enum.includes(n)) out.push(`${path}: ${n} is not a valid enum value`);
      break;
    }
  }
  return out;
}

export function malformed(detail: string): BedrockError {
  return BedrockError.of(
    'ValidationException',
    `Malformed input request: ${detail}, please reformat your input and try again.`,
  );
}

/** Throws the service's ValidationException when the body does not match. */
export function checkSchema(body: unknown, schema: Schema): void {
  const found = violations(body, schema);
  if (found.length > 0) throw malformed(found.join(''));
}

function typeName(v: unknown): string {
  if (v === null) return 'Null';
  if (Array.isArray(v)) return 'JSONArray';
  switch (typeof v) {
    case 'object':
      return 'JSONObject';
    case 'string':
      return 'String';
    case 'boolean':
      return 'Boolean';
    case 'number':
      return Number.isInteger(v) ? 'Integer' : 'BigDecimal';
    default:
      return typeof v;
  }
}

function expectedName(t: string): string {
  return (
    {
      object: 'JSONObject',
      array: 'JSONArray',
      string: 'String',
      integer: 'Integer',
      number: 'Number',
      boolean: 'Boolean',
    }[t] ?? t
  );
}

// Shorthands that keep the per-family schemas readable.
export const S = {
  str: (extra: Omit<Extract<Schema, { type: 'string' }>, 'type'> = {}): Schema => ({ type: 'string', ...extra }),
  int: (minimum?: number, maximum?: number): Schema => ({ type: 'integer', minimum, maximum }),
  num: (minimum?: number, maximum?: number): Schema => ({ type: 'number', minimum, maximum }),
  intEnum: (values: number[]): Schema => ({ type: 'integer', enum: values }),
  bool: (): Schema => ({ type: 'boolean' }),
  any: (): Schema => ({ type: 'any' }),
  arr: (items?: Schema, minItems?: number, maxItems?: number): Schema => ({ type: 'array', items, minItems, maxItems }),
  obj: (properties: Record<string, Schema>, required: string[] = [], additionalProperties = false): Schema => ({
    type: 'object',
    properties,
    required,
    additionalProperties,
  }),
  anyOf: (...anyOf: Schema[]): Schema => ({ anyOf }),
};
