// The request-file schema documents `expect` and agrees with the parser: what one accepts the other accepts.
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import Ajv from 'ajv';
import { parseRequestFile } from '../../../src/core/requestFile';

const root = path.resolve(__dirname, '../../../..');
const schema = JSON.parse(
  fs.readFileSync(path.join(root, 'media/schemas/bedrock-request.schema.json'), 'utf8'),
) as object;
const validate = new Ajv({ strict: false, allErrors: true }).compile(schema);

const request = (expect: unknown) => ({ modelId: 'amazon.nova-lite-v1:0', prompt: 'hi', expect });

const VALID: unknown[] = [
  { contains: 'Paris', notContains: ['London', 'Rome'], ignoreCase: true, matches: ['^The'] },
  {
    json: true,
    stopReason: ['end_turn', 'stop'],
    maxOutputTokens: 100,
    maxLatencyMs: 5000,
    maxTimeToFirstTokenMs: 800,
  },
  { json: { type: 'object', required: ['city'] } },
  { json: '${file:answer.schema.json}' },
  { dimension: 1024, count: 1 },
  { similarTo: 'Paris is the capital of France', minSimilarity: 0.7, embeddingModelId: 'amazon.titan-embed-text-v2:0' },
  { judge: { rubric: 'Names Paris', modelId: 'amazon.nova-lite-v1:0' } },
];

const INVALID: Array<[string, unknown]> = [
  ['an unknown expectation', { contain: 'x' }],
  ['contains as a number', { contains: 5 }],
  ['an empty list', { notContains: [] }],
  ['json false', { json: false }],
  ['a negative latency', { maxLatencyMs: -1 }],
  ['a fractional token limit', { maxOutputTokens: 2.5 }],
  ['minSimilarity above 1', { similarTo: 'x', embeddingModelId: 'amazon.titan-embed-text-v2:0', minSimilarity: 1.5 }],
  ['similarTo without a model', { similarTo: 'x' }],
  ['a judge without modelId', { judge: { rubric: 'x' } }],
  ['a judge with an unknown key', { judge: { rubric: 'x', modelId: 'm', temperature: 0 } }],
  ['expect as a string', 'Paris'],
];

describe('expect in the request-file schema', () => {
  for (const expect of VALID) {
    it(`accepts ${JSON.stringify(expect)}, as the parser does`, () => {
      assert.ok(validate(request(expect)), JSON.stringify(validate.errors));
      assert.deepEqual(parseRequestFile(JSON.stringify(request(expect))).problems, []);
    });
  }
  for (const [what, expect] of INVALID) {
    it(`rejects ${what}, as the parser does`, () => {
      assert.equal(validate(request(expect)), false);
      assert.ok(parseRequestFile(JSON.stringify(request(expect))).problems.length > 0);
    });
  }
  it('documents every expectation the parser knows', async () => {
    const { EXPECT_FIELDS } = await import('../../../src/core/requestFile');
    const props = (schema as { definitions: { request: { properties: { expect: { properties: object } } } } })
      .definitions.request.properties.expect.properties;
    assert.deepEqual(Object.keys(props).sort(), [...EXPECT_FIELDS].sort());
  });
});
