// The decoder for AWS event-stream responses (InvokeModelWithResponseStream, ConverseStream), given to the runtime
// client as its `eventStreamSerdeProvider` in place of the SDK's. It reads the same wire format
// (https://docs.aws.amazon.com/transcribe/latest/dg/event-stream.html: a 12-byte prelude with its CRC32, headers,
// payload, message CRC32) and hands each message to the SDK's own deserializer, with three differences that a
// misbehaving server makes matter:
// - every malformation (prelude or message CRC, impossible lengths, bad headers, an event body that is not JSON,
//   a payload that is not base64, a stream that ends inside a frame) is a StreamBrokenError that says how far the
//   stream got, instead of a raw JavaScript message;
// - a frame larger than the answer-size limit allows is refused from its prelude, before memory is set aside for it,
//   and every byte is reported to the request's StreamGuard (idle timeout, progress);
// - a `chunk` event (InvokeModelWithResponseStream's PayloadPart, `{"bytes":"<base64>"}`) is decoded in place in
//   its frame, so a 50 MB chunk costs its frame and the text, not the SDK's four intermediate copies.
import { crc32 } from 'node:zlib';
import { abortError } from './errors';
import { guards, StreamBrokenError, StreamGuard, type StreamProgress } from './streamGuard';

type HeaderValue = { type: string; value: unknown };
export type Headers = Record<string, HeaderValue>;
export interface Message {
  headers: Headers;
  body: Uint8Array;
}

/** The SDK's per-message deserializer: `{ [eventType]: message }` to the modeled event (or `{ $unknown }`). */
type Deserializer<T> = (input: Record<string, Message>) => Promise<T>;

interface SerdeOptions {
  utf8Encoder: (input: Uint8Array | string) => string;
  utf8Decoder: (input: string) => Uint8Array;
}

interface Marshaller {
  deserialize<T>(body: unknown, deserializer: Deserializer<T>): AsyncIterable<T>;
  serialize(input: unknown, serializer: unknown): unknown;
}

const PRELUDE = 12;
/** Frames this large are released by releaseFrame as soon as their chunk is decoded. */
const RELEASED_FRAME_BYTES = 1024 * 1024;
/** The large frames the decoder allocated (and nothing else holds): the only buffers releaseFrame may free. */
const ownFrames = new WeakSet<ArrayBuffer>();

/**
 * Frees the frame behind a chunk's bytes now, instead of at the next garbage collection, once the consumer has
 * decoded them: a 50 MB chunk's frame must not still be held while its text is parsed into a third copy. Only for
 * large frames this decoder allocated; `ArrayBuffer.prototype.transfer` (Node 22+, the extension host's) detaches
 * the buffer, where it is missing the frame waits for the collector.
 */
export function releaseFrame(bytes: Uint8Array): void {
  const buffer = bytes.buffer as ArrayBuffer & { transfer?: (length: number) => ArrayBuffer };
  if (!ownFrames.has(buffer)) return;
  ownFrames.delete(buffer);
  buffer.transfer?.(0);
}
const MINIMUM_MESSAGE = 16;
/** Limits without a guard (a client used without openStream): the defaults. */
const NO_GUARD = () => new StreamGuard(new AbortController());

/**
 * The provider for the client config. `fallback` is the SDK's own provider: request streams (not used by this
 * extension) are still serialized by it.
 */
export function guardedEventStreamSerde(fallback?: (options: SerdeOptions) => Marshaller) {
  return (options: SerdeOptions): Marshaller => {
    const sdk = fallback?.(options);
    return {
      deserialize<T>(body: unknown, deserializer: Deserializer<T>): AsyncIterable<T> {
        const guard = (typeof body === 'object' && body !== null && guards.get(body)) || NO_GUARD();
        return {
          [Symbol.asyncIterator]: () =>
            decodeEvents(body as AsyncIterable<Uint8Array>, deserializer, guard, options.utf8Encoder),
        };
      },
      serialize(input: unknown, serializer: unknown): unknown {
        if (!sdk) throw new Error('Request event streams are not supported.');
        return sdk.serialize(input, serializer);
      },
    };
  };
}

function broken(reason: string, progress: StreamProgress): StreamBrokenError {
  return new StreamBrokenError(reason, { bytes: progress.bytes, events: progress.events });
}

