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
    assert.ok(writes.length <= 2, `expected at most 2 writes, got ${writes.length}`);
  });

  it('writes after the interval without an explicit flush', async () => {
    const writes: string[] = [];
    const batcher = new Batcher((text) => void writes.push(text), 10);
    batcher.push('a');
    batcher.push('b');
    assert.deepEqual(writes, []);
    await new Promise((r) => setTimeout(r, 40));
    assert.deepEqual(writes, ['ab']);
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
});
