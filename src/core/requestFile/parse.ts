// Reads a request file (JSON with comments and trailing commas) into typed requests, keeping the source range of
// every JSON path so that a problem can be shown on the exact node it is about. A request file is untrusted input
// and may be huge: the work is linear in its size (a table of line starts, not a scan per message), nesting, the
// number of requests, of syntax messages and of variables are bounded (see LIMITS), and every limit is a problem
// at the node where it is reached, never an exception. A key written twice in one object is a problem on the
// second one, and stops its request: readers disagree on which of the two counts.
import {
  createScanner,
  findNodeAtLocation,
  getNodePath,
  getNodeValue,
  parseTree,
  printParseErrorCode,
  SyntaxKind,
  type Node,
  type ParseError,
} from 'jsonc-parser';
import { readRequest } from './fields';
import type { JsonPath, RequestFileProblem, RequestSpec, SourceRange } from './types';

/** The limits every request file is read within; README "Workspace trust and secrets" lists them. */
export const LIMITS = {
  /** Objects and arrays inside one another (a Bedrock body, tool schemas included, needs a few dozen at most). */
  depth: 100,
  /** Requests in one file. */
  requests: 1000,
  /** Syntax messages kept (the rest are counted in the last one). */
  syntaxProblems: 100,
  /** `${...}` variables in one request. */
  variables: 1000,
} as const;

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

/** Offsets where each line starts, for line and column lookups in O(log lines). */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** Line and column (1-based) of an offset, for messages that name a place in the text. */
export function lineColumn(text: string, offset: number, starts = lineStarts(text)): { line: number; column: number } {
  const at = Math.max(0, Math.min(offset, text.length));
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= at) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: at - starts[lo] + 1 };
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

function syntaxProblem(text: string, error: ParseError, starts: number[]): RequestFileProblem {
  const code = printParseErrorCode(error.error);
  const { line, column } = lineColumn(text, error.offset, starts);
  return {
    kind: 'syntax',
    message: `The request file is not valid JSON: line ${line}, column ${column}: ${SYNTAX_WORDS[code] ?? code}. Fix it and run again; nothing was sent.`,
    path: [],
    // An error at the end of the text (a brace missing) has nothing to underline: an empty range there.
    range: {
      offset: Math.min(error.offset, text.length),
      length: Math.max(0, Math.min(Math.max(error.length, 1), text.length - error.offset)),
    },
  };
}

/**
 * The first opening bracket or brace nested deeper than LIMITS.depth, found with jsonc-parser's scanner (linear,
 * strings and comments skipped) before anything recursive looks at the text.
 */
function tooDeep(text: string): number | undefined {
  const scanner = createScanner(text, false);
  let depth = 0;
  for (let token = scanner.scan(); token !== SyntaxKind.EOF; token = scanner.scan()) {
    if (token === SyntaxKind.OpenBraceToken || token === SyntaxKind.OpenBracketToken) {
      if (++depth > LIMITS.depth) return scanner.getTokenOffset();
    } else if (token === SyntaxKind.CloseBraceToken || token === SyntaxKind.CloseBracketToken) {
      depth = Math.max(0, depth - 1);
    }
  }
  return undefined;
}

/** Keys written twice in one object, each a problem on its second (third...) occurrence. Iterative: no recursion. */
function duplicateKeys(
  root: Node,
  text: string,
  starts: number[],
  requestOf: (node: Node) => number | undefined,
): RequestFileProblem[] {
  const problems: RequestFileProblem[] = [];
  const stack: Node[] = [root];
  while (stack.length) {
    const node = stack.pop() as Node;
    const children = node.children ?? [];
    if (node.type === 'object') {
      const seen = new Map<string, Node>();
      for (const property of children) {
        const key = property.children?.[0];
        if (!key || typeof key.value !== 'string') continue;
        const first = seen.get(key.value);
        if (!first) {
          seen.set(key.value, key);
        } else {
          const { line } = lineColumn(text, first.offset, starts);
          const problem: RequestFileProblem = {
            kind: 'duplicate',
            message:
              `"${key.value}" appears twice in this object (first on line ${line}); JSON readers disagree on which one counts, so the request is not sent. ` +
              'Remove one of them.',
            path: getNodePath(key),
            range: { offset: key.offset, length: key.length },
          };
          const index = requestOf(key);
          if (index !== undefined) problem.requestIndex = index;
          problems.push(problem);
        }
      }
    }
    for (const child of children) if (child.children) stack.push(child);
  }
  return problems.sort((a, b) => a.range.offset - b.range.offset);
}

