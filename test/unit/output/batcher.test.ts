import * as assert from 'node:assert/strict';
import { Batcher } from '../../../src/features/output/batcher';

describe('Batcher', () => {
  it('coalesces many appends into few writes and loses nothing', async () => {
    const writes: string[] = [];
    const batcher = new Batcher((text) => void writes.push(text), 20);
    let expected = '';
    for (let i = 0; i < 10_000; i++) {
      batcher.push(`t${i} `);
      expected += `t${i} `;
    }
    await batcher.flush();
    assert.equal(writes.join(''), expected);
    assert.ok(writes.length <= 3, `expected at most 3 writes, got ${writes.length}`);
  });

  it('writes the first text at once, then what follows within the interval in one later write', async () => {
    const writes: string[] = [];
    const batcher = new Batcher((text) => void writes.push(text), 30);
    batcher.push('a');
    await Promise.resolve();
    assert.deepEqual(writes, ['a'], 'the first text is not held back');
    batcher.push('b');
    batcher.push('c');
    await Promise.resolve();
    assert.deepEqual(writes, ['a'], 'text within the interval waits');
    await new Promise((r) => setTimeout(r, 60));
    assert.deepEqual(writes, ['a', 'bc']);
  });

  it('writes at most a few dozen times a second however fast text arrives', async () => {
    let writes = 0;
    const batcher = new Batcher(() => void writes++, 50);
    const until = performance.now() + 500;
    while (performance.now() < until) {
      batcher.push('x');
      await new Promise((r) => setImmediate(r));
    }
    await batcher.flush();
    assert.ok(writes <= 13, `expected about 10 writes in 0.5 s, got ${writes}`);
    assert.ok(writes >= 5, `expected steady writes, got ${writes}`);
  });

  it('never overlaps asynchronous writes, so they land in order', async () => {
    const landed: string[] = [];
    let active = 0;
    let maxActive = 0;
    const batcher = new Batcher(async (text) => {
      active++;
      maxActive = Math.max(maxActive, active);
      await new Promise((r) => setTimeout(r, 5));
      landed.push(text);
      active--;
    }, 1);
    for (let i = 0; i < 5; i++) {
      batcher.push(String(i));
      void batcher.flush();
    }
    await batcher.flush();
    assert.equal(maxActive, 1);
    assert.equal(landed.join(''), '01234');
  });

  it('slows to fewer, larger writes once a stream has written for a while, losing nothing', async () => {
    const times: number[] = [];
    let text = '';
    const batcher = new Batcher(
      (t) => {
        times.push(performance.now());
        text += t;
      },
      { intervalMs: 20, slowIntervalMs: 120, rampMs: 200 },
    );
    let expected = '';
    const until = performance.now() + 800;
    for (let i = 0; performance.now() < until; i++) {
      batcher.push(`${i},`);
      expected += `${i},`;
      await new Promise((r) => setTimeout(r, 2));
    }
    await batcher.flush();
    assert.equal(text, expected);
    const gaps = times.slice(1).map((t, i) => t - times[i]);
    const early = gaps.filter((_, i) => times[i + 1] - times[0] < 180);
    const late = gaps.slice(-3, -1);
    assert.ok(
      early.every((g) => g < 80),
      `early writes were far apart: ${early.map(Math.round)}`,
    );
    assert.ok(
      late.every((g) => g >= 100),
      `late writes came too often: ${late.map(Math.round)}`,
    );
  });

  it('keeps writing after one write fails, and flush still resolves', async () => {
    const written: string[] = [];
    let calls = 0;
    const batcher = new Batcher(async (text) => {
      if (calls++ === 0) throw new Error('the document was closed');
      written.push(text);
    }, 1);
    batcher.push('lost');
    await batcher.flush();
    batcher.push('kept');
    await batcher.flush();
    assert.deepEqual(written, ['kept']);
  });

  it('writes a firehose (thousands of pieces a second) about once a second, and a reading-speed stream as before', async () => {
    const run = async (piecesPerTick: number) => {
      const times: number[] = [];
      const batcher = new Batcher(() => void times.push(performance.now()), {
        intervalMs: 20,
        slowIntervalMs: 20,
        firehosePerSecond: 2000,
        firehoseIntervalMs: 300,
      });
      const until = performance.now() + 700;
      while (performance.now() < until) {
        for (let i = 0; i < piecesPerTick; i++) batcher.push('x');
        await new Promise((r) => setTimeout(r, 5));
      }
      await batcher.flush();
      return times.length;
    };
    const firehose = await run(200); // ~40,000 pieces a second
    const reading = await run(1); // ~200 pieces a second
    assert.ok(firehose <= 6, `a firehose was written ${firehose} times in 0.7 s`);
    assert.ok(reading >= 15, `a reading-speed stream was written only ${reading} times in 0.7 s`);
  });

  it('recognises a burst while it arrives: after the first text, nothing is written until the firehose interval', async () => {
    const written: string[] = [];
    const batcher = new Batcher((text) => void written.push(text), {
      intervalMs: 50,
      slowIntervalMs: 50,
      firehosePerSecond: 2000,
      firehoseIntervalMs: 400,
    });
    batcher.push('first');
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(written, ['first'], 'the first text is written at once');
    for (let i = 0; i < 5000; i++) batcher.push('x');
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(written.length, 1, 'not written at the 50 ms interval');
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(written.length, 2, 'written once the 400 ms firehose interval is up');
    assert.equal(written.join(''), `first${'x'.repeat(5000)}`);
  });

  it('does not take a few quick pieces for a firehose', async () => {
    const times: number[] = [];
    const batcher = new Batcher(() => void times.push(performance.now()), {
      intervalMs: 50,
      slowIntervalMs: 50,
      firehosePerSecond: 2000,
      firehoseIntervalMs: 1000,
    });
    batcher.push('first');
    for (let i = 0; i < 99; i++) batcher.push('x'); // a paragraph's worth of pieces in one network read
    await new Promise((r) => setTimeout(r, 150)); // nothing more is pushed, so nothing more is written
    assert.equal(times.length, 2, 'written at the normal interval');
  });

  it('goes back to live writes when a burst is followed by a reading-speed stream', async () => {
    const times: number[] = [];
    const batcher = new Batcher(() => void times.push(performance.now()), {
      intervalMs: 20,
      slowIntervalMs: 20,
      firehosePerSecond: 2000,
      firehoseIntervalMs: 300,
    });
    batcher.push('first');
    for (let i = 0; i < 5000; i++) batcher.push('x'); // e.g. text queued behind another invocation, released at once
    await new Promise((r) => setTimeout(r, 350)); // the burst is written at the firehose interval
    const afterBurst = times.length;
    const until = performance.now() + 600;
    while (performance.now() < until) {
      batcher.push('y'); // ~100 pieces a second
      await new Promise((r) => setTimeout(r, 10));
    }
    // Live writes come every 20 ms (about 30 here, fewer on a loaded machine); still in firehose mode there would be
    // at most 3 (one per 300 ms). 5 tells the two apart without depending on the machine's speed.
    assert.ok(
      times.length - afterBurst >= 5,
      `only ${times.length - afterBurst} writes in 0.6 s of a reading-speed stream`,
    );
    await batcher.flush();
  });
});
