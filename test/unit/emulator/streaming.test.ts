import assert from 'node:assert/strict';
import { InvokeModelWithResponseStreamCommand } from '@aws-sdk/client-bedrock-runtime';
import { startEmulator, type RunningEmulator } from '../../emulator';
import { claudeBody, novaBody, PROTOCOLS, runtimeClient, streamEvents } from './helpers';

const NOVA = 'amazon.nova-micro-v1:0';
const MB = 1024 * 1024;
const settled = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    () => undefined,
  );
const deltaText = (e: Record<string, unknown>) =>
  (e.contentBlockDelta as { delta: { text: string } } | undefined)?.delta.text ?? '';

describe('emulator streaming: pacing, aborts, load and memory', function () {
  this.timeout(60_000);
  let emu: RunningEmulator;
  before(async () => {
    emu = await startEmulator();
  });
  after(() => emu.close());
  beforeEach(() => {
    emu.reset();
    emu.configure({ pacing: { chunks: 0, chunksPerSecond: 0, firstByteDelayMs: 0 } });
  });

  it('pacing: N content chunks, first-byte delay and chunks per second are honoured', async () => {
    emu.configure({ pacing: { chunks: 20, chunksPerSecond: 100, firstByteDelayMs: 150 } });
    const client = runtimeClient(emu, 'h2');
    const started = Date.now();
    const out = await client.send(
      new InvokeModelWithResponseStreamCommand({ modelId: NOVA, body: JSON.stringify(novaBody('paced')) }),
    );
    const times: number[] = [];
    const events: Array<Record<string, unknown>> = [];
    for await (const ev of out.body ?? []) {
      times.push(Date.now() - started);
      events.push(JSON.parse(new TextDecoder().decode(ev.chunk?.bytes)) as Record<string, unknown>);
    }
    assert.equal(events.filter((e) => e.contentBlockDelta).length, 20);
    assert.ok(times[0] >= 140, `first event after ${times[0]} ms`);
    const span = times[times.length - 1] - times[0];
    // 24 frames at 100/s: about 230 ms from first to last.
    assert.ok(span >= 200 && span < 1500, `span ${span} ms`);
    const metrics = events.at(-1)?.['amazon-bedrock-invocationMetrics'] as {
      firstByteLatency: number;
      invocationLatency: number;
    };
    assert.ok(metrics.firstByteLatency >= 150 && metrics.invocationLatency >= metrics.firstByteLatency + 200);
    client.destroy();
  });

  it('POST /_emulator/config changes pacing for later requests and rejects nonsense', async () => {
    const res = await fetch(`${emu.url}/_emulator/config`, {
      method: 'POST',
      body: JSON.stringify({ pacing: { chunks: 7 }, fillerTokens: 2 }),
    });
    assert.equal(res.status, 200);
    assert.equal(emu.config().pacing.chunks, 7);
    const client = runtimeClient(emu, 'http1');
    const { events } = await streamEvents(client, NOVA, novaBody('seven'));
    assert.equal(events.filter((e) => e.contentBlockDelta).length, 7);
    assert.ok(events.map(deltaText).join('').startsWith('seven'));
    const bad = await fetch(`${emu.url}/_emulator/config`, {
      method: 'POST',
      body: JSON.stringify({ pacing: { chunksPerSecond: -1 } }),
    });
    assert.equal(bad.status, 400);
    emu.configure({ fillerTokens: 8 });
    client.destroy();
  });

  for (const protocol of PROTOCOLS) {
    it(`${protocol}: aborting mid-stream is recorded as aborted, not completed`, async () => {
      emu.configure({ pacing: { chunks: 1000, chunksPerSecond: 200 } });
      const client = runtimeClient(emu, protocol);
      const controller = new AbortController();
      const out = await client.send(
        new InvokeModelWithResponseStreamCommand({ modelId: NOVA, body: JSON.stringify(novaBody('abort me')) }),
        { abortSignal: controller.signal },
      );
      let seen = 0;
      // Over h2 the SDK ends the loop quietly on abort, over HTTP/1.1 it throws: either way the loop must end.
      await settled(
        (async () => {
          for await (const _ev of out.body ?? []) if (++seen === 5) controller.abort();
        })(),
      );
      const deadline = Date.now() + 3000;
      while (!emu.requests()[0].aborted && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      const [rec] = emu.requests();
      assert.equal(rec.aborted, true);
      assert.equal(rec.completed, false);
      assert.ok((rec.chunksSent ?? 0) < 1000);
      client.destroy();
    });
  }

  it('a completed stream is not recorded as aborted', async () => {
    const client = runtimeClient(emu, 'h2');
    await streamEvents(client, NOVA, novaBody('complete'));
    await new Promise((r) => setTimeout(r, 50));
    const [rec] = emu.requests();
    assert.deepEqual([rec.aborted, rec.completed], [false, true]);
    client.destroy();
  });

  it('50 concurrent streams over both HTTP versions each get their own, complete answer', async () => {
    emu.configure({ pacing: { chunks: 200 } });
    const clients = PROTOCOLS.map((p) => runtimeClient(emu, p));
    const results = await Promise.all(
      Array.from({ length: 50 }, async (_, i) => {
        const client = clients[i % 2];
        const useClaude = i % 3 === 0;
        const message = `concurrent stream number ${i}`;
        const { events } = useClaude
          ? await streamEvents(client, 'anthropic.claude-3-haiku-20240307-v1:0', claudeBody(message))
          : await streamEvents(client, NOVA, novaBody(message));
        const text = events
          .map((e) => (useClaude ? ((e.delta as { text?: string } | undefined)?.text ?? '') : deltaText(e)))
          .join('');
        return { i, message, text, last: events.at(-1) };
      }),
    );
    for (const r of results) {
      assert.ok(
        r.text.startsWith(r.message + ' ') || r.text.startsWith(r.message),
        `stream ${r.i}: ${r.text.slice(0, 60)}`,
      );
      assert.ok(!r.text.includes(`number ${(r.i + 1) % 50} `) || r.i + 1 === 50, `stream ${r.i} mixed with another`);
      assert.ok(r.last?.['amazon-bedrock-invocationMetrics']);
    }
    const recs = emu.requests();
    assert.equal(recs.length, 50);
    assert.ok(
      recs.every(
        (r) => r.completed && !r.aborted && r.status === 200 && r.chunksSent !== undefined && r.chunksSent >= 200,
      ),
    );
    assert.deepEqual(new Set(recs.map((r) => r.httpVersion)), new Set(['2', '1.1']));
    clients.forEach((c) => c.destroy());
  });

  for (const protocol of PROTOCOLS) {
    it(`${protocol}: 100,000 chunks through the real SDK with flat memory and server backpressure`, async () => {
      emu.configure({ pacing: { chunks: 100_000, chunksPerSecond: 0 } });
      const client = runtimeClient(emu, protocol);
      const out = await client.send(
        new InvokeModelWithResponseStreamCommand({ modelId: NOVA, body: JSON.stringify(novaBody('big')) }),
      );
      const iterator = out.body![Symbol.asyncIterator]();
      await iterator.next();
      // A reader that stops: the server must stop too, held back by flow control rather than buffering everything.
      // Measured: ~300 chunks ahead over h2 (flow-control window), ~17,000 over HTTP/1.1 (kernel socket buffers);
      // without backpressure the server would have written all 100,000 within this second.
      await new Promise((r) => setTimeout(r, 1000));
      const sentWhilePaused = emu.requests()[0].chunksSent ?? 0;
      assert.ok(sentWhilePaused < 40_000, `server ran ahead by ${sentWhilePaused} chunks`);
      const base = process.memoryUsage();
      let peakHeap = base.heapUsed;
      let peakRss = base.rss;
      let count = 1;
      let text = '';
      for (let r = await iterator.next(); !r.done; r = await iterator.next()) {
        if (++count % 10_000 === 0) {
          const m = process.memoryUsage();
          peakHeap = Math.max(peakHeap, m.heapUsed);
          peakRss = Math.max(peakRss, m.rss);
        }
        if (count < 5)
          text += deltaText(JSON.parse(new TextDecoder().decode(r.value.chunk?.bytes)) as Record<string, unknown>);
      }
      assert.equal(count, 100_000 + 4);
      assert.ok(text.startsWith(' alpha') || text.length > 0);
      const heapGrowth = (peakHeap - base.heapUsed) / MB;
      const rssGrowth = (peakRss - base.rss) / MB;
      assert.ok(heapGrowth < 48, `heap grew ${heapGrowth.toFixed(1)} MB`);
      assert.ok(rssGrowth < 96, `RSS grew ${rssGrowth.toFixed(1)} MB`);
      assert.equal(emu.requests()[0].chunksSent, 100_004);
      client.destroy();
    });
  }

  it('close() ends open HTTP/2 sessions and stalled streams promptly', async () => {
    const local = await startEmulator();
    local.addFault({ fault: 'stall', afterChunks: 1, delayMs: 30_000 });
    const client = runtimeClient(local, 'h2');
    const out = await client.send(
      new InvokeModelWithResponseStreamCommand({ modelId: NOVA, body: JSON.stringify(novaBody('stalled')) }),
    );
    const consumed = (async () => {
      for await (const _ev of out.body ?? []) {
        /* wait */
      }
    })();
    await new Promise((r) => setTimeout(r, 100));
    const started = Date.now();
    await local.close();
    assert.ok(Date.now() - started < 1000, 'close() waited for the stall');
    await settled(consumed);
    assert.ok(Date.now() - started < 2000, 'the client noticed the closed session');
    assert.equal(local.requests()[0].completed, false);
    client.destroy();
  });
});
