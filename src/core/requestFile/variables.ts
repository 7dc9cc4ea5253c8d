// `${env:NAME}`, `${file:relative/path}`, `${input:Prompt text}` and `${selection}` inside the strings of a request.
// Expansion works on parsed values, so whatever a variable holds ends up as JSON string content, escaped when the
// body is serialized. Every variable is checked before any is resolved: an unknown one fails before a question is
// asked or a byte is sent. `$${` is a literal `${`.
import { LIMITS, type RequestFile } from './parse';
import type { JsonPath, RequestFileProblem, RequestSpec, SourceRange } from './types';
import { checkEnvironmentValue, checkEnvironmentVariable } from '../security/environment';

export type VariableKind = 'env' | 'file' | 'input' | 'selection';

export interface VariableRef {
  kind: VariableKind;
  /** What follows the colon: the variable name, path or prompt text ('' for selection). */
  argument: string;
  /** The variable as written, e.g. `${env:HOME}`. */
  text: string;
}

/** Where variable values come from. The VS Code layer supplies one; tests supply their own. */
export interface VariableResolver {
  /** An environment variable's value, or undefined when it is not set. */
  env(name: string): string | undefined;
  /** A file's contents, the path relative to the request file. Throws an Error saying why it cannot be read. */
  file(relativePath: string): Promise<string>;
  /**
   * A file's bytes, for the `bytes` of a Converse image, document, video or audio block written as one
   * `${file:...}` variable. Same rules as `file`; throws an Error saying why it cannot be read.
   */
  fileBytes?(relativePath: string): Promise<Uint8Array>;
  /** Asks the user; undefined when they cancel. Throws an Error saying how to give the value when nobody can be asked. */
  input(prompt: string): Promise<string | undefined>;
  /** The selected text of the most recently active other editor; undefined or '' when nothing is selected. */
  selection(): string | undefined;
  /** Secret-looking names the user allowed in their own settings; every other such name is refused. */
  allowedEnvironmentVariables?: readonly string[];
}

const USAGE =
  'Use ${env:NAME}, ${file:relative/path}, ${input:Prompt text} or ${selection}; write $${ for a literal ${.';

type Piece = string | VariableRef;

/**
 * Splits a string into literal text and variables; a string naming an unknown variable, or more than
 * LIMITS.variables of them, yields its error. Linear: it jumps from one `${` to the next.
 */
export function scanString(value: string): { pieces: Piece[] } | { error: string; token: string; limit?: true } {
  const pieces: Piece[] = [];
  let literal = '';
  let variables = 0;
  let i = 0;
  while (i < value.length) {
    const open = value.indexOf('${', i);
    if (open < 0) {
      literal += value.slice(i);
      break;
    }
    if (open > i && value[open - 1] === '$') {
      // `$${` is a literal `${`.
      literal += value.slice(i, open - 1) + '${';
      i = open + 2;
      continue;
    }
    literal += value.slice(i, open);
    i = open;
    const close = value.indexOf('}', i + 2);
    if (close < 0)
      return {
        error: `A variable is not closed: "${value.slice(i, i + 40)}" has no "}". ${USAGE}`,
        token: value.slice(i, i + 200),
      };
    const text = value.slice(i, close + 1);
    if (++variables > LIMITS.variables) {
      return {
        error: `This string holds more than ${LIMITS.variables} variables, more than a request may use. Use fewer (a file can hold the text).`,
        token: text,
        limit: true,
      };
    }
    const inner = value.slice(i + 2, close);
    const colon = inner.indexOf(':');
    const kind = (colon < 0 ? inner : inner.slice(0, colon)).trim();
    const argument = colon < 0 ? '' : inner.slice(colon + 1);
    if (kind === 'selection' && colon < 0) {
      pieces.push(literal, { kind, argument: '', text });
    } else if ((kind === 'env' || kind === 'file' || kind === 'input') && colon >= 0) {
      if (!argument.trim()) {
        const what = { env: 'the environment variable', file: 'the file', input: 'the question to ask' }[kind];
        return {
          error: `${text} is missing ${what}, e.g. ${kind === 'env' ? '${env:HOME}' : kind === 'file' ? '${file:prompt.txt}' : '${input:Topic}'}.`,
          token: text,
        };
      }
      pieces.push(literal, { kind, argument: kind === 'input' ? argument : argument.trim(), text });
    } else {
      return {
        error: `Unknown variable ${text.length > 80 ? `${text.slice(0, 80)}...}` : text}. ${USAGE}`,
        token: text,
      };
    }
    literal = '';
    i = close + 1;
  }
  pieces.push(literal);
  return { pieces: pieces.filter((p) => p !== '') };
}

interface Located {
  path: JsonPath;
  value: string;
}

