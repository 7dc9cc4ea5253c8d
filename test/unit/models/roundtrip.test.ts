// Round trips through the real AWS SDK and the local emulator: our body builders make bodies the (emulated) service
// accepts, and our parsers read what it sends back, whole and streamed.
import * as assert from 'node:assert/strict';
import {
  BedrockRuntimeClient,
  InvokeModelCommand,
  InvokeModelWithResponseStreamCommand,
} from '@aws-sdk/client-bedrock-runtime';
import {
  imageFormat,
  parseEmbeddings,
  parseImageBytes,
  resolveModel,
  type PromptInput,
} from '../../../src/core/models';
import { modelEvents } from '../../../src/core/bedrock/stream';
import type { InvokeMetadata } from '../../../src/core/bedrock/types';
import { StreamAccumulator } from './accumulate';
import { startEmulator, type RunningEmulator } from '../../emulator';

// One model of every text family, named the way a user would (bare ID, or a profile where the model needs one).
const MODELS = [
  'anthropic.claude-3-haiku-20240307-v1:0',
  'global.anthropic.claude-sonnet-4-5-20250929-v1:0',
  'amazon.nova-micro-v1:0',
  'amazon.titan-text-express-v1',
  'meta.llama3-8b-instruct-v1:0',
  'mistral.mistral-7b-instruct-v0:2',
  'mistral.mistral-large-2407-v1:0',
  'cohere.command-r-v1:0',
  'ai21.jamba-1-5-mini-v1:0',
  'us.deepseek.r1-v1:0',
  'openai.gpt-oss-20b-1:0',
];

// Families whose whole response carries no token counts (the catalog's shapes); the service's headers do.
const BODY_WITHOUT_USAGE = new Set(['mistral', 'deepseek', 'cohere-command-r']);

const INPUTS: PromptInput[] = [
  { prompt: 'Summarise: the quick brown fox jumps over the lazy dog.' },
  { prompt: 'Say "hi" <twice>, then stop.', system: 'You are terse.', maxTokens: 200, temperature: 0.5, topP: 0.9 },
];

