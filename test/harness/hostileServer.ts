// A Bedrock Runtime endpoint that misbehaves on purpose, over loopback: each scenario answers a streaming call
// (InvokeModelWithResponseStream or ConverseStream) with one malformed, endless or silent stream, so tests can drive
// the real SDK client (HTTP/2 cleartext, the runtime client's default transport) into every way a server can go
// wrong. Well-formed frames come from the emulator's encoder (the SDK's own codec); the broken ones are those frames
// with one thing wrong. It checks no signature: it is only ever the far end of a stream.
import * as http2 from 'node:http2';
import type { AddressInfo } from 'node:net';
import { EventStreamCodec } from '@smithy/eventstream-codec';
import { fromUtf8, toUtf8 } from '@smithy/util-utf8';
import { chunkFrame, eventFrame } from '../emulator/eventStream';

export type HostileScenario =
  /** `goodChunks` chunks, then a frame whose prelude CRC is wrong. */
  | 'badPreludeCrc'
  /** ... then a frame whose message CRC is wrong. */
  | 'badMessageCrc'
  /** ... then a chunk whose bytes are not JSON. */
  | 'nonJsonChunk'
  /** ... then a chunk whose `bytes` is not base64. */
  | 'invalidBase64'
  /** ... then a chunk event whose body is not JSON at all. */
  | 'nonJsonEventBody'
  /** ... then half a frame, and the end of the stream. */
  | 'truncated'
  /** ... then a prelude that declares a 4 GiB frame (with a correct prelude CRC). */
  | 'hugeFrame'
  /** ... then nothing, the stream left open. */
  | 'stall'
  /** No headers, no bytes: the request is left open. */
  | 'silent'
  /** Chunks of `chunkChars` characters each, forever (as fast as the client reads them). */
  | 'endless'
  /** `goodChunks` chunks, then one chunk of `chunkChars` characters, then the end of a normal answer. */
  | 'hugeChunk';

export interface ScenarioOptions {
  /** Well-formed chunks before the fault (default 3). */
  goodChunks?: number;
  /** Characters per chunk for endless and hugeChunk (default 16 KiB / 50 MB). */
  chunkChars?: number;
  /** ConverseStream frames (contentBlockDelta) instead of InvokeModelWithResponseStream chunks. */
  converse?: boolean;
}

export interface HostileServer {
  url: string;
  /** What the next streaming calls get (until changed). */
  use(scenario: HostileScenario, options?: ScenarioOptions): void;
  /** One scenario per call, in order; the last one stays. */
  useEach(scenarios: Array<[HostileScenario, ScenarioOptions?]>): void;
  /**
   * How the first stream opened since the last use() closed: `aborted` when the client reset or closed it before
   * the server ended it (an aborted request).
   */
  closed(): Promise<{ aborted: boolean }>;
  close(): Promise<void>;
}

const codec = new EventStreamCodec(toUtf8, fromUtf8);
const str = (value: string) => ({ type: 'string' as const, value });
const CHUNK_HEADERS = {
  ':event-type': str('chunk'),
  ':content-type': str('application/json'),
  ':message-type': str('event'),
};

/** The text every good chunk carries: `chunk <n> ` (so a test knows the exact partial answer). */
export function goodText(n: number): string {
  return `chunk ${n} `;
}

/** An Anthropic Messages text delta, the model event inside a chunk. */
function anthropicDelta(text: string): unknown {
  return { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text } };
}

function textFrame(text: string, seq: number, converse: boolean): Uint8Array {
  return converse
    ? eventFrame('contentBlockDelta', { contentBlockIndex: 0, delta: { text }, p: 'abc' })
    : chunkFrame(anthropicDelta(text), seq);
}

function endFrames(converse: boolean): Uint8Array[] {
  if (converse)
    return [
      eventFrame('contentBlockStop', { contentBlockIndex: 0 }),
      eventFrame('messageStop', { stopReason: 'end_turn' }),
    ];
  return [
    chunkFrame({ type: 'message_delta', delta: { stop_reason: 'end_turn' }, usage: { output_tokens: 5 } }, 90),
    chunkFrame(
      {
        type: 'message_stop',
        'amazon-bedrock-invocationMetrics': {
          inputTokenCount: 3,
          outputTokenCount: 5,
          invocationLatency: 9,
          firstByteLatency: 1,
        },
      },
      91,
    ),
  ];
}

