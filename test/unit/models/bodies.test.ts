import * as assert from 'node:assert/strict';
import { getFamily, type FamilyId, type PromptInput } from '../../../src/core/models';

const ALL: PromptInput = { prompt: 'Hello', system: 'You are terse.', maxTokens: 512, temperature: 0.5, topP: 0.9 };
const NONE: PromptInput = { prompt: 'Hello' };

const chat = [
  { role: 'system', content: 'You are terse.' },
  { role: 'user', content: 'Hello' },
];

// Exact bodies for every family, with every setting given and with none given (unset settings must be absent).
const cases: { family: FamilyId; all: object; none: object }[] = [
  {
    family: 'anthropic',
    all: {
      anthropic_version: 'bedrock-2023-05-31',
      max_tokens: 512,
      system: 'You are terse.',
      messages: [{ role: 'user', content: [{ type: 'text', text: 'Hello' }] }],
      temperature: 0.5,
      top_p: 0.9,
    },
    none: {
      anthropic_version: 'bedrock-2023-05-31',
      max_tokens: 1024,
      messages: [{ role: 'user', content: [{ type: 'text', text: 'Hello' }] }],
    },
  },
  {
    family: 'nova',
    all: {
      schemaVersion: 'messages-v1',
      system: [{ text: 'You are terse.' }],
      messages: [{ role: 'user', content: [{ text: 'Hello' }] }],
      inferenceConfig: { maxTokens: 512, temperature: 0.5, topP: 0.9 },
    },
    none: { schemaVersion: 'messages-v1', messages: [{ role: 'user', content: [{ text: 'Hello' }] }] },
  },
  {
    family: 'titan-text',
    all: {
      inputText: 'You are terse.\n\nUser: Hello\nBot:',
      textGenerationConfig: { maxTokenCount: 512, temperature: 0.5, topP: 0.9 },
    },
    none: { inputText: 'User: Hello\nBot:' },
  },
  {
    family: 'llama',
    // The request example of docs/bedrock-protocol.md §4.4, verbatim.
    all: {
      prompt:
        '<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\nYou are terse.<|eot_id|><|start_header_id|>user<|end_header_id|>\n\nHello<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n',
      max_gen_len: 512,
      temperature: 0.5,
      top_p: 0.9,
    },
    none: {
      prompt:
        '<|begin_of_text|><|start_header_id|>user<|end_header_id|>\n\nHello<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n',
    },
  },
  {
    family: 'mistral',
    all: { prompt: '<s>[INST] You are terse.\n\nHello [/INST]', max_tokens: 512, temperature: 0.5, top_p: 0.9 },
    none: { prompt: '<s>[INST] Hello [/INST]' },
  },
  {
    family: 'mistral-chat',
    all: { messages: chat, max_tokens: 512, temperature: 0.5, top_p: 0.9 },
    none: { messages: [{ role: 'user', content: 'Hello' }] },
  },
  {
    family: 'cohere-command-r',
    all: { message: 'Hello', preamble: 'You are terse.', max_tokens: 512, temperature: 0.5, p: 0.9 },
    none: { message: 'Hello' },
  },
  {
    family: 'ai21-jamba',
    all: { messages: chat, max_tokens: 512, temperature: 0.5, top_p: 0.9 },
    none: { messages: [{ role: 'user', content: 'Hello' }] },
  },
  {
    family: 'deepseek',
    all: {
      prompt: '<｜begin▁of▁sentence｜>You are terse.<｜User｜>Hello<｜Assistant｜><think>\n',
      max_tokens: 512,
      temperature: 0.5,
      top_p: 0.9,
    },
    none: { prompt: '<｜begin▁of▁sentence｜><｜User｜>Hello<｜Assistant｜><think>\n' },
  },
  {
    family: 'gpt-oss',
    all: { messages: chat, max_completion_tokens: 512, temperature: 0.5, top_p: 0.9 },
    none: { messages: [{ role: 'user', content: 'Hello' }] },
  },
  { family: 'titan-embed', all: { inputText: 'Hello' }, none: { inputText: 'Hello' } },
  {
    family: 'cohere-embed',
    all: { texts: ['Hello'], input_type: 'search_document' },
    none: { texts: ['Hello'], input_type: 'search_document' },
  },
  {
    family: 'titan-image',
    all: { taskType: 'TEXT_IMAGE', textToImageParams: { text: 'Hello' }, imageGenerationConfig: { numberOfImages: 1 } },
    none: {
      taskType: 'TEXT_IMAGE',
      textToImageParams: { text: 'Hello' },
      imageGenerationConfig: { numberOfImages: 1 },
    },
  },
  {
    family: 'stability',
    all: { prompt: 'Hello', output_format: 'png' },
    none: { prompt: 'Hello', output_format: 'png' },
  },
];

describe('model families: request bodies', () => {
  for (const { family, all, none } of cases) {
    it(`${family}: puts every given setting in the body`, () => {
      assert.deepStrictEqual(getFamily(family).buildBody(ALL), all);
    });
    it(`${family}: leaves unset settings out of the body`, () => {
      const body = getFamily(family).buildBody(NONE);
      assert.deepStrictEqual(body, none);
      assert.ok(!JSON.stringify(body).includes('null'), 'no null placeholders for unset settings');
    });
  }

  it('keeps settings that are zero (zero is a value, not "unset")', () => {
    const zero: PromptInput = { prompt: 'Hi', maxTokens: 0, temperature: 0, topP: 0 };
    assert.deepStrictEqual(getFamily('nova').buildBody(zero).inferenceConfig, {
      maxTokens: 0,
      temperature: 0,
      topP: 0,
    });
    const claude = getFamily('anthropic').buildBody(zero);
    assert.equal(claude.temperature, 0);
    assert.equal(claude.top_p, 0);
    assert.equal(claude.max_tokens, 0);
  });

  it('treats an empty system prompt as unset', () => {
    for (const { family } of cases) {
      assert.deepStrictEqual(
        getFamily(family).buildBody({ prompt: 'Hello', system: '' }),
        getFamily(family).buildBody(NONE),
        family,
      );
    }
  });

  it('every family produces JSON-serialisable bodies that round-trip unchanged', () => {
    for (const { family } of cases) {
      const body = getFamily(family).buildBody(ALL);
      assert.deepStrictEqual(JSON.parse(JSON.stringify(body)), body, family);
    }
  });
});