/** Each event of the stream, through the SDK's deserializer (chunks through our in-place decoding). */
async function* decodeEvents<T>(
  body: AsyncIterable<Uint8Array>,
  deserializer: Deserializer<T>,
  guard: StreamGuard,
  toUtf8: (input: Uint8Array) => string,
): AsyncGenerator<T> {
  // Frames travel in a box that the reader empties, so that no generator frame keeps a (50 MB) frame alive once
  // its chunk's bytes have been decoded and dropped (see modelEvents).
  for await (const box of frames(body, guard)) {
    const event = await readMessage(box, deserializer, guard, toUtf8);
    guard.events++;
    if (event !== undefined) yield event;
  }
}

/** Splits the body into whole frames, each checked (lengths, both CRCs) before it is yielded. */
interface FrameBox {
  frame?: Uint8Array;
}

async function* frames(body: AsyncIterable<Uint8Array>, guard: StreamGuard): AsyncGenerator<FrameBox> {
  const prelude = new Uint8Array(PRELUDE);
  let preludeFill = 0;
  let frame: Uint8Array | undefined;
  let fill = 0;
  const iterator = body[Symbol.asyncIterator]();
  let finished = false;
  try {
    for (;;) {
      let step: IteratorResult<Uint8Array>;
      try {
        step = await iterator.next();
      } catch (error) {
        // The guard's own abort (a stall) and a cancel surface as they are; anything else is a connection that broke.
        if (guard.failure) throw guard.failure;
        if (guard.aborted || (error as Error)?.name === 'AbortError') throw abortError();
        throw broken(`the connection was closed (${connectionCode(error)})`, guard);
      }
      if (step.done) {
        finished = true;
        break;
      }
      const chunk = step.value;
      guard.touch(chunk.byteLength);
      let offset = 0;
      while (offset < chunk.byteLength) {
        if (!frame) {
          const take = Math.min(PRELUDE - preludeFill, chunk.byteLength - offset);
          prelude.set(chunk.subarray(offset, offset + take), preludeFill);
          preludeFill += take;
          offset += take;
          if (preludeFill < PRELUDE) break;
          frame = allocateFrame(prelude, guard);
          fill = PRELUDE;
          preludeFill = 0;
        }
        const take = Math.min(frame.byteLength - fill, chunk.byteLength - offset);
        frame.set(chunk.subarray(offset, offset + take), fill);
        fill += take;
        offset += take;
        if (fill === frame.byteLength) {
          checkMessageCrc(frame, guard);
          const box: FrameBox = { frame };
          frame = undefined;
          yield box;
        }
      }
    }
  } finally {
    // Stopped early (a broken frame, the consumer left): release the HTTP stream now.
    if (!finished) iterator.return?.()?.catch(() => undefined);
  }
  if (guard.failure) throw guard.failure;
  if (guard.aborted) throw abortError();
  if (frame || preludeFill > 0) {
    const have = frame ? fill : preludeFill;
    const want = frame ? `${frame.byteLength}-byte` : '12-byte prelude of a';
    throw broken(`the stream ended in the middle of an event (${have} bytes of a ${want} frame)`, guard);
  }
}

function connectionCode(error: unknown): string {
  const e = error as { code?: unknown; name?: unknown };
  if (typeof e?.code === 'string') return e.code;
  return typeof e?.name === 'string' ? e.name : 'unexpectedly';
}

function allocateFrame(prelude: Uint8Array, guard: StreamGuard): Uint8Array {
  const view = new DataView(prelude.buffer, prelude.byteOffset, PRELUDE);
  const total = view.getUint32(0);
  const headers = view.getUint32(4);
  if (crc32(prelude.subarray(0, 8)) !== view.getUint32(8)) {
    throw broken(`event ${guard.events + 1} has a wrong prelude checksum (the frame is corrupt)`, guard);
  }
  if (total < MINIMUM_MESSAGE || headers > total - MINIMUM_MESSAGE) {
    throw broken(
      `event ${guard.events + 1} declares impossible lengths (${total} bytes with ${headers} bytes of headers)`,
      guard,
    );
  }
  if (total > guard.maxFrameBytes) guard.refuseFrame(total);
  const frame = new Uint8Array(total);
  if (total >= RELEASED_FRAME_BYTES) ownFrames.add(frame.buffer);
  frame.set(prelude);
  return frame;
}

function checkMessageCrc(frame: Uint8Array, guard: StreamGuard): void {
  const end = frame.byteLength - 4;
  const expected = new DataView(frame.buffer, frame.byteOffset + end, 4).getUint32(0);
  if (crc32(frame.subarray(0, end)) !== expected) {
    throw broken(`event ${guard.events + 1} has a wrong message checksum (the frame is corrupt)`, guard);
  }
}

