// The outline of a request file (requests, names, model IDs, duplicate keys and limits) computed in a worker thread:
// the same as computed in place, and the main thread stays free while a 1 MB file is parsed.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { outlineOf, outlineRequestAt, OutlineWorker } from '../../../src/core/requestFile';

/** out/test/unit/requestFile -> out/src/core/requestFile, where tsc puts the worker script. */
const WORKER_FOLDER = path.join(__dirname, '..', '..', '..', 'src', 'core', 'requestFile');

function megabyteFile(): string {
  const requests = Array.from({ length: 900 }, (_, i) => ({
    name: `r${i}`,
    modelId: 'amazon.nova-lite-v1:0',
    prompt: `${'x'.repeat(1100)} \${selection}`,
  }));
  const text = JSON.stringify(requests, null, 2);
  // A duplicate key in the last request, to be found at its place.
  return `${text.slice(0, text.lastIndexOf('}'))}, "name": "again" }\n]`;
}

describe('request files: the outline and its worker thread', () => {
  it("holds each request's index, range, name, model and stream, and only duplicate keys and limits as problems", () => {
    const text =
      '[{ "name": "a", "modelId": "m", "prompt": "p", "stream": false }, { "prompt": "q", "prompt": "r" }, { "bogus": 1 }]';
    const outline = outlineOf(text);
    assert.equal(outline.isArray, true);
    assert.deepEqual(
      outline.requests.map((r) => [r.index, r.name, r.modelId, r.stream]),
      [
        [0, 'a', 'm', false],
        [1, undefined, undefined, undefined],
        [2, undefined, undefined, undefined],
      ],
    );
    assert.deepEqual(
      outline.problems.map((p) => [p.kind, p.requestIndex]),
      [['duplicate', 1]],
    );
    assert.equal(outlineRequestAt(outline, text.indexOf('"q"'))?.index, 1);
    const vars = outlineOf(JSON.stringify({ prompt: '${selection}'.repeat(1001) }));
    assert.deepEqual(
      vars.problems.map((p) => p.kind),
      ['limit'],
    );
  });

  it('computes in the worker exactly what it computes in place, in order, for a 1 MB file', async () => {
    const worker = OutlineWorker.beside(WORKER_FOLDER, (e) => assert.fail(String(e)));
    try {
      const text = megabyteFile();
      assert.ok(text.length > 1024 * 1024);
      const [big, small] = await Promise.all([
        worker.outline(text),
        worker.outline('{ "prompt": "hi", "prompt": "again" }'),
      ]);
      assert.deepEqual(big, outlineOf(text));
      assert.equal(big.requests.length, 900);
      assert.match(big.problems[0].message, /"name" appears twice/);
      assert.equal(big.problems[0].requestIndex, 899);
      assert.equal(small.problems[0].kind, 'duplicate');
    } finally {
      worker.dispose();
    }
  });

  it('leaves the main thread free while 1 MB files are outlined: under 50 ms of work on it in all', async () => {
    const worker = OutlineWorker.beside(WORKER_FOLDER, (e) => assert.fail(String(e)));
    try {
      const text = megabyteFile();
      await worker.outline('{}'); // the worker is up
      // The event loop's busy time (not wall time, which a loaded machine stretches): what the main thread spent.
      const before = performance.eventLoopUtilization();
      const started = process.hrtime.bigint();
      await Promise.all([worker.outline(text), worker.outline(`${text} `), worker.outline(`${text}  `)]);
      const workerMs = Number(process.hrtime.bigint() - started) / 1e6;
      const busyMs = performance.eventLoopUtilization(before).active;
      // In place afterwards, so that its garbage is not collected inside the window measured above.
      const inPlace = process.hrtime.bigint();
      outlineOf(text);
      const inPlaceMs = Number(process.hrtime.bigint() - inPlace) / 1e6;
      assert.ok(
        busyMs < 50,
        `the main thread worked ${busyMs.toFixed(0)} ms (outlining the file in place takes ${inPlaceMs.toFixed(0)} ms, three in the worker ${workerMs.toFixed(0)} ms)`,
      );
    } finally {
      worker.dispose();
    }
  });

  it('computes in place when the worker cannot start, and says why once', async () => {
    const errors: unknown[] = [];
    const worker = OutlineWorker.beside(path.join(WORKER_FOLDER, 'no-such-folder'), (e) => errors.push(e));
    try {
      const outline = await worker.outline('{ "prompt": "a", "prompt": "b" }');
      assert.equal(outline.problems[0].kind, 'duplicate');
      await worker.outline('{ "prompt": "c" }');
      assert.equal(errors.length, 1);
    } finally {
      worker.dispose();
    }
  });
});
