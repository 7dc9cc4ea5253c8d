// The request-file format (*.bedrock.json) as typed data, with where each part came from in the text.
// Plain TypeScript: no vscode here.
import type { ConverseFields } from './converseFields';
import type { ExpectSpec } from './expect';

/** Keys and array indexes from the file's root to a node, e.g. [1, 'body', 'messages', 0]. */
export type JsonPath = (string | number)[];

/** A span of the file's text, in UTF-16 offsets (what jsonc-parser and vscode.TextDocument.positionAt use). */
export interface SourceRange {
  offset: number;
  length: number;
}

export type OutputTarget = 'outputChannel' | 'newDocument';

/** One request of a file, its fields type-checked but its `${...}` variables not yet expanded. */
export interface RequestSpec {
  /** Position in the file: 0 for a single request object, else its array index. */
  index: number;
  /** Path of the request object itself: [] for a single object, [index] in an array. */
  path: JsonPath;
  /** Span of the whole request object. */
  range: SourceRange;
  name?: string;
  /** `invokeModel` (default): InvokeModel with `body` or `prompt`. `converse`: Converse with its own members (`converse`). */
  api?: 'invokeModel' | 'converse';
  /** api "converse": Converse's members as written (`system` may be the shorthand string). */
  converse?: ConverseFields;
  modelId?: string;
  /** The model's native request body, sent as is (after variable expansion). */
  body?: Record<string, unknown>;
  prompt?: string;
  system?: string;
  maxTokens?: number;
  temperature?: number;
  topP?: number;
  stream?: boolean;
  output?: OutputTarget;
  contentType?: string;
  accept?: string;
  trace?: 'ENABLED' | 'DISABLED' | 'ENABLED_FULL';
  guardrailIdentifier?: string;
  guardrailVersion?: string;
  performanceConfigLatency?: 'standard' | 'optimized';
  serviceTier?: 'priority' | 'default' | 'flex' | 'reserved';
  /** What the answer must satisfy when the request runs as a test (Test Explorer, CLI). */
  expect?: ExpectSpec;
}

/** `limit`: a limit of size or shape (LIMITS in parse.ts) was reached; `duplicate`: a key written twice in one object. */
export type RequestFileProblemKind = 'syntax' | 'field' | 'variable' | 'model' | 'limit' | 'duplicate';

/** Something wrong with the file itself, found before anything is sent. */
export interface RequestFileProblem {
  kind: RequestFileProblemKind;
  /** What is wrong and what to do next, in plain words. */
  message: string;
  /** The JSON node the problem is about ([] for the root or for syntax errors). */
  path: JsonPath;
  /** The exact text to underline: the node, the variable inside a string, or the syntax error. */
  range: SourceRange;
  /** The request it belongs to, when it belongs to one. */
  requestIndex?: number;
}
