// A `"api": "converse"` request, its variables expanded, becomes the Converse / ConverseStream input sent to Bedrock:
// its members as written, `prompt` as the one user message, a `system` string as one system text block, and each
// blob's `bytes` as bytes (a `${file:...}` variable's file read as bytes, or base64 text decoded).
import type { ConverseInput } from '../converse/types';
import { CONVERSE_MEMBERS } from './converseFields';
import type { JsonPath, OutputTarget, RequestFileProblem, RequestSpec } from './types';

export interface PreparedConverse {
  spec: RequestSpec;
  input: ConverseInput;
  /** ConverseStream when true, else Converse. */
  stream: boolean;
  output?: OutputTarget;
}

export interface PrepareConverseOptions {
  modelId: string;
  streamByDefault: boolean;
  streamOverride?: boolean;
  rangeOf?: (path: JsonPath) => { offset: number; length: number } | undefined;
}

const BASE64 = /^[A-Za-z0-9+/\s]*={0,2}\s*$/;

/** Every `bytes` string of the value decoded from base64 (bytes already read from a file stay as they are). */
function withBlobs(value: unknown, path: JsonPath, bad: (path: JsonPath) => void): unknown {
  if (Array.isArray(value)) return value.map((v, i) => withBlobs(v, [...path, i], bad));
  if (value instanceof Uint8Array || typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (key === 'bytes' && typeof v === 'string') {
      if (!BASE64.test(v)) bad([...path, key]);
      out[key] = new Uint8Array(Buffer.from(v, 'base64'));
    } else {
      out[key] = withBlobs(v, [...path, key], bad);
    }
  }
  return out;
}

export function prepareConverse(
  spec: RequestSpec,
  options: PrepareConverseOptions,
): { prepared: PreparedConverse } | { problem: RequestFileProblem } {
  const written = spec.converse ?? {};
  let badBlob: JsonPath | undefined;
  const input: Record<string, unknown> = { modelId: options.modelId };
  for (const member of CONVERSE_MEMBERS) {
    const value = written[member];
    if (value === undefined) continue;
    if (member === 'system' && typeof value === 'string') input.system = [{ text: value }];
    else input[member] = withBlobs(value, [...spec.path, member], (p) => (badBlob ??= p));
  }
  if (spec.prompt !== undefined) input.messages = [{ role: 'user', content: [{ text: spec.prompt }] }];
  if (badBlob) {
    return {
      problem: {
        kind: 'field',
        message:
          '"bytes" must be a ${file:relative/path} variable (the file\'s bytes are sent) or the bytes base64-encoded. Nothing was sent.',
        path: badBlob,
        range: options.rangeOf?.(badBlob) ?? spec.range,
        requestIndex: spec.index,
      },
    };
  }
  const stream = options.streamOverride ?? spec.stream ?? options.streamByDefault;
  const prepared: PreparedConverse = { spec, input: input as unknown as ConverseInput, stream };
  if (spec.output) prepared.output = spec.output;
  return { prepared };
}
