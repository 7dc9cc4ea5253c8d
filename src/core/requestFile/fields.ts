// Type-checks the fields of one request object. Every problem names the JSON path of the field it is about,
// and says what to write instead.
import { CONVERSE_MEMBERS, readConverse } from './converseFields';
import { readExpect } from './expect';
import type { JsonPath, RequestFileProblem, RequestSpec, SourceRange } from './types';

export interface RequestLocation {
  index: number;
  path: JsonPath;
  range: SourceRange;
  rangeOf(path: JsonPath): SourceRange | undefined;
}

const ENUMS = {
  output: ['outputChannel', 'newDocument'],
  trace: ['ENABLED', 'DISABLED', 'ENABLED_FULL'],
  performanceConfigLatency: ['standard', 'optimized'],
  serviceTier: ['priority', 'default', 'flex', 'reserved'],
} as const;

const STRINGS = [
  'name',
  'modelId',
  'prompt',
  'system',
  'contentType',
  'accept',
  'guardrailIdentifier',
  'guardrailVersion',
] as const;
const PROMPT_SETTINGS = ['system', 'maxTokens', 'temperature', 'topP'] as const;

/** Every field a request may have; `$schema` is allowed so a file can name its schema explicitly. */
export const REQUEST_FIELDS = [
  'name',
  'modelId',
  'body',
  'prompt',
  'system',
  'maxTokens',
  'temperature',
  'topP',
  'stream',
  'output',
  'contentType',
  'accept',
  'trace',
  'guardrailIdentifier',
  'guardrailVersion',
  'performanceConfigLatency',
  'serviceTier',
  'expect',
  'api',
] as const;
const KNOWN = new Set<string>([...REQUEST_FIELDS, ...CONVERSE_MEMBERS, '$schema']);
/** Fields whose meaning a Converse request takes from the service model instead (read by readConverse). */
const CONVERSE_OWN = new Set<string>(CONVERSE_MEMBERS);
const APIS = ['invokeModel', 'converse'];

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `${typeof value} ${JSON.stringify(value)}`;
}

export function readRequest(
  value: Record<string, unknown>,
  at: RequestLocation,
): { spec: RequestSpec; problems: RequestFileProblem[] } {
  const spec: RequestSpec = { index: at.index, path: at.path, range: at.range };
  const problems: RequestFileProblem[] = [];
  const fail = (key: string | undefined, message: string) => {
    const path = key === undefined ? at.path : [...at.path, key];
    problems.push({ kind: 'field', message, path, range: at.rangeOf(path) ?? at.range, requestIndex: at.index });
  };
  const fields = spec as unknown as Record<string, unknown>;
  if ('api' in value) {
    if (typeof value.api === 'string' && APIS.includes(value.api)) spec.api = value.api as RequestSpec['api'];
    else
      fail(
        'api',
        `"api" must be "invokeModel" (the default: InvokeModel with the model's native body) or "converse" (Converse, one message format for every model), not ${describe(value.api)}.`,
      );
  }
  const converse = spec.api === 'converse';

  for (const [key, v] of Object.entries(value)) {
    if (!KNOWN.has(key)) {
      fail(
        key,
        `Unknown field "${key}". A request has ${REQUEST_FIELDS.join(', ')}; model parameters go inside "body".`,
      );
    } else if (CONVERSE_OWN.has(key) && converse) {
      continue;
    } else if (CONVERSE_OWN.has(key) && !['system', 'serviceTier'].includes(key)) {
      fail(
        key,
        `"${key}" is a Converse field: add "api": "converse" to this request to send it with Converse, or put the model's own spelling inside "body".`,
      );
    } else if ((STRINGS as readonly string[]).includes(key)) {
      if (typeof v === 'string') fields[key] = v;
      else fail(key, `"${key}" must be a string, not ${describe(v)}.`);
    } else if (key in ENUMS) {
      const allowed = ENUMS[key as keyof typeof ENUMS] as readonly string[];
      if (typeof v === 'string' && allowed.includes(v)) fields[key] = v;
      else fail(key, `"${key}" must be one of ${allowed.map((a) => `"${a}"`).join(', ')}, not ${describe(v)}.`);
    }
  }

  if (spec.modelId !== undefined && spec.modelId.trim() === '') {
    fail(
      'modelId',
      '"modelId" is empty. Write a model ID, inference profile ID or ARN, or remove the field to use the model selected in the status bar.',
    );
  }
  if ('expect' in value) {
    const read = readExpect(value.expect, [...at.path, 'expect'], at.rangeOf, at.range, at.index);
    if (read.expect) spec.expect = read.expect;
    problems.push(...read.problems);
  }
  if (converse) {
    if ('stream' in value) {
      if (typeof value.stream === 'boolean') spec.stream = value.stream;
      else fail('stream', `"stream" must be true or false, not ${describe(value.stream)}.`);
    }
    readConverse(value, spec, at, problems);
    return { spec, problems };
  }
  if ('body' in value) {
    const body = value.body;
    if (typeof body === 'object' && body !== null && !Array.isArray(body)) spec.body = body as Record<string, unknown>;
    else fail('body', `"body" must be the model's native request body, a JSON object { ... }, not ${describe(body)}.`);
  }
  if ('maxTokens' in value) {
    const n = value.maxTokens;
    if (typeof n === 'number' && Number.isInteger(n) && n >= 1) spec.maxTokens = n;
    else fail('maxTokens', `"maxTokens" must be a whole number of at least 1, not ${describe(n)}.`);
  }
  for (const key of ['temperature', 'topP'] as const) {
    if (!(key in value)) continue;
    const n = value[key];
    const max = key === 'topP' ? 1 : 2;
    if (typeof n === 'number' && n >= 0 && n <= max) spec[key] = n;
    else fail(key, `"${key}" must be a number from 0 to ${max}, not ${describe(n)}.`);
  }
  if ('stream' in value) {
    if (typeof value.stream === 'boolean') spec.stream = value.stream;
    else fail('stream', `"stream" must be true or false, not ${describe(value.stream)}.`);
  }

  const hasBody = 'body' in value;
  const hasPrompt = 'prompt' in value;
  if (hasBody && hasPrompt) {
    fail(
      'prompt',
      'A request has either "prompt" (turned into the model\'s body for you) or "body" (sent as is), not both. Remove one.',
    );
  } else if (!hasBody && !hasPrompt) {
    fail(
      undefined,
      'This request has neither "prompt" nor "body". Add "prompt": "..." for a simple request, or "body": { ... } with the model\'s native request.',
    );
  } else if (hasBody) {
    for (const key of PROMPT_SETTINGS) {
      if (key in value)
        fail(
          key,
          `"${key}" only applies to a "prompt" request. With "body", set the model's own parameter inside "body".`,
        );
    }
  }
  if (spec.guardrailVersion !== undefined && spec.guardrailIdentifier === undefined) {
    fail('guardrailVersion', '"guardrailVersion" needs "guardrailIdentifier" too. Add the guardrail ID or ARN.');
  }
  if (spec.guardrailIdentifier !== undefined && spec.guardrailVersion === undefined) {
    fail('guardrailIdentifier', '"guardrailIdentifier" needs "guardrailVersion" too, e.g. "DRAFT" or "1".');
  }
  return { spec, problems };
}
