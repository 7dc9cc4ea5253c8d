// Bedrock's model-input validator reports schema violations as `#<pointer>: <text>` parts concatenated with no
// separator, inside "Malformed input request: ..., please reformat your input and try again." Each part becomes one
// violation with the body path it names, so each can be shown on its own JSON node.

/** A path inside the request body: [] is the body itself, ['messages', 1, 'content'] a node below it. */
export type BodyPath = (string | number)[];

export type ViolationKind = 'missingKey' | 'extraneousKey' | 'wrongType' | 'other';

export interface Violation {
  kind: ViolationKind;
  /** The node the violation is about: the object for a missing key, the key itself for an extraneous one. */
  path: BodyPath;
  /** The key that is missing or not permitted. */
  key?: string;
  /** For wrong types: what the schema expects and what the body has, in plain words. */
  expected?: string;
  found?: string;
  /** The service's own text of this part, e.g. `#: required key [max_tokens] not found`. */
  text: string;
  /** What is wrong, in plain words. */
  message: string;
}

const PREFIX = /^Malformed input request:\s*/i;
const SUFFIX = /,\s*please reformat your input and try again\.?\s*$/i;
// A part starts at `#` followed by a JSON pointer (or nothing) and a colon.
const PART_START = /#((?:\/[^#:\s]*)*):\s/g;

const TYPE_WORDS: Record<string, string> = {
  JSONArray: 'an array [ ... ]',
  JSONObject: 'an object { ... }',
  String: 'a string',
  Integer: 'a whole number',
  Number: 'a number',
  BigDecimal: 'a number with a fraction',
  Boolean: 'true or false',
  Null: 'null',
};

function typeWords(name: string): string {
  return TYPE_WORDS[name] ?? name;
}

function pointerToPath(pointer: string): BodyPath {
  if (!pointer) return [];
  return pointer
    .slice(1)
    .split('/')
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((segment) => (/^(0|[1-9]\d*)$/.test(segment) ? Number(segment) : segment));
}

function describePath(path: BodyPath): string {
  return path.length ? `"${path.join('.')}"` : 'the body';
}

function readPart(pointer: string, detail: string, text: string): Violation {
  const path = pointerToPath(pointer);
  const where = describePath(path);
  const required = /^required key \[([^\]]*)\] not found/.exec(detail);
  if (required) {
    return {
      kind: 'missingKey',
      path,
      key: required[1],
      text,
      message: `${where} needs the key "${required[1]}" (required by this model).`,
    };
  }
  const extraneous = /^extraneous key \[([^\]]*)\] is not permitted/.exec(detail);
  if (extraneous) {
    const key = extraneous[1];
    return {
      kind: 'extraneousKey',
      path: [...path, key],
      key,
      text,
      message: `"${key}" is not a key this model accepts${path.length ? ` in ${where}` : ''}.`,
    };
  }
  const type = /^expected type: (\w+), found: (\w+)/.exec(detail);
  if (type) {
    const expected = typeWords(type[1]);
    const found = typeWords(type[2]);
    return { kind: 'wrongType', path, expected, found, text, message: `${where} must be ${expected}, not ${found}.` };
  }
  return { kind: 'other', path, text, message: `${where}: ${detail}` };
}

/** The violations a ValidationException message lists; empty when it lists none (e.g. "2 schema violations found"). */
export function parseViolations(message: string): Violation[] {
  if (!PREFIX.test(message)) return [];
  const body = message.replace(PREFIX, '').replace(SUFFIX, '');
  const starts: Array<{ at: number; pointer: string; detailAt: number }> = [];
  for (const match of body.matchAll(PART_START)) {
    starts.push({ at: match.index, pointer: match[1], detailAt: match.index + match[0].length });
  }
  return starts.map((start, i) => {
    const end = i + 1 < starts.length ? starts[i + 1].at : body.length;
    const detail = body.slice(start.detailAt, end).trim();
    return readPart(start.pointer, detail, body.slice(start.at, end).trim());
  });
}
