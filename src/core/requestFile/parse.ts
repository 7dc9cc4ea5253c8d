// Reads a request file (JSON with comments and trailing commas) into typed requests, keeping the source range of
// every JSON path so that a problem can be shown on the exact node it is about.
import { findNodeAtLocation, getNodeValue, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { readRequest } from './fields';
import type { JsonPath, RequestFileProblem, RequestSpec, SourceRange } from './types';

export interface RequestFile {
  readonly text: string;
  /** Every request object found, in file order; those with problems too (see problemsOf). */
  readonly requests: RequestSpec[];
  /** Syntax problems and field problems of every request. */
  readonly problems: RequestFileProblem[];
  /** True when the root is an array of requests. */
  readonly isArray: boolean;
  /** The span of the node at a path, e.g. rangeOf([0, 'body', 'messages']); undefined when there is none. */
  rangeOf(path: JsonPath): SourceRange | undefined;
  /** The span of a property's key, for underlining a key that should not be there. */
  keyRangeOf(path: JsonPath): SourceRange | undefined;
  /** The request whose object contains the offset (e.g. the cursor). */
  requestAt(offset: number): RequestSpec | undefined;
  /** What stops a request from running: syntax errors of the file and the request's own problems. */
  problemsOf(index: number): RequestFileProblem[];
}

const PARSE_OPTIONS = { allowTrailingComma: true, disallowComments: false, allowEmptyContent: true };

/** Line and column (1-based) of an offset, for messages that name a place in the text. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

const SYNTAX_WORDS: Record<string, string> = {
  InvalidSymbol: 'an unexpected character',
  InvalidNumberFormat: 'a malformed number',
  PropertyNameExpected: 'a property name in double quotes is expected',
  ValueExpected: 'a value is expected',
  ColonExpected: 'a colon is expected',
  CommaExpected: 'a comma is expected',
  CloseBraceExpected: 'a closing brace } is expected',
  CloseBracketExpected: 'a closing bracket ] is expected',
  EndOfFileExpected: 'the text should end here (one request object or one array of them)',
  InvalidCommentToken: 'a malformed comment',
  UnexpectedEndOfComment: 'a comment is not closed',
  UnexpectedEndOfString: 'a string is not closed',
  UnexpectedEndOfNumber: 'a number is cut off',
  InvalidUnicode: 'a malformed \\u escape',
  InvalidEscapeCharacter: 'an invalid escape in a string',
  InvalidCharacter: 'a control character inside a string (write \\n for a line break)',
};

function syntaxProblem(text: string, error: ParseError): RequestFileProblem {
  const code = printParseErrorCode(error.error);
  const { line, column } = lineColumn(text, error.offset);
  return {
    kind: 'syntax',
    message: `The request file is not valid JSON: line ${line}, column ${column}: ${SYNTAX_WORDS[code] ?? code}. Fix it and run again; nothing was sent.`,
    path: [],
    range: { offset: error.offset, length: Math.max(error.length, 1) },
  };
}

function spanOf(node: Node): SourceRange {
  return { offset: node.offset, length: node.length };
}

export function parseRequestFile(text: string): RequestFile {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, PARSE_OPTIONS);
  const problems: RequestFileProblem[] = errors.map((e) => syntaxProblem(text, e));
  const requests: RequestSpec[] = [];
  const wholeFile: SourceRange = { offset: 0, length: text.length };
  const isArray = root?.type === 'array';
  const nodeAt = (path: JsonPath): Node | undefined => (root ? (path.length ? findNodeAtLocation(root, path) : root) : undefined);
  const rangeOf = (path: JsonPath): SourceRange | undefined => {
    const node = nodeAt(path);
    return node ? spanOf(node) : undefined;
  };

  if (!root && errors.length === 0) {
    problems.push({
      kind: 'syntax',
      message: 'The request file is empty. Write a request such as { "modelId": "amazon.nova-lite-v1:0", "prompt": "Hello" }, or run Bedrock: New Request File.',
      path: [],
      range: wholeFile,
    });
  } else if (root && root.type !== 'object' && root.type !== 'array') {
    problems.push({
      kind: 'syntax',
      message: 'A request file holds one request object { ... } or an array [ { ... }, { ... } ] of them.',
      path: [],
      range: spanOf(root),
    });
  } else if (root) {
    const nodes = root.type === 'array' ? (root.children ?? []) : [root];
    if (nodes.length === 0) {
      problems.push({ kind: 'field', message: 'The array holds no request. Add a request object { ... } to it.', path: [], range: spanOf(root) });
    }
    nodes.forEach((node, index) => {
      const path: JsonPath = isArray ? [index] : [];
      if (node.type !== 'object') {
        problems.push({
          kind: 'field',
          message: `Item ${index + 1} of the array is not a request object. Each item must be { "modelId": ..., "prompt" or "body": ... }.`,
          path,
          range: spanOf(node),
          requestIndex: index,
        });
        return;
      }
      // jsonc-parser builds prototype-less objects; a JSON round trip gives ordinary ones (and keeps a "__proto__" key a key).
      const value = JSON.parse(JSON.stringify(getNodeValue(node))) as Record<string, unknown>;
      const read = readRequest(value, { index, path, range: spanOf(node), rangeOf });
      requests.push(read.spec);
      problems.push(...read.problems);
    });
  }

  return {
    text,
    requests,
    problems,
    isArray,
    rangeOf,
    keyRangeOf: (path) => {
      const key = nodeAt(path)?.parent?.children?.[0];
      return key ? spanOf(key) : undefined;
    },
    requestAt: (offset) => requests.find((r) => offset >= r.range.offset && offset <= r.range.offset + r.range.length),
    problemsOf: (index) => problems.filter((p) => p.requestIndex === undefined || p.requestIndex === index),
  };
}