/** Every string of the request that variables may appear in, with its path. */
function stringsOf(spec: RequestSpec): Located[] {
  const out: Located[] = [];
  const walk = (value: unknown, path: JsonPath) => {
    if (typeof value === 'string') out.push({ path, value });
    else if (Array.isArray(value)) value.forEach((v, i) => walk(v, [...path, i]));
    else if (typeof value === 'object' && value !== null)
      for (const [k, v] of Object.entries(value)) walk(v, [...path, k]);
  };
  for (const key of [
    'name',
    'modelId',
    'prompt',
    'system',
    'contentType',
    'accept',
    'guardrailIdentifier',
    'guardrailVersion',
    'body',
    'expect',
  ] as const) {
    if (spec[key] !== undefined) walk(spec[key], [...spec.path, key]);
  }
  for (const [key, value] of Object.entries(spec.converse ?? {})) walk(value, [...spec.path, key]);
  return out;
}

/** The span of `token` inside the string node at `path`, or the whole node when it cannot be found as written. */
function tokenRange(file: RequestFile, path: JsonPath, token: string, fallback: SourceRange): SourceRange {
  const node = file.rangeOf(path);
  if (!node) return fallback;
  const at = file.text.slice(node.offset, node.offset + node.length).indexOf(token);
  return at < 0 ? node : { offset: node.offset + at, length: token.length };
}

/** The variables of a request, in document order, or the problems of those that are malformed or unknown. */
export function checkVariables(
  file: RequestFile,
  spec: RequestSpec,
): { refs: VariableRef[]; problems: RequestFileProblem[] } {
  const refs: VariableRef[] = [];
  const problems: RequestFileProblem[] = [];
  for (const { path, value } of stringsOf(spec)) {
    const scanned = scanString(value);
    if ('error' in scanned) {
      problems.push({
        kind: scanned.limit ? 'limit' : 'variable',
        message: `${scanned.error} Nothing was sent.`,
        path,
        range: tokenRange(file, path, scanned.token, spec.range),
        requestIndex: spec.index,
      });
      continue;
    }
    for (const piece of scanned.pieces) {
      if (typeof piece === 'string') continue;
      if (refs.length === LIMITS.variables) {
        problems.push({
          kind: 'limit',
          message: `This request uses more than ${LIMITS.variables} variables, more than a request may use. Use fewer (a file can hold the text). Nothing was sent.`,
          path,
          range: tokenRange(file, path, piece.text, spec.range),
          requestIndex: spec.index,
        });
        return { refs, problems };
      }
      refs.push(piece);
    }
  }
  return { refs, problems };
}

/** A resolver that asks each question and reads each file once per run, however often it is used. */
export function oncePerRun(resolver: VariableResolver): VariableResolver {
  const files = new Map<string, Promise<string>>();
  const inputs = new Map<string, Promise<string | undefined>>();
  return {
    env: (name) => resolver.env(name),
    selection: () => resolver.selection(),
    file: (p) => {
      if (!files.has(p)) files.set(p, resolver.file(p));
      return files.get(p) as Promise<string>;
    },
    ...(resolver.fileBytes ? { fileBytes: (p: string) => resolver.fileBytes!(p) } : {}),
    input: (prompt) => {
      if (!inputs.has(prompt)) inputs.set(prompt, resolver.input(prompt));
      return inputs.get(prompt) as Promise<string | undefined>;
    },
  };
}

export type Expansion = { spec: RequestSpec } | { problem: RequestFileProblem } | { cancelled: true };

/**
 * Returns the request with every variable replaced by its value. Stops at the first variable that cannot be
 * resolved (unset environment variable, unreadable file, nothing selected) or when the user cancels a question.
 * `expect` is expanded only for test runs (options.expectations).
 */