describe('model families: round trips through the AWS SDK and the emulator', () => {
  let emulator: RunningEmulator;
  let client: BedrockRuntimeClient;

  before(async () => {
    emulator = await startEmulator();
    client = new BedrockRuntimeClient({
      region: 'us-east-1',
      endpoint: emulator.url,
      credentials: { accessKeyId: 'AKIAEMULATOREXAMPLE', secretAccessKey: 'emulatorSecretKeyExample' },
      maxAttempts: 1,
    });
  });

  after(async () => {
    client?.destroy();
    await emulator?.close();
  });

  for (const modelId of MODELS) {
    const family = resolveModel(modelId).family;

    for (const [i, input] of INPUTS.entries()) {
      const settings = i === 0 ? 'no settings' : 'every setting';

      it(`${modelId} (${family?.id}), ${settings}: InvokeModel answer contains the prompt, a stop reason and usage`, async () => {
        assert.ok(family, `no family for ${modelId}`);
        const res = await client.send(
          new InvokeModelCommand({
            modelId,
            body: JSON.stringify(family.buildBody(input)),
            contentType: 'application/json',
            accept: 'application/json',
          }),
        );
        const parsed = family.parseResponse(JSON.parse(new TextDecoder().decode(res.body)));
        assert.ok(parsed.text.includes(input.prompt), `text ${JSON.stringify(parsed.text)} lacks the prompt`);
        assert.ok(parsed.stopReason, 'stop reason');
        if (!BODY_WITHOUT_USAGE.has(family.id)) {
          assert.ok(
            (parsed.usage?.inputTokens ?? 0) > 0 && (parsed.usage?.outputTokens ?? 0) > 0,
            `usage ${JSON.stringify(parsed.usage)}`,
          );
        }
      });

      it(`${modelId} (${family?.id}), ${settings}: streamed answer contains the prompt, a stop reason, usage and metrics`, async () => {
        assert.ok(family, `no family for ${modelId}`);
        const res = await client.send(
          new InvokeModelWithResponseStreamCommand({
            modelId,
            body: JSON.stringify(family.buildBody(input)),
            contentType: 'application/json',
          }),
        );
        const parse = family.createStreamParser();
        const acc = new StreamAccumulator();
        // Through the product's transport, which reads the service-added metrics of the last chunk into metadata.
        const metadata: InvokeMetadata = {};
        let events = 0;
        for await (const event of modelEvents(
          res.body!,
          metadata,
          performance.now(),
          new AbortController(),
          () => undefined,
        )) {
          events++;
          const delta = acc.add(parse(event));
          assert.equal(delta.error, undefined);
        }
        const result = acc.result();
        assert.ok(events > 1, `only ${events} events`);
        assert.ok(result.text.includes(input.prompt), `text ${JSON.stringify(result.text)} lacks the prompt`);
        assert.ok(result.stopReason, 'stop reason');
        assert.ok(
          metadata.inputTokenCount !== undefined && metadata.outputTokenCount !== undefined,
          'invocation metrics',
        );
        const input_ = result.usage?.inputTokens ?? metadata.inputTokenCount;
        const output = result.usage?.outputTokens ?? metadata.outputTokenCount;
        assert.ok(
          input_ > 0 && output > 0,
          `usage ${JSON.stringify(result.usage)}, metrics ${JSON.stringify(metadata)}`,
        );
      });
    }
  }

  async function invoke(modelId: string, body: unknown): Promise<unknown> {
    const res = await client.send(
      new InvokeModelCommand({ modelId, body: JSON.stringify(body), contentType: 'application/json' }),
    );
    return JSON.parse(new TextDecoder().decode(res.body));
  }

  async function stream(modelId: string, body: unknown): Promise<StreamAccumulator> {
    const family = resolveModel(modelId).family!;
    const res = await client.send(new InvokeModelWithResponseStreamCommand({ modelId, body: JSON.stringify(body) }));
    const parse = family.createStreamParser();
    const acc = new StreamAccumulator();
    for await (const event of res.body ?? [])
      if (event.chunk?.bytes) acc.add(parse(JSON.parse(new TextDecoder().decode(event.chunk.bytes))));
    return acc;
  }

  it('every text family reads the same answer, reasoning and stop reason whole and streamed', async () => {
    for (const modelId of MODELS) {
      const family = resolveModel(modelId).family!;
      const body = family.buildBody(INPUTS[1]);
      const whole = family.parseResponse(await invoke(modelId, body));
      const streamed = (await stream(modelId, body)).result();
      assert.equal(streamed.text, whole.text, modelId);
      assert.equal(streamed.reasoning, whole.reasoning, modelId);
      assert.equal(streamed.stopReason, whole.stopReason, modelId);
    }
  });

  it('embedding families: the vector is read from the response of the built body', async () => {
    for (const modelId of ['amazon.titan-embed-text-v2:0', 'cohere.embed-english-v3']) {
      const family = resolveModel(modelId).family!;
      const [embedding] = parseEmbeddings(await invoke(modelId, family.buildBody({ prompt: 'hello world' })));
      assert.ok(embedding && embedding.dimension > 0 && embedding.vector.length === embedding.dimension, modelId);
      assert.ok(
        embedding.vector.every((n) => Number.isFinite(n)),
        modelId,
      );
    }
  });

  it('image families: the images are read from the response of the built body', async () => {
    for (const modelId of [
      'amazon.titan-image-generator-v2:0',
      'amazon.nova-canvas-v1:0',
      'stability.sd3-5-large-v1:0',
    ]) {
      const family = resolveModel(modelId).family!;
      const images = parseImageBytes(await invoke(modelId, family.buildBody({ prompt: 'a lighthouse at dusk' })));
      assert.equal(images.length, 1, modelId);
      assert.equal(imageFormat(images[0]), 'png', modelId);
    }
  });

  for (const [modelId, tags] of [
    ['us.deepseek.r1-v1:0', ['<think>', '</think>']],
    ['openai.gpt-oss-20b-1:0', ['<reasoning>', '</reasoning>']],
  ] as const) {
    it(`${modelId}: the reasoning is shown apart and no tag is left in the answer`, async () => {
      const family = resolveModel(modelId).family!;
      const body = family.buildBody({ prompt: 'Why is the sky blue?' });
      const whole = family.parseResponse(await invoke(modelId, body));
      const streamed = (await stream(modelId, body)).result();
      for (const result of [whole, streamed]) {
        assert.ok(result.reasoning, 'reasoning present');
        assert.ok(result.text.includes('Why is the sky blue?'));
        for (const tag of tags) assert.ok(!result.text.includes(tag) && !result.reasoning.includes(tag), tag);
      }
    });
  }
});
