// The optional `expect` object of a request: what its answer must satisfy when the request runs as a test (the
// Test Explorer and the CLI). Read here with the rest of the request's fields, so a wrong expectation is a problem
// on its own node before anything is sent; core/testing evaluates it against the answer.
import type { JsonPath, RequestFileProblem, SourceRange } from './types';

export interface JudgeSpec {
  /** What a good answer does, in words the grader model reads. */
  rubric: string;
  /** The model that grades (a text model: foundation model ID, inference profile ID or ARN). */
  modelId: string;
}

/** The expectations of one request, type-checked; strings may still hold `${...}` variables. */
export interface ExpectSpec {
  contains?: string[];
  notContains?: string[];
  /** Compare `contains` / `notContains` / `matches` without regard to case. */
  ignoreCase?: boolean;
  /** Regular expressions (JavaScript syntax) the answer must match. */
  matches?: string[];
  /** true: the answer parses as JSON. An object: and validates against this JSON Schema. A string: the schema's text (`${file:schema.json}`). */
  json?: true | Record<string, unknown> | string;
  /** The stop reason must be one of these (the family's own words: `end_turn`, `stop`, `FINISH`, ...). */
  stopReason?: string[];
  maxOutputTokens?: number;
  maxLatencyMs?: number;
  maxTimeToFirstTokenMs?: number;
  /** Embedding models: the vector's length. */
  dimension?: number;
  /** Image models: how many images come back. */
  count?: number;
  /** A reference text the answer must be close to in meaning (cosine similarity of embeddings). */
  similarTo?: string;
  /** Least cosine similarity for `similarTo` (-1 to 1); default DEFAULT_MIN_SIMILARITY. */
  minSimilarity?: number;
  /** The embeddings model that embeds the answer and `similarTo`. */
  embeddingModelId?: string;
  judge?: JudgeSpec;
}

export const DEFAULT_MIN_SIMILARITY = 0.8;

export const EXPECT_FIELDS = [
  'contains',
  'notContains',
  'ignoreCase',
  'matches',
  'json',
  'stopReason',
  'maxOutputTokens',
  'maxLatencyMs',
  'maxTimeToFirstTokenMs',
  'dimension',
  'count',
  'similarTo',
  'minSimilarity',
  'embeddingModelId',
  'judge',
] as const;

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `${typeof value} ${JSON.stringify(value)}`;
}

