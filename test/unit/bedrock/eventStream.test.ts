// The event-stream decoder on its own: frames split anywhere, chunks decoded in place, base64 checked.
import * as assert from 'node:assert/strict';
import { decodeBase64InPlace, guardedEventStreamSerde } from '../../../src/core/bedrock/eventStream';
import { chunkFrame } from '../../emulator/eventStream';

const utf8 = {
  utf8Encoder: (b: Uint8Array | string) => (typeof b === 'string' ? b : Buffer.from(b).toString('utf8')),
  utf8Decoder: (s: string) => Buffer.from(s),
};

async function* pieces(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.byteLength; i += size) yield bytes.slice(i, i + size);
}

describe('event-stream decoder', () => {
  it('decodes base64 in place exactly as Buffer does, for every length and padding, and refuses what is not base64', () => {
    for (let n = 0; n < 70; n++) {
      const data = Buffer.from(Array.from({ length: n }, (_, i) => (i * 37 + n) & 0xff));
      for (const encoded of [data.toString('base64'), data.toString('base64').replace(/=+$/, '')]) {
        const bytes = Buffer.from(encoded, 'latin1');
        const length = decodeBase64InPlace(bytes, 0, bytes.byteLength);
        assert.equal(length, n, encoded);
        assert.deepEqual(Buffer.from(bytes.subarray(0, length)), data);
      }
    }
    for (const bad of ['@@@@', 'QUJD*', 'Q', 'QU=J', 'QUJDR===', 'QUJ\nD']) {
      const bytes = Buffer.from(bad, 'latin1');
      assert.equal(decodeBase64InPlace(bytes, 0, bytes.byteLength), -1, bad);
    }
  });

  for (const size of [1, 7, 12, 13, 4096]) {
    it(`reads chunk frames split into ${size}-byte pieces`, async () => {
      const events = [{ a: 'first' }, { b: 'x'.repeat(3000) }, { c: 'ünïcödé' }];
      const wire = Buffer.concat(events.map((e, i) => chunkFrame(e, i)));
      const marshaller = guardedEventStreamSerde()(utf8);
      const out: unknown[] = [];
      for await (const event of marshaller.deserialize(pieces(wire, size), () =>
        Promise.reject(new Error('not used for chunks')),
      )) {
        const bytes = (event as { chunk: { bytes: Uint8Array } }).chunk.bytes;
        out.push(JSON.parse(Buffer.from(bytes).toString('utf8')));
      }
      assert.deepEqual(out, events);
    });
  }
});
