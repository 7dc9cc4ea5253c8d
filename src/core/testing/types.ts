// A request of a request file run as a test: what came back, which expectations failed and where, and why a
// request could not run at all. Shared by the Test Explorer and the CLI, so both report the same results.
import type { Problem } from '../errors/classify';
import type { ModelKind, Usage } from '../models/types';
import type { JsonPath, RequestFileProblem, SourceRange } from '../requestFile/types';

/** What a request's answer was, as far as expectations look at it. */
export interface Observation {
  kind: ModelKind;
  modelId: string;
  /** The answer's text (text models). */
  text: string;
  stopReason?: string;
  usage: Usage;
  /** From sending the request to the end of the answer, in ms. */
  latencyMs: number;
  /** From sending the request to the first text, in ms (for an answer that was not streamed: when it arrived). */
  firstTokenMs?: number;
  streamed: boolean;
  /** Embedding models: the first vector's length. */
  dimension?: number;
  /** Image models: how many images came back. */
  imageCount?: number;
}

export type ExpectationKind =
  | 'contains'
  | 'notContains'
  | 'matches'
  | 'json'
  | 'stopReason'
  | 'maxOutputTokens'
  | 'maxLatencyMs'
  | 'maxTimeToFirstTokenMs'
  | 'dimension'
  | 'count'
  | 'similarTo'
  | 'judge';

export interface ExpectationFailure {
  expectation: ExpectationKind;
  /** The expectation's node in the request file, e.g. [0, 'expect', 'contains', 1]. */
  path: JsonPath;
  /** That node's span in the file's text (what the editor underlines). */
  range?: SourceRange;
  /** The whole sentence: what was expected, what came. */
  message: string;
  /** What was expected, short (for a diff). */
  expected: string;
  /** What came instead, short (for a diff). */
  actual: string;
  /** For a JSON Schema violation: where in the answer, as a JSON Pointer (`/items/0/name`). */
  answerPath?: string;
}

export type TestStatus = 'passed' | 'failed' | 'errored' | 'cancelled';

/** Why a request could not run (or an expectation could not be evaluated): nothing to compare. */
export interface TestError {
  /** The request file's own problem (syntax, field, variable, model), found before anything was sent. */
  fileProblem?: RequestFileProblem;
  /** Bedrock's (or the network's, or the credentials') classified problem. */
  problem?: Problem;
  message: string;
  /** What to do about it, in words. */
  hint?: string;
  path: JsonPath;
  range?: SourceRange;
}

export interface RequestTestResult {
  /** The file as the caller names it (a relative path in the CLI, a URI string in the editor). */
  file: string;
  index: number;
  /** The request's `name`, else `request N`. */
  name: string;
  path: JsonPath;
  range: SourceRange;
  status: TestStatus;
  failures: ExpectationFailure[];
  error?: TestError;
  observation?: Observation;
  /** Wall time of the whole test, grading included, in ms. */
  durationMs: number;
  /** Tokens of the request itself. */
  usage: Usage;
  /** Tokens the graders used (`judge`, `similarTo` embeddings): they count in the run's totals. */
  graderUsage: Usage;
  /** Whether the request has an `expect` object (without one, answering without error passes). */
  hasExpectations: boolean;
}

export interface RunTotals {
  passed: number;
  failed: number;
  errored: number;
  cancelled: number;
  inputTokens: number;
  outputTokens: number;
  durationMs: number;
}