function spanOf(node: Node): SourceRange {
  return { offset: node.offset, length: node.length };
}

export function parseRequestFile(text: string): RequestFile {
  const starts = lineStarts(text);
  const deep = tooDeep(text);
  if (deep !== undefined) {
    const { line, column } = lineColumn(text, deep, starts);
    return fileOf(text, undefined, [
      {
        kind: 'limit',
        message:
          `The request file nests objects and arrays more than ${LIMITS.depth} levels deep (line ${line}, column ${column}), ` +
          'deeper than any Bedrock request needs; it is not read further and nothing is sent. Flatten the structure.',
        path: [],
        range: { offset: deep, length: 1 },
      },
    ]);
  }
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, PARSE_OPTIONS);
  const problems: RequestFileProblem[] = errors
    .slice(0, LIMITS.syntaxProblems)
    .map((e) => syntaxProblem(text, e, starts));
  if (errors.length > LIMITS.syntaxProblems) {
    const last = problems[problems.length - 1];
    last.message += ` (${errors.length - LIMITS.syntaxProblems} more syntax errors follow; fix the first ones first.)`;
  }
  return fileOf(text, root, problems, starts);
}

function fileOf(text: string, root: Node | undefined, problems: RequestFileProblem[], starts?: number[]): RequestFile {
  const requests: RequestSpec[] = [];
  const wholeFile: SourceRange = { offset: 0, length: text.length };
  const isArray = root?.type === 'array';
  const nodeAt = (path: JsonPath): Node | undefined =>
    root ? (path.length ? findNodeAtLocation(root, path) : root) : undefined;
  const rangeOf = (path: JsonPath): SourceRange | undefined => {
    const node = nodeAt(path);
    return node ? spanOf(node) : undefined;
  };
  let limitProblem: RequestFileProblem | undefined;

  if (!root && problems.length === 0) {
    problems.push({
      kind: 'syntax',
      message:
        'The request file is empty. Write a request such as { "modelId": "amazon.nova-lite-v1:0", "prompt": "Hello" }, or run Bedrock: New Request File.',
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
    const all = root.type === 'array' ? (root.children ?? []) : [root];
    if (all.length === 0) {
      problems.push({
        kind: 'field',
        message: 'The array holds no request. Add a request object { ... } to it.',
        path: [],
        range: spanOf(root),
      });
    }
    const nodes = all.slice(0, LIMITS.requests);
    if (all.length > LIMITS.requests) {
      const first = all[LIMITS.requests];
      limitProblem = {
        kind: 'limit',
        message:
          `The file holds ${all.length} requests, more than the ${LIMITS.requests} a request file may hold; request ${LIMITS.requests + 1} and those after it are not read. ` +
          'Split the file.',
        path: [LIMITS.requests],
        range: spanOf(first),
        requestIndex: LIMITS.requests,
      };
      problems.push(limitProblem);
    }
    const indexOf = new Map(nodes.map((node, index) => [node, index]));
    const requestOf = (node: Node): number | undefined => {
      if (!isArray) return 0;
      let at: Node = node;
      while (at.parent && at.parent !== root) at = at.parent;
      return indexOf.get(at);
    };
    const duplicates = duplicateKeys(root, text, starts ?? lineStarts(text), requestOf).filter(
      (p) => !isArray || p.requestIndex !== undefined,
    );
    const shown = duplicates.slice(0, LIMITS.syntaxProblems);
    for (const p of shown) problems.push(p);
    if (duplicates.length > LIMITS.syntaxProblems) {
      problems[problems.length - 1].message +=
        ` (${duplicates.length - LIMITS.syntaxProblems} more keys appear twice.)`;
      // The messages are capped, the guarantee is not: every request with a key written twice keeps one problem, so
      // it is never sent.
      const stopped = new Set(shown.map((p) => p.requestIndex));
      for (const p of duplicates.slice(LIMITS.syntaxProblems)) {
        if (stopped.has(p.requestIndex)) continue;
        stopped.add(p.requestIndex);
        problems.push(p);
      }
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
      for (const p of read.problems) problems.push(p);
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
    problemsOf: (index) =>
      problems.filter(
        (p) =>
          p.requestIndex === undefined || p.requestIndex === index || (p === limitProblem && index >= LIMITS.requests),
      ),
  };
}