/** A regular expression's syntax error, or undefined when it compiles (or holds a variable not yet expanded). */
export function regexProblem(source: string, ignoreCase: boolean): string | undefined {
  if (source.includes('${')) return undefined;
  try {
    new RegExp(source, ignoreCase ? 'iu' : 'u');
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

/** Type-checks `expect`; `path` is the path of the `expect` node itself. */
export function readExpect(
  value: unknown,
  path: JsonPath,
  rangeOf: (path: JsonPath) => SourceRange | undefined,
  fallback: SourceRange,
  requestIndex: number,
): { expect?: ExpectSpec; problems: RequestFileProblem[] } {
  const problems: RequestFileProblem[] = [];
  const fail = (at: JsonPath, message: string) =>
    problems.push({ kind: 'field', message, path: at, range: rangeOf(at) ?? rangeOf(path) ?? fallback, requestIndex });
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    fail(path, `"expect" must be an object of expectations, e.g. { "contains": "Paris" }, not ${describe(value)}.`);
    return { problems };
  }
  const spec: ExpectSpec = {};
  const given = value as Record<string, unknown>;
  const known = new Set<string>(EXPECT_FIELDS);
  for (const key of Object.keys(given)) {
    if (!known.has(key))
      fail([...path, key], `Unknown expectation "${key}". "expect" may hold ${EXPECT_FIELDS.join(', ')}.`);
  }
  const strings = (key: 'contains' | 'notContains' | 'matches' | 'stopReason') => {
    if (!(key in given)) return;
    const v = given[key];
    const list =
      typeof v === 'string'
        ? [v]
        : Array.isArray(v) && v.length > 0 && v.every((s) => typeof s === 'string')
          ? (v as string[])
          : undefined;
    if (!list) fail([...path, key], `"${key}" must be a string or a non-empty list of strings, not ${describe(v)}.`);
    else spec[key] = list;
  };
  strings('contains');
  strings('notContains');
  strings('matches');
  strings('stopReason');
  if ('ignoreCase' in given) {
    if (typeof given.ignoreCase === 'boolean') spec.ignoreCase = given.ignoreCase;
    else fail([...path, 'ignoreCase'], `"ignoreCase" must be true or false, not ${describe(given.ignoreCase)}.`);
  }
  spec.matches?.forEach((source, i) => {
    const error = regexProblem(source, spec.ignoreCase === true);
    const at = typeof given.matches === 'string' ? [...path, 'matches'] : [...path, 'matches', i];
    if (error)
      fail(
        at,
        `"matches" is not a valid regular expression: ${error}. Write JavaScript regular expression syntax, with \\\\ for a backslash in JSON.`,
      );
  });
  if ('json' in given) {
    const v = given.json;
    if (v === true || typeof v === 'string' || (typeof v === 'object' && v !== null && !Array.isArray(v)))
      spec.json = v as ExpectSpec['json'];
    else
      fail(
        [...path, 'json'],
        `"json" must be true (the answer parses as JSON), a JSON Schema object, or "\${file:schema.json}", not ${describe(v)}.`,
      );
  }
  for (const key of ['maxOutputTokens', 'maxLatencyMs', 'maxTimeToFirstTokenMs', 'dimension', 'count'] as const) {
    if (!(key in given)) continue;
    const n = given[key];
    const least = key === 'count' || key === 'dimension' ? 1 : 0;
    if (typeof n === 'number' && Number.isInteger(n) && n >= least) spec[key] = n;
    else fail([...path, key], `"${key}" must be a whole number of at least ${least}, not ${describe(n)}.`);
  }
  for (const key of ['similarTo', 'embeddingModelId'] as const) {
    if (!(key in given)) continue;
    const v = given[key];
    if (typeof v === 'string' && v.trim()) spec[key] = v;
    else fail([...path, key], `"${key}" must be a non-empty string, not ${describe(v)}.`);
  }
  if ('minSimilarity' in given) {
    const n = given.minSimilarity;
    if (typeof n === 'number' && n >= -1 && n <= 1) spec.minSimilarity = n;
    else
      fail(
        [...path, 'minSimilarity'],
        `"minSimilarity" must be a number from -1 to 1 (cosine similarity), not ${describe(n)}.`,
      );
  }
  if ('similarTo' in given && !('embeddingModelId' in given)) {
    fail(
      [...path, 'similarTo'],
      '"similarTo" needs "embeddingModelId" too: the embeddings model that compares the answer with this text, e.g. "amazon.titan-embed-text-v2:0".',
    );
  }
  if (('minSimilarity' in given || 'embeddingModelId' in given) && !('similarTo' in given)) {
    fail(
      [...path, 'minSimilarity' in given ? 'minSimilarity' : 'embeddingModelId'],
      'This only applies with "similarTo": add the reference text the answer should be close to.',
    );
  }
  if ('judge' in given) {
    const v = given.judge;
    const at = [...path, 'judge'];
    if (typeof v !== 'object' || v === null || Array.isArray(v)) {
      fail(at, `"judge" must be an object { "rubric": "...", "modelId": "..." }, not ${describe(v)}.`);
    } else {
      const judge = v as Record<string, unknown>;
      for (const key of Object.keys(judge)) {
        if (key !== 'rubric' && key !== 'modelId')
          fail([...at, key], `Unknown field "${key}" in "judge". It holds "rubric" and "modelId".`);
      }
      const rubric = judge.rubric;
      const modelId = judge.modelId;
      if (typeof rubric !== 'string' || !rubric.trim())
        fail(
          'rubric' in judge ? [...at, 'rubric'] : at,
          '"judge" needs "rubric": what a good answer does, in words the grader model reads.',
        );
      if (typeof modelId !== 'string' || !modelId.trim())
        fail(
          'modelId' in judge ? [...at, 'modelId'] : at,
          '"judge" needs "modelId": the text model that grades the answer, e.g. "us.anthropic.claude-3-5-haiku-20241022-v1:0".',
        );
      if (typeof rubric === 'string' && rubric.trim() && typeof modelId === 'string' && modelId.trim())
        spec.judge = { rubric, modelId };
    }
  }
  return problems.length ? { problems } : { expect: spec, problems };
}