async function readMessage<T>(
  box: FrameBox,
  deserializer: Deserializer<T>,
  guard: StreamGuard,
  toUtf8: (input: Uint8Array) => string,
): Promise<T | undefined> {
  const frame = box.frame!;
  box.frame = undefined;
  const view = new DataView(frame.buffer, frame.byteOffset, frame.byteLength);
  const headersLength = view.getUint32(4);
  const headers = parseHeaders(new DataView(frame.buffer, frame.byteOffset + PRELUDE, headersLength), toUtf8, guard);
  const body = frame.subarray(PRELUDE + headersLength, frame.byteLength - 4);
  const messageType = stringHeader(headers, ':message-type');
  const which = `event ${guard.events + 1}`;
  if (messageType === 'error') {
    const error = new Error(stringHeader(headers, ':error-message') || 'UnknownError');
    error.name = stringHeader(headers, ':error-code') || 'UnknownError';
    throw error;
  }
  if (messageType === 'exception') {
    const code = stringHeader(headers, ':exception-type');
    if (!code) throw broken(`${which} is an exception without a type`, guard);
    let deserialized: Record<string, unknown>;
    try {
      deserialized = (await deserializer({ [code]: { headers, body } })) as Record<string, unknown>;
    } catch {
      throw broken(`the body of ${which} (exception ${code}) is not valid JSON`, guard);
    }
    if (deserialized.$unknown) {
      const error = new Error(toUtf8(body));
      error.name = code;
      throw error;
    }
    throw deserialized[code];
  }
  if (messageType !== 'event') throw broken(`${which} has an unknown message type "${messageType ?? ''}"`, guard);
  const eventType = stringHeader(headers, ':event-type');
  if (!eventType) throw broken(`${which} has no event type`, guard);
  if (eventType === 'chunk') {
    const bytes = payloadPartBytes(body, which, guard);
    if (bytes) return { chunk: { bytes } } as T;
  }
  let deserialized: T;
  try {
    deserialized = await deserializer({ [eventType]: { headers, body } });
  } catch {
    throw broken(`the body of ${which} (${eventType}) is not valid JSON`, guard);
  }
  if ((deserialized as { $unknown?: unknown } | undefined)?.$unknown) return undefined;
  return deserialized;
}

function stringHeader(headers: Headers, name: string): string | undefined {
  const value = headers[name]?.value;
  return typeof value === 'string' ? value : undefined;
}

