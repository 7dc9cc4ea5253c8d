import * as assert from 'node:assert/strict';
import { createRawStreamParser, extractText, parseRawResponse } from '../../../src/core/models';

describe('raw fallback for unknown models', () => {
  const texts: [string, unknown][] = [
    ['content[].text', { content: [{ type: 'text', text: 'A' }, { type: 'tool_use' }, { type: 'text', text: 'B' }] }],
    ['outputText', { outputText: 'AB' }],
    ['results[].outputText', { results: [{ outputText: 'AB' }] }],
    ['generation', { generation: 'AB' }],
    ['outputs[].text', { outputs: [{ text: 'AB' }] }],
    ['choices[].message.content', { choices: [{ message: { content: 'AB' } }] }],
    ['choices[].delta.content', { choices: [{ delta: { content: 'AB' } }] }],
    ['choices[].text', { choices: [{ text: 'AB' }] }],
    ['text', { text: 'AB' }],
    ['completion', { completion: 'AB', stop_reason: 'stop_sequence' }],
    ['output.message.content[].text', { output: { message: { content: [{ text: 'AB' }] } } }],
    ['contentBlockDelta.delta.text', { contentBlockDelta: { delta: { text: 'AB' } } }],
    ['delta.text', { type: 'content_block_delta', delta: { type: 'text_delta', text: 'AB' } }],
    ['generations[].text', { generations: [{ text: 'AB' }] }],
  ];
  for (const [path, body] of texts) {
    it(`finds text in ${path}`, () => {
      assert.equal(extractText(body), 'AB');
      assert.equal(parseRawResponse(body).text, 'AB');
    });
  }

  it('finds nothing (not a throw) in bodies without text', () => {
    for (const body of [null, 1, [], {}, { embedding: [1, 2] }, { images: ['x'] }]) {
      assert.equal(extractText(body), undefined);
      assert.equal(parseRawResponse(body).text, '');
    }
  });

  it('guesses stop reason and usage from common fields', () => {
    assert.deepStrictEqual(
      parseRawResponse({
        completion: 'Hi',
        stop_reason: 'stop_sequence',
        usage: { input_tokens: 2, output_tokens: 1 },
      }),
      {
        text: 'Hi',
        stopReason: 'stop_sequence',
        usage: { inputTokens: 2, outputTokens: 1 },
      },
    );
    assert.deepStrictEqual(
      parseRawResponse({
        choices: [{ message: { content: 'Yo' }, finish_reason: 'length' }],
        usage: { prompt_tokens: 3, completion_tokens: 4 },
      }),
      {
        text: 'Yo',
        stopReason: 'length',
        usage: { inputTokens: 3, outputTokens: 4 },
      },
    );
  });

  it("reads stream events of unknown models (the service-added metrics are the transport's)", () => {
    const parse = createRawStreamParser();
    assert.deepStrictEqual(parse({ generation: 'Hel', stop_reason: null }), { text: 'Hel' });
    assert.deepStrictEqual(parse({ type: 'message_start', message: { content: [] } }), {});
    assert.deepStrictEqual(
      parse({
        outputs: [{ text: 'lo', stop_reason: 'stop' }],
        'amazon-bedrock-invocationMetrics': {
          inputTokenCount: 1,
          outputTokenCount: 2,
          invocationLatency: 3,
          firstByteLatency: 4,
        },
      }),
      {
        text: 'lo',
        stopReason: 'stop',
      },
    );
    assert.deepStrictEqual(parse('not json'), {});
  });
});
