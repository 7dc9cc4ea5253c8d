import assert from 'node:assert/strict';
import {} from '../../emulator';
import { invokeWithHeaders, PROTOCOLS, rejection, runtimeClient, streamEvents, useEmulator } from './helpers';

type J = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

interface Fixture {
  modelId: string;
  body(text: string): unknown;
  /** Text of an InvokeModel response. */
  text(json: J): string;
  /** Text delta of one decoded stream event. */
  delta(event: J): string;
  usage(json: J): { input: number; output: number };
  /** Substring of the prompt template that must NOT be echoed (proves the user part was extracted). */
  templateMarker?: string;
}

const claude = (text: string, extra: J = {}) => ({
  anthropic_version: 'bedrock-2023-05-31',
  max_tokens: 100,
  messages: [{ role: 'user', content: text }],
  ...extra,
});
const oai = (j: J) => ({ input: j.usage.prompt_tokens, output: j.usage.completion_tokens });
const FIXTURES: Fixture[] = [
  {
    modelId: 'anthropic.claude-3-haiku-20240307-v1:0',
    body: (t) => ({
      anthropic_version: 'bedrock-2023-05-31',
      max_tokens: 100,
      system: 'Be brief.',
      messages: [{ role: 'user', content: [{ type: 'text', text: t }] }],
    }),
    text: (j) => j.content[0].text,
    delta: (e) => (e.type === 'content_block_delta' ? e.delta.text : ''),
    usage: (j) => ({ input: j.usage.input_tokens, output: j.usage.output_tokens }),
  },
  {
    modelId: 'eu.amazon.nova-pro-v1:0',
    body: (t) => ({
      schemaVersion: 'messages-v1',
      system: [{ text: 'Be brief.' }],
      messages: [{ role: 'user', content: [{ text: t }] }],
      inferenceConfig: { maxTokens: 50, topP: 0.9 },
    }),
    text: (j) => j.output.message.content[0].text,
    delta: (e) => e.contentBlockDelta?.delta.text ?? '',
    usage: (j) => ({ input: j.usage.inputTokens, output: j.usage.outputTokens }),
  },
  {
    modelId: 'amazon.titan-text-express-v1',
    body: (t) => ({ inputText: `Be brief.\n\nUser: ${t}\nBot:`, textGenerationConfig: { maxTokenCount: 100 } }),
    text: (j) => j.results[0].outputText,
    delta: (e) => e.outputText ?? '',
    usage: (j) => ({ input: j.inputTextTokenCount, output: j.results[0].tokenCount }),
    templateMarker: 'Bot:',
  },
  {
    modelId: 'meta.llama3-8b-instruct-v1:0',
    body: (t) => ({
      prompt: `<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\nBe brief.<|eot_id|><|start_header_id|>user<|end_header_id|>\n\n${t}<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n`,
      max_gen_len: 100,
    }),
    text: (j) => j.generation,
    delta: (e) => e.generation ?? '',
    usage: (j) => ({ input: j.prompt_token_count, output: j.generation_token_count }),
    templateMarker: '<|eot_id|>',
  },
  {
    modelId: 'us.meta.llama3-1-70b-instruct-v1:0',
    body: (t) => ({
      prompt: `<|begin_of_text|><|start_header_id|>user<|end_header_id|>\n\n${t}<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n`,
    }),
    text: (j) => j.generation,
    delta: (e) => e.generation ?? '',
    usage: (j) => ({ input: j.prompt_token_count, output: j.generation_token_count }),
    templateMarker: '<|start_header_id|>',
  },
  {
    modelId: 'mistral.mixtral-8x7b-instruct-v0:1',
    body: (t) => ({ prompt: `<s>[INST] ${t} [/INST]`, max_tokens: 100 }),
    text: (j) => j.outputs[0].text,
    delta: (e) => e.outputs?.[0].text ?? '',
    usage: () => ({ input: -1, output: -1 }),
    templateMarker: '[INST]',
  },
  {
    modelId: 'mistral.mistral-large-2407-v1:0',
    body: (t) => ({
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: t },
      ],
      max_tokens: 100,
    }),
    text: (j) => j.choices[0].message.content,
    delta: (e) => e.choices?.[0].message.content ?? '',
    usage: oai,
  },
  {
    modelId: 'cohere.command-r-plus-v1:0',
    body: (t) => ({
      message: t,
      preamble: 'Be brief.',
      chat_history: [
        { role: 'USER', message: 'Hi' },
        { role: 'CHATBOT', message: 'Hello' },
      ],
      max_tokens: 100,
    }),
    text: (j) => j.text,
    delta: (e) => (e.event_type === 'text-generation' ? e.text : ''),
    usage: () => ({ input: -1, output: -1 }),
  },
  {
    modelId: 'ai21.jamba-1-5-mini-v1:0',
    body: (t) => ({
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: t },
      ],
      max_tokens: 100,
    }),
    text: (j) => j.choices[0].message.content,
    delta: (e) => e.choices?.[0].delta.content ?? '',
    usage: oai,
  },
  {
    modelId: 'us.deepseek.r1-v1:0',
    body: (t) => ({
      prompt: `<｜begin▁of▁sentence｜>Be brief.<｜User｜>${t}<｜Assistant｜><think>\n`,
      max_tokens: 100,
    }),
    text: (j) => j.choices[0].text.split('</think>')[1],
    delta: (e) => e.choices?.[0].text ?? '',
    usage: () => ({ input: -1, output: -1 }),
    templateMarker: '<｜User｜>',
  },
  {
    modelId: 'openai.gpt-oss-120b-1:0',
    body: (t) => ({
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: t },
      ],
      max_completion_tokens: 100,
    }),
    text: (j) => j.choices[0].message.content.replace(/<reasoning>.*?<\/reasoning>/, ''),
    delta: (e) => e.choices?.[0].delta.content ?? '',
    usage: oai,
  },
];

