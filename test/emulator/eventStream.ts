/** AWS event-stream frames for InvokeModelWithResponseStream and ConverseStream, built with the SDK's own codec. */
import { EventStreamCodec } from '@smithy/eventstream-codec';
import { fromUtf8, toUtf8 } from '@smithy/util-utf8';

const codec = new EventStreamCodec(toUtf8, fromUtf8);
const str = (value: string) => ({ type: 'string' as const, value });
const PAD = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** One `chunk` event. The real service pads each payload with a varying prefix of PAD in "p". */
export function chunkFrame(modelEvent: unknown, seq: number): Uint8Array {
  const payload = {
    bytes: Buffer.from(JSON.stringify(modelEvent), 'utf8').toString('base64'),
    p: PAD.slice(0, 1 + ((seq * 7) % PAD.length)),
  };
  return codec.encode({
    headers: { ':event-type': str('chunk'), ':content-type': str('application/json'), ':message-type': str('event') },
    body: fromUtf8(JSON.stringify(payload)),
  });
}

/** One ConverseStream event: the union member's name as `:event-type`, its structure as plain JSON. */
export function eventFrame(eventType: string, payload: unknown): Uint8Array {
  return codec.encode({
    headers: { ':event-type': str(eventType), ':content-type': str('application/json'), ':message-type': str('event') },
    body: fromUtf8(JSON.stringify(payload)),
  });
}

/** A modeled in-stream exception (`:message-type: exception`). */
export function exceptionFrame(exceptionType: string, body: Record<string, unknown>): Uint8Array {
  return codec.encode({
    headers: {
      ':exception-type': str(exceptionType),
      ':content-type': str('application/json'),
      ':message-type': str('exception'),
    },
    body: fromUtf8(JSON.stringify(body)),
  });
}
