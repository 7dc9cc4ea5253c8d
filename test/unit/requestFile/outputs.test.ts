// What embedding and image requests produce: the embedding document, and image files that never overwrite.
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  embeddingDocument,
  fileStem,
  formatEmbeddingDocument,
  imagesOf,
  requestFileTemplate,
  timestamp,
  writeImages,
} from '../../../src/core/requestFile';
import { allFamilies, getFamily } from '../../../src/core/models';
import { parseRequestFile } from '../../../src/core/requestFile';

const PNG_1X1 = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

describe('request files: outputs', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bedrock-images-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('makes an embedding document with model, dimension, input tokens and the vector (Titan)', () => {
    const doc = embeddingDocument('amazon.titan-embed-text-v2:0', {
      embedding: [0.1, -0.2, 0.3],
      inputTextTokenCount: 4,
    });
    assert.deepEqual(doc, {
      modelId: 'amazon.titan-embed-text-v2:0',
      dimension: 3,
      inputTokenCount: 4,
      vector: [0.1, -0.2, 0.3],
    });
    assert.deepEqual(JSON.parse(formatEmbeddingDocument(doc)), doc);
  });

  it('makes one with every vector for several inputs (Cohere), the token count from the header when the body has none', () => {
    const doc = embeddingDocument(
      'cohere.embed-english-v3',
      {
        embeddings: [
          [1, 2],
          [3, 4],
        ],
        response_type: 'embeddings_floats',
      },
      7,
    );
    assert.deepEqual(doc, {
      modelId: 'cohere.embed-english-v3',
      dimension: 2,
      inputTokenCount: 7,
      vectors: [
        [1, 2],
        [3, 4],
      ],
    });
    assert.deepEqual(JSON.parse(formatEmbeddingDocument(doc)), doc);
  });

  it('has no embedding document for an answer without a vector', () => {
    assert.equal(embeddingDocument('m', { message: 'nope' }), undefined);
  });

  it("writes images with their format's extension, creating the folder", () => {
    const { images } = imagesOf({ images: [PNG_1X1.toString('base64')], error: null });
    const folder = path.join(dir, 'bedrock-output');
    const files = writeImages(folder, 'cat', images, new Date('2026-01-02T03:04:05Z'));
    assert.deepEqual(
      files.map((f) => path.basename(f)),
      ['cat-2026-01-02T03-04-05-1.png'],
    );
    assert.deepEqual(fs.readFileSync(files[0]), PNG_1X1);
  });

  it('never overwrites an earlier image: a taken name moves on to the next free one', () => {
    const { images } = imagesOf({ images: [PNG_1X1.toString('base64'), PNG_1X1.toString('base64')] });
    const at = new Date('2026-01-02T03:04:05Z');
    const earlier = path.join(dir, 'cat-2026-01-02T03-04-05-1.png');
    fs.writeFileSync(earlier, 'earlier output');
    const files = writeImages(dir, 'cat', images, at);
    assert.deepEqual(
      files.map((f) => path.basename(f)),
      ['cat-2026-01-02T03-04-05-2.png', 'cat-2026-01-02T03-04-05-3.png'],
    );
    assert.equal(fs.readFileSync(earlier, 'utf8'), 'earlier output');
    const again = writeImages(dir, 'cat', images.slice(0, 1), at);
    assert.deepEqual(
      again.map((f) => path.basename(f)),
      ['cat-2026-01-02T03-04-05-4.png'],
    );
  });

  it('reports what an image model said instead of images', () => {
    assert.deepEqual(imagesOf({ images: [], error: 'blocked by content filter' }), {
      images: [],
      error: 'blocked by content filter',
    });
    assert.deepEqual(imagesOf({ images: [], finish_reasons: ['Filter reason: prompt'] }), {
      images: [],
      error: 'Filter reason: prompt',
    });
  });

  it('makes safe file stems and timestamps', () => {
    assert.equal(fileStem('lighthouse.bedrock.json'), 'lighthouse');
    assert.equal(fileStem('My cat / "portrait"'), 'My-cat-portrait');
    assert.equal(fileStem('***'), 'image');
    assert.equal(timestamp(new Date('2026-11-26T08:30:05.123Z')), '2026-11-26T08-30-05');
  });

  for (const family of allFamilies) {
    it(`New Request File's template for ${family.id} is a valid request whose body is the family's own`, () => {
      const text = requestFileTemplate('some-model', family);
      const file = parseRequestFile(text);
      assert.deepEqual(file.problems, []);
      const [request] = file.requests;
      assert.equal(request.modelId, 'some-model');
      assert.deepEqual(
        Object.keys(request.body ?? {}).sort(),
        Object.keys(family.buildBody({ prompt: 'x', maxTokens: family.kind === 'text' ? 1 : undefined })).sort(),
      );
    });
  }

  it('the template for a model of unknown family is a valid request with an empty body to fill in', () => {
    const file = parseRequestFile(requestFileTemplate('acme.model', undefined));
    assert.deepEqual(file.problems, []);
    assert.deepEqual(file.requests[0].body, {});
    assert.ok(getFamily('anthropic'));
  });
});