export async function expandRequest(
  file: RequestFile,
  spec: RequestSpec,
  resolver: VariableResolver,
  options: { expectations?: boolean } = {},
): Promise<Expansion> {
  const checked = checkVariables(file, spec);
  if (checked.problems.length) return { problem: checked.problems[0] };

  let cancelled = false;
  const failure = (path: JsonPath, ref: VariableRef, message: string) =>
    new Failed({
      kind: 'variable',
      message: `${message} Nothing was sent.`,
      path,
      range: tokenRange(file, path, ref.text, spec.range),
      requestIndex: spec.index,
    });
  const valueOf = async (ref: VariableRef, path: JsonPath): Promise<string | Failed> => {
    switch (ref.kind) {
      case 'env': {
        const verdict = checkEnvironmentVariable(ref.argument, resolver.allowedEnvironmentVariables ?? []);
        if (!verdict.allowed) return failure(path, ref, verdict.message ?? `${ref.text} is refused.`);
        const value = resolver.env(ref.argument);
        if (value === undefined)
          return failure(
            path,
            ref,
            `Environment variable ${ref.argument} is not set (used as ${ref.text}). Set it where VS Code is started, or change the request.`,
          );
        const byValue = await checkEnvironmentValue(ref.argument, value, resolver.allowedEnvironmentVariables ?? []);
        return byValue.allowed ? value : failure(path, ref, byValue.message ?? `${ref.text} is refused.`);
      }
      case 'file':
        try {
          return await resolver.file(ref.argument);
        } catch (error) {
          return failure(
            path,
            ref,
            `${ref.text} cannot be read: ${(error as Error).message} The path is relative to the request file.`,
          );
        }
      case 'input': {
        let value: string | undefined;
        try {
          value = await resolver.input(ref.argument);
        } catch (error) {
          // Nobody can be asked (the CLI in CI): the resolver says how to give the value instead.
          return failure(path, ref, (error as Error).message);
        }
        if (value === undefined) cancelled = true;
        return value ?? '';
      }
      case 'selection': {
        const value = resolver.selection();
        return value
          ? value
          : failure(
              path,
              ref,
              '${selection} needs selected text in another editor. Select the text in the editor you used last, then run the request again.',
            );
      }
    }
  };

  const expandString = async (value: string, path: JsonPath): Promise<string | Failed> => {
    const scanned = scanString(value);
    if ('error' in scanned) throw new Error(scanned.error); // checked above; cannot happen
    let out = '';
    for (const piece of scanned.pieces) {
      if (typeof piece === 'string') {
        out += piece;
        continue;
      }
      const value = await valueOf(piece, path);
      if (typeof value !== 'string') return value;
      if (cancelled) return '';
      out += value;
    }
    return out;
  };

  /** A Converse blob written as exactly one `${file:...}`: the file's bytes, not its text. */
  const fileBlob = async (value: string, path: JsonPath): Promise<Uint8Array | Failed | undefined> => {
    const scanned = scanString(value);
    if (
      'error' in scanned ||
      scanned.pieces.length !== 1 ||
      typeof scanned.pieces[0] === 'string' ||
      scanned.pieces[0].kind !== 'file'
    )
      return undefined;
    const ref = scanned.pieces[0];
    if (!resolver.fileBytes) return failure(path, ref, `${ref.text} cannot be read as bytes here.`);
    try {
      return await resolver.fileBytes(ref.argument);
    } catch (error) {
      return failure(
        path,
        ref,
        `${ref.text} cannot be read: ${(error as Error).message} The path is relative to the request file.`,
      );
    }
  };

  const expand = async (value: unknown, path: JsonPath, blobs = false): Promise<unknown> => {
    if (typeof value === 'string') {
      if (blobs && path[path.length - 1] === 'bytes') {
        const bytes = await fileBlob(value, path);
        if (bytes !== undefined) return bytes;
      }
      return expandString(value, path);
    }
    if (Array.isArray(value)) {
      const out: unknown[] = [];
      for (let i = 0; i < value.length; i++) {
        const item = await expand(value[i], [...path, i], blobs);
        if (item instanceof Failed || cancelled) return item;
        out.push(item);
      }
      return out;
    }
    if (typeof value === 'object' && value !== null) {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) {
        const item = await expand(v, [...path, k], blobs);
        if (item instanceof Failed || cancelled) return item;
        out[k] = item;
      }
      return out;
    }
    return value;
  };

  const expanded: RequestSpec = { ...spec };
  for (const key of [
    'name',
    'modelId',
    'prompt',
    'system',
    'contentType',
    'accept',
    'guardrailIdentifier',
    'guardrailVersion',
    'body',
    'expect',
  ] as const) {
    if (spec[key] === undefined) continue;
    // A plain run never reads what only a test run checks (a schema file, a question asked for an expectation).
    if (key === 'expect' && !options.expectations) continue;
    const value = await expand(spec[key], [...spec.path, key]);
    if (cancelled) return { cancelled: true };
    if (value instanceof Failed) return { problem: value.problem };
    (expanded as unknown as Record<string, unknown>)[key] = value;
  }
  if (spec.converse) {
    const converse: Record<string, unknown> = {};
    for (const [key, written] of Object.entries(spec.converse)) {
      const value = await expand(written, [...spec.path, key], true);
      if (cancelled) return { cancelled: true };
      if (value instanceof Failed) return { problem: value.problem };
      converse[key] = value;
    }
    expanded.converse = converse;
  }
  return { spec: expanded };
}

/** A resolution that failed; a class so that no body value can be mistaken for it. */
class Failed {
  constructor(readonly problem: RequestFileProblem) {}
}
