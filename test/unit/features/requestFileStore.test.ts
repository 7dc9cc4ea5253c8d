// The document store (features/services/requestFileStore.ts) on the fake vscode module: one parse per document
// version whoever asks (CodeLens, status bar, runner, fixes), a small file parsed once for both views, a new
// version parsed again, a large one outlined in the worker thread.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { OutlineWorker } from '../../../src/core/requestFile';
import { RequestFileStore } from '../../../src/features/services/requestFileStore';
import { textDocument, Uri } from '../fakes/vscode';

const WORKER_FOLDER = path.join(__dirname, '..', '..', '..', 'src', 'core', 'requestFile');

describe('the request-file document store', () => {
  it('parses each version once, for the whole file and the outline alike', async () => {
    // The fake workspace's events are recorders, not disposables: the worker is stopped here, not via store.dispose().
    const worker = OutlineWorker.beside(WORKER_FOLDER);
    const store = new RequestFileStore(worker);
    try {
      const v1 = textDocument(
        '[{ "name": "a", "prompt": "x" }, { "prompt": "y", "prompt": "z" }]',
        Uri.file('/workspace/a.bedrock.json'),
        1,
      );
      const file = store.file(v1);
      assert.equal(store.file(v1), file);
      const outline = await store.outline(v1);
      assert.equal(store.outlineNow(v1), outline);
      assert.deepEqual(
        outline.requests.map((r) => r.name),
        ['a', undefined],
      );
      assert.deepEqual(
        outline.problems.map((p) => p.kind),
        ['duplicate'],
      );
      assert.equal(store.parses, 1, 'one parse for file(), outline() and outlineNow() of one version');
      const v2 = textDocument('{ "prompt": "edited" }', Uri.file('/workspace/a.bedrock.json'), 2);
      assert.equal(store.file(v2).requests[0].prompt, 'edited');
      assert.equal(store.parses, 2);
    } finally {
      worker.dispose();
    }
  });

  it('outlines a large file in the worker: not ready at once, then ready without another parse', async () => {
    // The fake workspace's events are recorders, not disposables: the worker is stopped here, not via store.dispose().
    const worker = OutlineWorker.beside(WORKER_FOLDER);
    const store = new RequestFileStore(worker);
    try {
      const text = JSON.stringify(Array.from({ length: 200 }, (_, i) => ({ name: `r${i}`, prompt: 'p'.repeat(500) })));
      const big = textDocument(text, Uri.file('/workspace/big.bedrock.json'), 1);
      assert.equal(store.outlineNow(big), undefined);
      const outline = await store.outline(big);
      assert.equal(outline.requests.length, 200);
      assert.equal(store.outlineNow(big), outline);
      assert.equal(store.parses, 1);
    } finally {
      worker.dispose();
    }
  });
});
