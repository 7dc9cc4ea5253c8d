import * as assert from 'node:assert/strict';
import { getFamily, type FamilyId, type ParsedResponse } from '../../../src/core/models';

// Whole InvokeModel responses in the shapes of docs/bedrock-protocol.md §4 and the catalog, and what the user should read.
const cases: { family: FamilyId; body: unknown; expected: ParsedResponse }[] = [
  {
    family: 'anthropic',
    body: {
      id: 'msg_bdrk_01A6sahWac4XVTR9sX3rgvsZ',
      type: 'message',
      role: 'assistant',
      model: 'claude-3-5-haiku-20241022',
      content: [{ type: 'text', text: 'Hi! How can I help?' }],
      stop_reason: 'end_turn',
      stop_sequence: null,
      usage: { input_tokens: 9, output_tokens: 12 },
    },
    expected: { text: 'Hi! How can I help?', stopReason: 'end_turn', usage: { inputTokens: 9, outputTokens: 12 } },
  },
  {
    family: 'anthropic',
    body: {
      content: [
        { type: 'thinking', thinking: 'The user greets me.', signature: 'abc' },
        { type: 'text', text: 'Hi' },
        { type: 'tool_use', id: 't', name: 'x', input: {} },
        { type: 'text', text: ' there' },
      ],
      stop_reason: 'max_tokens',
      usage: { input_tokens: 3, output_tokens: 4, cache_read_input_tokens: 0 },
    },
    expected: {
      text: 'Hi there',
      reasoning: 'The user greets me.',
      stopReason: 'max_tokens',
      usage: { inputTokens: 3, outputTokens: 4 },
    },
  },
  {
    family: 'nova',
    body: {
      output: { message: { role: 'assistant', content: [{ text: 'Hello!' }] } },
      stopReason: 'end_turn',
      usage: { inputTokens: 5, outputTokens: 3, totalTokens: 8 },
    },
    expected: { text: 'Hello!', stopReason: 'end_turn', usage: { inputTokens: 5, outputTokens: 3 } },
  },
  {
    family: 'titan-text',
    body: {
      inputTextTokenCount: 5,
      results: [{ tokenCount: 9, outputText: '\nHello! How can I help?', completionReason: 'FINISH' }],
    },
    expected: { text: '\nHello! How can I help?', stopReason: 'FINISH', usage: { inputTokens: 5, outputTokens: 9 } },
  },
  {
    family: 'llama',
    body: {
      generation: 'Hello! How can I help?',
      prompt_token_count: 24,
      generation_token_count: 8,
      stop_reason: 'stop',
    },
    expected: { text: 'Hello! How can I help?', stopReason: 'stop', usage: { inputTokens: 24, outputTokens: 8 } },
  },
  {
    family: 'mistral',
    body: { outputs: [{ text: ' Hello! How can I help?', stop_reason: 'stop' }] },
    expected: { text: ' Hello! How can I help?', stopReason: 'stop' },
  },
  {
    family: 'mistral-chat',
    body: {
      id: 'x',
      object: 'chat.completion',
      created: 1,
      model: 'mistral-large-2407',
      choices: [{ index: 0, message: { role: 'assistant', content: 'Hello!', tool_calls: null }, stop_reason: 'stop' }],
      usage: { prompt_tokens: 7, completion_tokens: 2, total_tokens: 9 },
    },
    expected: { text: 'Hello!', stopReason: 'stop', usage: { inputTokens: 7, outputTokens: 2 } },
  },
  {
    family: 'cohere-command-r',
    body: { response_id: 'r', text: 'Hello!', generation_id: 'g', chat_history: [], finish_reason: 'COMPLETE' },
    expected: { text: 'Hello!', stopReason: 'COMPLETE' },
  },
  {
    family: 'cohere-command-r',
    body: { text: 'Hi', finish_reason: 'MAX_TOKENS', meta: { billed_units: { input_tokens: 4, output_tokens: 1 } } },
    expected: { text: 'Hi', stopReason: 'MAX_TOKENS', usage: { inputTokens: 4, outputTokens: 1 } },
  },
  {
    family: 'ai21-jamba',
    body: {
      id: 'chatcmpl-1',
      choices: [{ index: 0, message: { role: 'assistant', content: 'Hello!' }, finish_reason: 'stop' }],
      usage: { prompt_tokens: 6, completion_tokens: 3, total_tokens: 9 },
    },
    expected: { text: 'Hello!', stopReason: 'stop', usage: { inputTokens: 6, outputTokens: 3 } },
  },
  {
    family: 'deepseek',
    body: { choices: [{ text: 'The user says hello.\n</think>\n\nHello!', stop_reason: 'stop' }] },
    expected: { text: 'Hello!', reasoning: 'The user says hello.', stopReason: 'stop' },
  },
  {
    family: 'gpt-oss',
    body: {
      id: 'c',
      object: 'chat.completion',
      created: 1,
      model: 'openai.gpt-oss-20b-1:0',
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: '<reasoning>Greet back.</reasoning>Hello!' },
          finish_reason: 'stop',
        },
      ],
      usage: { prompt_tokens: 10, completion_tokens: 8, total_tokens: 18 },
    },
    expected: {
      text: 'Hello!',
      reasoning: 'Greet back.',
      stopReason: 'stop',
      usage: { inputTokens: 10, outputTokens: 8 },
    },
  },
  {
    family: 'titan-embed',
    body: { embedding: [0.5, -0.25, 1], inputTextTokenCount: 3, embeddingsByType: { float: [0.5, -0.25, 1] } },
    expected: { text: 'One embedding of 3 dimensions: [0.5, -0.25, 1]', usage: { inputTokens: 3 } },
  },
  {
    family: 'cohere-embed',
    body: {
      id: 'e',
      embeddings: [[0.1, 0.2, 0.3, 0.4, 0.5, 0.6]],
      texts: ['hello world'],
      response_type: 'embeddings_floats',
    },
    expected: { text: 'One embedding of 6 dimensions: [0.1, 0.2, 0.3, 0.4, 0.5, …]' },
  },
];

describe('model families: whole responses', () => {
  for (const { family, body, expected } of cases) {
    it(`${family}: reads text, stop reason and usage from ${JSON.stringify(body).slice(0, 60)}…`, () => {
      assert.deepStrictEqual(getFamily(family).parseResponse(body), expected);
    });
  }

  it('returns empty text, not a throw, for bodies of an unexpected shape', () => {
    for (const family of [
      'anthropic',
      'nova',
      'titan-text',
      'llama',
      'mistral',
      'mistral-chat',
      'cohere-command-r',
      'ai21-jamba',
      'deepseek',
      'gpt-oss',
    ] as const) {
      for (const body of [null, 42, 'text', [], {}, { content: 'x', choices: {} }]) {
        assert.equal(getFamily(family).parseResponse(body).text, '', `${family} ${JSON.stringify(body)}`);
      }
    }
  });

  it('image families summarise the images and the reported error', () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]).toString('base64');
    assert.deepStrictEqual(getFamily('titan-image').parseResponse({ images: [png], error: null }), {
      text: 'One image (png).',
    });
    assert.deepStrictEqual(
      getFamily('stability').parseResponse({ seeds: [1], finish_reasons: ['Filter reason: prompt'], images: [] }),
      {
        text: 'The response holds no image. The model reported: Filter reason: prompt',
      },
    );
  });
});