function faultFrame(scenario: HostileScenario, seq: number, converse: boolean): Uint8Array {
  switch (scenario) {
    case 'badPreludeCrc': {
      const frame = textFrame('never shown', seq, converse);
      frame[8] ^= 0xff;
      return frame;
    }
    case 'badMessageCrc': {
      const frame = textFrame('never shown', seq, converse);
      frame[frame.byteLength - 1] ^= 0xff;
      return frame;
    }
    case 'nonJsonChunk':
      return codec.encode({
        headers: CHUNK_HEADERS,
        body: fromUtf8(JSON.stringify({ bytes: Buffer.from('{"type": not json').toString('base64') })),
      });
    case 'invalidBase64':
      return codec.encode({ headers: CHUNK_HEADERS, body: fromUtf8('{"bytes":"@@@@not*base64!"}') });
    case 'nonJsonEventBody':
      return converse
        ? codec.encode({
            headers: { ...CHUNK_HEADERS, ':event-type': str('contentBlockDelta') },
            body: fromUtf8('<html>502 Bad Gateway</html>'),
          })
        : codec.encode({ headers: CHUNK_HEADERS, body: fromUtf8('<html>502 Bad Gateway</html>') });
    case 'truncated': {
      const frame = textFrame('never shown', seq, converse);
      return frame.subarray(0, Math.floor(frame.byteLength / 2));
    }
    case 'hugeFrame': {
      const prelude = new Uint8Array(12);
      const view = new DataView(prelude.buffer);
      view.setUint32(0, 0xffff_fff0);
      view.setUint32(4, 0);
      view.setUint32(8, crc32(prelude.subarray(0, 8)));
      return prelude;
    }
    default:
      throw new Error(`${scenario} has no fault frame`);
  }
}

// zlib.crc32 is what the client uses; the server computes its own to not test the client against itself.
function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

/** Writes and waits for the client to take it (HTTP/2 flow control), so endless streams go at the client's pace. */
function write(stream: http2.ServerHttp2Stream, bytes: Uint8Array): Promise<boolean> {
  if (stream.destroyed || stream.closed) return Promise.resolve(false);
  return new Promise((resolve) => {
    const ok = stream.write(bytes);
    if (ok) return resolve(true);
    const done = () => {
      stream.off('drain', done);
      stream.off('close', done);
      resolve(!stream.destroyed && !stream.closed);
    };
    stream.on('drain', done);
    stream.on('close', done);
  });
}

export async function startHostileServer(): Promise<HostileServer> {
  let plan: Array<[HostileScenario, ScenarioOptions?]> = [['endless']];
  const open = new Set<http2.ServerHttp2Stream>();
  let current:
    | { promise: Promise<{ aborted: boolean }>; resolve: (outcome: { aborted: boolean }) => void; taken: boolean }
    | undefined;
  const track = () => {
    let resolve!: (outcome: { aborted: boolean }) => void;
    const promise = new Promise<{ aborted: boolean }>((r) => (resolve = r));
    current = { promise, resolve, taken: false };
  };
  track();
  const sessions = new Set<http2.ServerHttp2Session>();
  const server = http2.createServer();
  server.on('session', (session) => {
    sessions.add(session);
    session.on('close', () => sessions.delete(session));
  });
  server.on('stream', (stream) => {
    open.add(stream);
    let ended = false;
    const tracked = current && !current.taken ? current : undefined;
    if (tracked) tracked.taken = true;
    stream.on('close', () => {
      open.delete(stream);
      tracked?.resolve({ aborted: !ended });
    });
    stream.on('error', () => undefined);
    const [scenario, options = {}] = plan.length > 1 ? plan.shift()! : plan[0];
    const run = { scenario, options };
    // Read the request body, then answer.
    stream.resume();
    stream.on('end', () => void answer(stream, run.scenario, run.options, () => (ended = true)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    use(next, nextOptions = {}) {
      plan = [[next, nextOptions]];
      track();
    },
    useEach(scenarios) {
      plan = [...scenarios];
      track();
    },
    closed() {
      return current!.promise;
    },
    async close() {
      for (const stream of open) stream.close(http2.constants.NGHTTP2_CANCEL);
      for (const session of sessions) session.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function answer(
  stream: http2.ServerHttp2Stream,
  scenario: HostileScenario,
  options: ScenarioOptions,
  markEnded: () => void,
): Promise<void> {
  if (scenario === 'silent') return;
  const converse = options.converse ?? false;
  stream.respond({
    ':status': 200,
    'content-type': 'application/vnd.amazon.eventstream',
    'x-amzn-requestid': 'hostile-0000',
    'x-amzn-bedrock-content-type': 'application/json',
  });
  const good = options.goodChunks ?? 3;
  for (let n = 1; n <= good; n++) if (!(await write(stream, textFrame(goodText(n), n, converse)))) return;
  switch (scenario) {
    case 'stall':
      return;
    case 'endless': {
      const text = 'x'.repeat(options.chunkChars ?? 16 * 1024);
      for (let n = good + 1; ; n++) if (!(await write(stream, textFrame(text, n, converse)))) return;
    }
    case 'hugeChunk': {
      if (!(await write(stream, textFrame('y'.repeat(options.chunkChars ?? 50_000_000), good + 1, converse)))) return;
      for (const frame of endFrames(converse)) if (!(await write(stream, frame))) return;
      markEnded();
      stream.end();
      return;
    }
    default: {
      const ok = await write(stream, faultFrame(scenario, good + 1, converse));
      if (!ok) return;
      if (scenario === 'hugeFrame') return; // the rest of that frame never comes: the client must not wait for it
      markEnded();
      stream.end();
    }
  }
}