describe('emulator model families', () => {
  const emu = useEmulator();

  for (const protocol of PROTOCOLS) {
    describe(protocol, () => {
      for (const f of FIXTURES) {
        it(`${f.modelId}: InvokeModel echoes the user message; token headers match the body`, async () => {
          const client = runtimeClient(emu(), protocol);
          const message = `Echo check for ${f.modelId} over ${protocol}: ünïcödé & "quotes"`;
          const { json, headers } = await invokeWithHeaders(client, f.modelId, f.body(message));
          const text = f.text(json);
          assert.ok(text.includes(message), text);
          if (f.templateMarker) assert.ok(!text.includes(f.templateMarker), `template leaked into: ${text}`);
          const usage = f.usage(json);
          if (usage.input >= 0) {
            assert.equal(headers['x-amzn-bedrock-input-token-count'], String(usage.input));
            assert.equal(headers['x-amzn-bedrock-output-token-count'], String(usage.output));
          }
          assert.deepEqual(emu().requests()[0].body, f.body(message));
          client.destroy();
        });

        it(`${f.modelId}: the stream's deltas contain the user message; one event carries invocation metrics`, async () => {
          const client = runtimeClient(emu(), protocol);
          const message = `Stream check for ${f.modelId}`;
          const { events } = await streamEvents(client, f.modelId, f.body(message));
          const text = events.map((e) => f.delta(e)).join('');
          assert.ok(text.includes(message), text);
          const withMetrics = events.filter((e) => e['amazon-bedrock-invocationMetrics']);
          assert.equal(withMetrics.length, 1);
          assert.equal(withMetrics[0], events[events.length - 1]);
          const { json } = await invokeWithHeaders(client, f.modelId, f.body(message));
          const m = withMetrics[0]['amazon-bedrock-invocationMetrics'] as J;
          const usage = f.usage(json);
          if (usage.input >= 0) assert.deepEqual([m.inputTokenCount, m.outputTokenCount], [usage.input, usage.output]);
          client.destroy();
        });
      }
    });
  }

  it('Anthropic stream follows message_start .. message_stop with consistent usage', async () => {
    const client = runtimeClient(emu(), 'h2');
    const { events } = await streamEvents(client, 'global.anthropic.claude-sonnet-4-5-20250929-v1:0', {
      anthropic_version: 'bedrock-2023-05-31',
      max_tokens: 100,
      messages: [{ role: 'user', content: 'hi' }],
    });
    const types = events.map((e) => e.type);
    assert.deepEqual(
      [types[0], types[1], types.at(-3), types.at(-2), types.at(-1)],
      ['message_start', 'content_block_start', 'content_block_stop', 'message_delta', 'message_stop'],
    );
    const delta = events.at(-2) as J;
    const metrics = (events.at(-1) as J)['amazon-bedrock-invocationMetrics'];
    assert.equal(delta.usage.output_tokens, metrics.outputTokenCount);
    assert.equal((events[0] as J).message.usage.input_tokens, metrics.inputTokenCount);
    assert.equal((events[0] as J).message.model, 'claude-sonnet-4-5-20250929');
    client.destroy();
  });

  it('Claude extended thinking: a thinking block (with signature) before the text, counted in output tokens', async () => {
    const client = runtimeClient(emu(), 'h2');
    const body = claude('think first', { max_tokens: 4000, thinking: { type: 'enabled', budget_tokens: 2000 } });
    const { json, headers } = await invokeWithHeaders(client, 'us.anthropic.claude-sonnet-4-20250514-v1:0', body);
    const content = (json as J).content as J[];
    assert.deepEqual(
      content.map((c) => c.type),
      ['thinking', 'text'],
    );
    assert.ok(content[0].thinking.length > 0 && content[0].signature.length > 0);
    assert.ok(content[1].text.startsWith('think first'));
    const plain = await invokeWithHeaders(
      client,
      'us.anthropic.claude-sonnet-4-20250514-v1:0',
      claude('think first', { max_tokens: 4000 }),
    );
    assert.ok(
      Number(headers['x-amzn-bedrock-output-token-count']) > Number(plain.headers['x-amzn-bedrock-output-token-count']),
    );
    const { events } = await streamEvents(client, 'us.anthropic.claude-sonnet-4-20250514-v1:0', body);
    const thinking = events
      .filter((e) => (e as J).delta?.type === 'thinking_delta')
      .map((e) => (e as J).delta.thinking)
      .join('');
    assert.equal(thinking, content[0].thinking);
    assert.ok(events.some((e) => (e as J).delta?.type === 'signature_delta'));
    const text = events
      .filter((e) => (e as J).delta?.type === 'text_delta')
      .map((e) => (e as J).delta.text)
      .join('');
    assert.equal(text, content[1].text);
    assert.equal((events.find((e) => (e as J).delta?.type === 'text_delta') as J).index, 1);
    client.destroy();
  });

  it('Claude thinking rules: budget below max_tokens, temperature 1, supported models only', async () => {
    const client = runtimeClient(emu(), 'h2');
    const sonnet = 'us.anthropic.claude-sonnet-4-20250514-v1:0';
    const over = await rejection(
      invokeWithHeaders(
        client,
        sonnet,
        claude('x', { max_tokens: 2000, thinking: { type: 'enabled', budget_tokens: 2000 } }),
      ),
    );
    assert.match(over.message, /^`max_tokens` must be greater than `thinking.budget_tokens`/);
    const temp = await rejection(
      invokeWithHeaders(
        client,
        sonnet,
        claude('x', { max_tokens: 4000, temperature: 0.5, thinking: { type: 'enabled', budget_tokens: 1024 } }),
      ),
    );
    assert.match(temp.message, /^`temperature` may only be set to 1 when thinking is enabled/);
    const small = await rejection(
      invokeWithHeaders(
        client,
        sonnet,
        claude('x', { max_tokens: 4000, thinking: { type: 'enabled', budget_tokens: 10 } }),
      ),
    );
    assert.equal(
      small.message,
      'Malformed input request: #/thinking/budget_tokens: 10 is not greater or equal to 1024, please reformat your input and try again.',
    );
    const old = await rejection(
      invokeWithHeaders(
        client,
        'anthropic.claude-3-haiku-20240307-v1:0',
        claude('x', { max_tokens: 4000, thinking: { type: 'enabled', budget_tokens: 1024 } }),
      ),
    );
    assert.equal(old.name, 'ValidationException');
    client.destroy();
  });

  it('bodies follow the model-parameters pages: Titan Lite caps maxTokenCount at 4,096, Cohere Command R takes a float k, Nova 2 takes reasoningConfig inside inferenceConfig', async () => {
    const client = runtimeClient(emu(), 'h2');
    const titan = (max: number) => ({ inputText: 'User: hi\nBot:', textGenerationConfig: { maxTokenCount: max } });
    const lite = await rejection(invokeWithHeaders(client, 'amazon.titan-text-lite-v1', titan(8192)));
    assert.equal(lite.name, 'ValidationException');
    assert.match(lite.message, /maxTokenCount/);
    await invokeWithHeaders(client, 'amazon.titan-text-lite-v1', titan(4096));
    await invokeWithHeaders(client, 'amazon.titan-text-express-v1', titan(8192));

    await invokeWithHeaders(client, 'cohere.command-r-v1:0', { message: 'hi', k: 0.5 });

    const nova = (inferenceConfig: J, extra: J = {}) => ({
      messages: [{ role: 'user', content: [{ text: 'hi' }] }],
      inferenceConfig,
      ...extra,
    });
    const reasoningConfig = { type: 'enabled', maxReasoningEffort: 'low' };
    await invokeWithHeaders(client, 'us.amazon.nova-2-lite-v1:0', nova({ maxTokens: 100, reasoningConfig }));
    const topLevel = await rejection(
      invokeWithHeaders(client, 'us.amazon.nova-2-lite-v1:0', nova({ maxTokens: 100 }, { reasoningConfig })),
    );
    assert.match(topLevel.message, /extraneous key \[reasoningConfig\]/);
    const nova1 = await rejection(
      invokeWithHeaders(client, 'amazon.nova-lite-v1:0', nova({ maxTokens: 100, reasoningConfig })),
    );
    assert.match(nova1.message, /extraneous key \[reasoningConfig\]/, 'Nova 1 has no extended thinking');
    const effort = await rejection(
      invokeWithHeaders(
        client,
        'us.amazon.nova-2-lite-v1:0',
        nova({ reasoningConfig: { type: 'enabled', maxReasoningEffort: 'extreme' } }),
      ),
    );
    assert.equal(effort.name, 'ValidationException');
    client.destroy();
  });

  it('Llama 4 Maverick is listed without streaming, and the stream operation refuses it', async () => {
    const client = runtimeClient(emu(), 'h2');
    const body = { prompt: 'hi', max_gen_len: 20 };
    await invokeWithHeaders(client, 'us.meta.llama4-maverick-17b-instruct-v1:0', body);
    const err = await rejection(streamEvents(client, 'us.meta.llama4-maverick-17b-instruct-v1:0', body));
    assert.equal(err.message, 'The model is unsupported for streaming');
    client.destroy();
  });

  it('Cohere stream ends with stream-end carrying the full response', async () => {
    const client = runtimeClient(emu(), 'h2');
    const { events } = await streamEvents(client, 'cohere.command-r-v1:0', { message: 'hello cohere' });
    assert.equal(events[0].event_type, 'stream-start');
    const end = events.at(-1) as J;
    assert.equal(end.event_type, 'stream-end');
    assert.equal(end.is_finished, true);
    assert.ok(end.response.text.startsWith('hello cohere'));
    assert.deepEqual(end.response.chat_history.at(-2), { role: 'USER', message: 'hello cohere' });
    client.destroy();
  });

  it('DeepSeek text is reasoning, </think>, then the answer', async () => {
    const client = runtimeClient(emu(), 'http1');
    const { json } = await invokeWithHeaders(client, 'us.deepseek.r1-v1:0', {
      prompt: '<｜begin▁of▁sentence｜><｜User｜>why<｜Assistant｜><think>\n',
    });
    const [reasoning, answer] = (json as J).choices[0].text.split('\n</think>\n\n');
    assert.ok(reasoning.length > 0);
    assert.ok(answer.startsWith('why'));
    client.destroy();
  });

  it('an unrecognised prompt template is echoed whole', async () => {
    const client = runtimeClient(emu(), 'h2');
    const { json } = await invokeWithHeaders(client, 'meta.llama3-8b-instruct-v1:0', {
      prompt: 'plain prompt, no template',
    });
    assert.ok((json as J).generation.startsWith('plain prompt, no template'));
    client.destroy();
  });

  it('filler tokens follow the echo and are configurable', async () => {
    const client = runtimeClient(emu(), 'h2');
    emu().configure({ fillerTokens: 0 });
    try {
      const { json } = await invokeWithHeaders(client, 'amazon.nova-micro-v1:0', {
        messages: [{ role: 'user', content: [{ text: 'exactly this' }] }],
      });
      assert.equal((json as J).output.message.content[0].text, 'exactly this');
      emu().configure({ fillerTokens: 3 });
      const again = await invokeWithHeaders(client, 'amazon.nova-micro-v1:0', {
        messages: [{ role: 'user', content: [{ text: 'exactly this' }] }],
      });
      assert.equal((again.json as J).output.message.content[0].text, 'exactly this alpha bravo charlie');
    } finally {
      emu().configure({ fillerTokens: 8 });
    }
    client.destroy();
  });

  describe('embeddings and images', () => {
    it('Titan embeddings: requested dimension, unit length when normalized, deterministic, no output-token header', async () => {
      const client = runtimeClient(emu(), 'h2');
      const a = await invokeWithHeaders(client, 'amazon.titan-embed-text-v2:0', {
        inputText: 'hello world',
        dimensions: 256,
        normalize: true,
      });
      const b = await invokeWithHeaders(client, 'amazon.titan-embed-text-v2:0', {
        inputText: 'hello world',
        dimensions: 256,
        normalize: true,
      });
      const v = (a.json as J).embedding as number[];
      assert.equal(v.length, 256);
      assert.ok(Math.abs(Math.hypot(...v) - 1) < 1e-9);
      assert.deepEqual(v, (b.json as J).embedding);
      assert.deepEqual((a.json as J).embeddingsByType.float, v);
      assert.equal(a.headers['x-amzn-bedrock-input-token-count'], String((a.json as J).inputTextTokenCount));
      assert.equal(a.headers['x-amzn-bedrock-output-token-count'], undefined);
      const raw = await invokeWithHeaders(client, 'amazon.titan-embed-text-v2:0', {
        inputText: 'hello world',
        dimensions: 512,
        normalize: false,
      });
      assert.equal(((raw.json as J).embedding as number[]).length, 512);
      assert.ok(Math.abs(Math.hypot(...(raw.json as J).embedding) - 1) > 1e-3);
      client.destroy();
    });

    it('Cohere embeddings: floats list without embedding_types, by-type object with it', async () => {
      const client = runtimeClient(emu(), 'http1');
      const plain = await invokeWithHeaders(client, 'cohere.embed-english-v3', {
        texts: ['a', 'b'],
        input_type: 'search_document',
      });
      assert.equal((plain.json as J).response_type, 'embeddings_floats');
      assert.equal((plain.json as J).embeddings.length, 2);
      assert.equal((plain.json as J).embeddings[0].length, 1024);
      const typed = await invokeWithHeaders(client, 'cohere.embed-english-v3', {
        texts: ['a'],
        input_type: 'search_query',
        embedding_types: ['float', 'int8'],
      });
      assert.equal((typed.json as J).response_type, 'embeddings_by_type');
      assert.deepEqual(Object.keys((typed.json as J).embeddings), ['float', 'int8']);
      client.destroy();
    });

    for (const modelId of ['amazon.titan-image-generator-v2:0', 'amazon.nova-canvas-v1:0']) {
      it(`${modelId}: returns valid PNGs sized from width/height, capped at 64 px`, async () => {
        const client = runtimeClient(emu(), 'h2');
        const { json } = await invokeWithHeaders(client, modelId, {
          taskType: 'TEXT_IMAGE',
          textToImageParams: { text: 'a robot' },
          imageGenerationConfig: { numberOfImages: 2, width: 1024, height: 512 },
        });
        assert.equal((json as J).images.length, 2);
        const png = Buffer.from((json as J).images[0], 'base64');
        assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG');
        assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [64, 32]);
        client.destroy();
      });
    }

    it('Stability SD3.5 returns seeds, finish_reasons and a PNG', async () => {
      const client = runtimeClient(emu(), 'h2');
      const { json } = await invokeWithHeaders(client, 'stability.sd3-5-large-v1:0', {
        prompt: 'a cat',
        seed: 42,
        aspect_ratio: '16:9',
      });
      assert.deepEqual((json as J).seeds, [42]);
      assert.deepEqual((json as J).finish_reasons, [null]);
      const png = Buffer.from((json as J).images[0], 'base64');
      assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [64, 36]);
      client.destroy();
    });

    for (const modelId of [
      'amazon.titan-embed-text-v2:0',
      'cohere.embed-english-v3',
      'amazon.titan-image-generator-v2:0',
      'stability.sd3-5-large-v1:0',
    ]) {
      it(`${modelId}: the stream operation is refused`, async () => {
        const client = runtimeClient(emu(), 'h2');
        const err = await rejection(streamEvents(client, modelId, { inputText: 'x' }));
        assert.equal(err.name, 'ValidationException');
        assert.equal(err.message, 'The model is unsupported for streaming');
        client.destroy();
      });
    }
  });
});
