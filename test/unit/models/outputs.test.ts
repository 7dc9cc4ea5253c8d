import * as assert from 'node:assert/strict';
import { imageError, imageFormat, parseEmbeddings, parseImageBytes, parseImages } from '../../../src/core/models';

/** The first vector of a response, as the product reads it. */
const firstEmbedding = (body: unknown) => parseEmbeddings(body)[0];

const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
const JPEG = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]);
const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

describe('embedding vectors from responses', () => {
  it('Titan V2: reads the vector, its dimension and the input token count', () => {
    assert.deepStrictEqual(
      firstEmbedding({ embedding: [0.018, -0.5], inputTextTokenCount: 3, embeddingsByType: { float: [0.018, -0.5] } }),
      {
        vector: [0.018, -0.5],
        dimension: 2,
        inputTokens: 3,
      },
    );
  });

  it('Titan V2 with only binary/by-type output: falls back to embeddingsByType.float', () => {
    assert.deepStrictEqual(
      firstEmbedding({ inputTextTokenCount: 1, embeddingsByType: { float: [1, 2, 3] } })?.vector,
      [1, 2, 3],
    );
  });

  it('Cohere without embedding_types ("embeddings_floats"): one vector per text', () => {
    const body = {
      id: 'e',
      embeddings: [
        [1, 2],
        [3, 4],
      ],
      texts: ['a', 'b'],
      response_type: 'embeddings_floats',
    };
    assert.deepStrictEqual(parseEmbeddings(body), [
      { vector: [1, 2], dimension: 2 },
      { vector: [3, 4], dimension: 2 },
    ]);
  });

  it('Cohere with embedding_types ("embeddings_by_type"): prefers float vectors', () => {
    const body = { embeddings: { int8: [[9, 9, 9]], float: [[0.1, 0.2, 0.3]] }, response_type: 'embeddings_by_type' };
    assert.deepStrictEqual(firstEmbedding(body), { vector: [0.1, 0.2, 0.3], dimension: 3 });
    assert.deepStrictEqual(firstEmbedding({ embeddings: { int8: [[9, 9]] } })?.vector, [9, 9]);
  });

  it('returns undefined for bodies without a vector', () => {
    for (const body of [null, {}, { embedding: [] }, { embedding: ['x'] }, { embeddings: 'no' }, { images: [] }]) {
      assert.equal(firstEmbedding(body), undefined, JSON.stringify(body));
    }
  });
});

describe('images from responses', () => {
  it('Titan Image / Nova Canvas and SD3.5: reads base64 images and decodes them to bytes', () => {
    const body = { images: [b64(PNG), b64(JPEG)], error: null };
    assert.deepStrictEqual(parseImages(body), [b64(PNG), b64(JPEG)]);
    assert.deepStrictEqual(parseImageBytes(body), [PNG, JPEG]);
    assert.deepStrictEqual(parseImageBytes({ seeds: [42], finish_reasons: [null], images: [b64(PNG)] }), [PNG]);
  });

  it('SDXL: reads artifacts[].base64', () => {
    assert.deepStrictEqual(
      parseImages({ result: 'success', artifacts: [{ seed: 0, base64: b64(PNG), finishReason: 'SUCCESS' }] }),
      [b64(PNG)],
    );
  });

  it('recognises the image format from its bytes', () => {
    assert.equal(imageFormat(PNG), 'png');
    assert.equal(imageFormat(JPEG), 'jpeg');
    assert.equal(imageFormat(Uint8Array.from([0x52, 0x49, 0x46, 0x46, 1, 2, 3, 4, 0x57, 0x45, 0x42, 0x50])), 'webp');
    assert.equal(imageFormat(Uint8Array.from([1, 2, 3])), undefined);
  });

  it('reports the error a model gave instead of images', () => {
    assert.equal(
      imageError({ images: [], error: 'This request has been blocked by our content filters.' }),
      'This request has been blocked by our content filters.',
    );
    assert.equal(imageError({ images: [b64(PNG)], error: null }), undefined);
    assert.equal(
      imageError({ seeds: [1], finish_reasons: ['Filter reason: output image'], images: [] }),
      'Filter reason: output image',
    );
    assert.equal(imageError({ seeds: [1], finish_reasons: [null], images: [b64(PNG)] }), undefined);
  });
});
