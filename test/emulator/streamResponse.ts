/** The body of an InvokeModelWithResponseStream answer: paced chunk frames, metrics, mid-stream faults. */
import type { ServerResponse } from 'node:http';
import { chunkFrame, exceptionFrame } from './eventStream';
import type { Exchange } from './exchange';
import type { CallContext, Json, TextFamily } from './families/family';
import { STREAM_EXCEPTION_MESSAGES, type Fault } from './faults';
import type { Generation } from './generation';
import { guardrailFields } from './guardrail';
import { echoHeaders, type RuntimeHeaders } from './runtimeHeaders';
import { pauseFirstByte, type EmulatorState } from './state';
import { StreamWriter } from './streamWriter';

const METRICS_KEY = 'amazon-bedrock-invocationMetrics';

export async function writeStream(
  ex: Exchange,
  state: EmulatorState,
  family: TextFamily,
  gen: Generation,
  ctx: CallContext,
  headers: RuntimeHeaders,
  fault: Fault | undefined,
): Promise<void> {
  const pacing = state.config.pacing;
  await pauseFirstByte(state);
  if (ex.closed) return;
  ex.writeHead(200, {
    'content-type': 'application/vnd.amazon.eventstream',
    'x-amzn-bedrock-content-type': 'application/json',
    ...echoHeaders(headers),
  });
  // HTTP/1.1 would hold the headers until the first frame; the SDK's send() resolves on headers, as with Bedrock.
  if (!ex.http2) (ex.res as ServerResponse).flushHeaders();
  const firstByteLatency = Date.now() - ex.startedAt;
  const writer = new StreamWriter(ex, pacing.chunksPerSecond === 0 && !fault);
  const interval = pacing.chunksPerSecond > 0 ? 1000 / pacing.chunksPerSecond : 0;
  const t0 = Date.now();
  const midFault = fault && fault.kind.kind !== 'http' ? fault : undefined;
  const fireAt = midFault ? (midFault.spec.afterChunks ?? 0) : -1;
  let sent = 0;

  const iterator = family.streamEvents(gen, ctx)[Symbol.iterator]();
  let next = iterator.next();
  while (!next.done) {
    const event = next.value;
    next = iterator.next();
    if (sent === fireAt && midFault) {
      if (await fireMidStreamFault(ex, writer, midFault, chunkFrame(event, sent))) return;
    }
    const isLast = next.done === true;
    const payload = isLast
      ? {
          ...event,
          ...guardrailFields(headers, ctx),
          [METRICS_KEY]: {
            inputTokenCount: gen.inputTokens,
            outputTokenCount: gen.outputTokens,
            invocationLatency: Date.now() - ex.startedAt,
            firstByteLatency,
          },
        }
      : event;
    if (interval > 0) {
      const wait = t0 + sent * interval - Date.now();
      if (wait > 0) await writer.pause(wait);
    }
    if (!(await writer.push(chunkFrame(payload, sent)))) return;
    ex.record.chunksSent = ++sent;
  }
  if (midFault && sent <= fireAt) {
    if (await fireMidStreamFault(ex, writer, midFault, chunkFrame({ type: 'emulator_padding' }, sent))) return;
  }
  await writer.flush();
  ex.finish();
}

/** Fires a mid-stream fault before `upcoming` (the frame that would come next; truncated or corrupted by
 * transport faults). Returns true when the stream is over. */
export async function fireMidStreamFault(
  ex: Exchange,
  writer: StreamWriter,
  fault: Fault,
  upcoming: Uint8Array,
): Promise<boolean> {
  const { spec, kind } = fault;
  if (kind.name === 'stall') {
    await writer.pause(spec.delayMs ?? 30_000);
    return false;
  }
  if (spec.delayMs) await writer.pause(spec.delayMs);
  switch (kind.name) {
    case 'reset':
      await writer.flush();
      ex.reset();
      return true;
    case 'truncate':
      await writer.raw(upcoming.subarray(0, Math.floor(upcoming.length / 2)));
      break;
    case 'badCrc': {
      const corrupt = Buffer.from(upcoming);
      corrupt[corrupt.length - 1] ^= 0xff;
      await writer.raw(corrupt);
      break;
    }
    default: {
      const body: Json = { message: spec.message ?? STREAM_EXCEPTION_MESSAGES[kind.name] ?? kind.name };
      if (kind.name === 'modelStreamErrorException') {
        body.originalStatusCode = spec.originalStatusCode ?? 500;
        body.originalMessage = spec.originalMessage ?? 'The model stream was interrupted.';
      }
      ex.record.errorType = kind.name;
      ex.record.errorMessage = body.message as string;
      await writer.raw(exceptionFrame(kind.name, body));
    }
  }
  await writer.flush();
  ex.finish();
  return true;
}