/** The event-stream header block (name, type tag, value), with every length checked against the block. */
function parseHeaders(view: DataView, toUtf8: (input: Uint8Array) => string, guard: StreamGuard): Headers {
  const out: Headers = {};
  const bytes = (at: number, length: number) => new Uint8Array(view.buffer, view.byteOffset + at, length);
  const need = (at: number, length: number) => {
    if (at + length > view.byteLength) throw broken(`the headers of event ${guard.events + 1} are malformed`, guard);
  };
  let at = 0;
  while (at < view.byteLength) {
    const nameLength = view.getUint8(at++);
    need(at, nameLength + 1);
    const name = toUtf8(bytes(at, nameLength));
    at += nameLength;
    const tag = view.getUint8(at++);
    switch (tag) {
      case 0:
      case 1:
        out[name] = { type: 'boolean', value: tag === 0 };
        break;
      case 2:
        need(at, 1);
        out[name] = { type: 'byte', value: view.getInt8(at) };
        at += 1;
        break;
      case 3:
        need(at, 2);
        out[name] = { type: 'short', value: view.getInt16(at) };
        at += 2;
        break;
      case 4:
        need(at, 4);
        out[name] = { type: 'integer', value: view.getInt32(at) };
        at += 4;
        break;
      case 5:
      case 8: {
        need(at, 8);
        const value = Number(view.getBigInt64(at));
        out[name] = tag === 5 ? { type: 'long', value } : { type: 'timestamp', value: new Date(value) };
        at += 8;
        break;
      }
      case 6:
      case 7: {
        need(at, 2);
        const length = view.getUint16(at);
        at += 2;
        need(at, length);
        out[name] =
          tag === 6
            ? { type: 'binary', value: bytes(at, length) }
            : { type: 'string', value: toUtf8(bytes(at, length)) };
        at += length;
        break;
      }
      case 9: {
        need(at, 16);
        const hex = Buffer.from(bytes(at, 16)).toString('hex');
        out[name] = {
          type: 'uuid',
          value: `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`,
        };
        at += 16;
        break;
      }
      default:
        throw broken(`the headers of event ${guard.events + 1} are malformed (unknown type tag ${tag})`, guard);
    }
  }
  return out;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * The bytes of a PayloadPart body (`{"bytes":"<base64>", ...string members}`), decoded in place in the frame.
 * Undefined when the body has any other shape (escapes, non-string members): the SDK's deserializer reads those.
 */
function payloadPartBytes(body: Uint8Array, which: string, guard: StreamGuard): Uint8Array | undefined {
  let at = skipSpace(body, 0);
  if (body[at++] !== 0x7b) return undefined;
  let start = -1;
  let end = -1;
  for (;;) {
    at = skipSpace(body, at);
    if (body[at] === 0x7d && start < 0 && end < 0) break;
    if (body[at++] !== QUOTE) return undefined;
    const keyStart = at;
    while (at < body.byteLength && body[at] !== QUOTE && body[at] !== BACKSLASH) at++;
    if (body[at] !== QUOTE) return undefined;
    const isBytes =
      at - keyStart === 5 && Buffer.from(body.buffer, body.byteOffset + keyStart, 5).toString('latin1') === 'bytes';
    at = skipSpace(body, at + 1);
    if (body[at++] !== 0x3a) return undefined;
    at = skipSpace(body, at);
    if (body[at++] !== QUOTE) return undefined;
    const valueStart = at;
    // indexOf is native: a 67 MB base64 string is scanned in a few milliseconds.
    at = body.indexOf(QUOTE, at);
    if (at < 0) return undefined;
    const escape = body.indexOf(BACKSLASH, valueStart);
    if (escape >= 0 && escape < at) {
      // base64 needs no escapes; other members with escapes (rare) go to the SDK's deserializer.
      return undefined;
    }
    if (isBytes) {
      start = valueStart;
      end = at;
    }
    at = skipSpace(body, at + 1);
    if (body[at] === 0x2c) {
      at++;
      continue;
    }
    if (body[at] === 0x7d) break;
    return undefined;
  }
  if (skipSpace(body, at + 1) !== body.byteLength) return undefined;
  if (start < 0) return undefined;
  const length = decodeBase64InPlace(body, start, end);
  if (length < 0) throw broken(`the payload of ${which} is not valid base64`, guard);
  return body.subarray(start, start + length);
}

function skipSpace(bytes: Uint8Array, at: number): number {
  while (
    at < bytes.byteLength &&
    (bytes[at] === 0x20 || bytes[at] === 0x0a || bytes[at] === 0x0d || bytes[at] === 0x09)
  )
    at++;
  return at;
}

const BASE64 = new Int16Array(256).fill(-1);
for (let i = 0; i < 64; i++)
  BASE64['ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'.charCodeAt(i)] = i;

/**
 * Decodes standard base64 (padding optional) in `bytes[start, end)` into `bytes[start, ...)`: each output byte is
 * written behind the input it came from. Returns the decoded length, or -1 for anything that is not base64.
 */
export function decodeBase64InPlace(bytes: Uint8Array, start: number, end: number): number {
  let stop = end;
  if (stop > start && bytes[stop - 1] === 0x3d) stop--;
  if (stop > start && bytes[stop - 1] === 0x3d) stop--;
  const chars = stop - start;
  if (chars % 4 === 1 || ((end - start) % 4 !== 0 && end !== stop)) return -1;
  let out = start;
  let at = start;
  const whole = start + chars - (chars % 4);
  while (at < whole) {
    const a = BASE64[bytes[at]];
    const b = BASE64[bytes[at + 1]];
    const c = BASE64[bytes[at + 2]];
    const d = BASE64[bytes[at + 3]];
    if ((a | b | c | d) < 0) return -1;
    const n = (a << 18) | (b << 12) | (c << 6) | d;
    bytes[out] = n >> 16;
    bytes[out + 1] = (n >> 8) & 0xff;
    bytes[out + 2] = n & 0xff;
    out += 3;
    at += 4;
  }
  const rest = chars % 4;
  if (rest) {
    const a = BASE64[bytes[at]];
    const b = BASE64[bytes[at + 1]];
    const c = rest === 3 ? BASE64[bytes[at + 2]] : 0;
    if ((a | b | c) < 0) return -1;
    const n = (a << 18) | (b << 12) | (c << 6);
    bytes[out++] = n >> 16;
    if (rest === 3) bytes[out++] = (n >> 8) & 0xff;
  }
  return out - start;
}
