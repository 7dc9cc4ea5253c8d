// The request-file JSON schema (what VS Code checks while typing) agrees with the emulator's model-input validation:
// bodies the schema accepts pass the emulator, bodies it rejects fail there with a ValidationException. The same
// bodies go through both. The schema's modelId patterns pick the family resolveModel picks.
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import Ajv, { type ValidateFunction } from 'ajv';
import { BedrockRuntimeClient, InvokeModelCommand } from '@aws-sdk/client-bedrock-runtime';
import { resolveModel } from '../../../src/core/models';
import { parse as parseJsonc } from 'jsonc-parser';
import { parseRequestFile } from '../../../src/core/requestFile';
import { DEFAULT_ACCESS_KEY_ID, DEFAULT_SECRET_ACCESS_KEY, startEmulator, type RunningEmulator } from '../../emulator';

const root = path.resolve(__dirname, '../../../..');
const schema = JSON.parse(
  fs.readFileSync(path.join(root, 'media/schemas/bedrock-request.schema.json'), 'utf8'),
) as object;

type Body = Record<string, unknown>;
interface Case {
  family: string;
  /** Catalog models of the family, bare, with a geo prefix and as an ARN where the catalog serves them. */
  modelIds: string[];
  valid: Body[];
  invalid: [string, Body][];
}

const user = (content: unknown) => [{ role: 'user', content }];

const CASES: Case[] = [
  {
    family: 'anthropic',
    modelIds: [
      'anthropic.claude-3-haiku-20240307-v1:0',
      'us.anthropic.claude-3-haiku-20240307-v1:0',
      'arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0',
    ],
    valid: [
      { anthropic_version: 'bedrock-2023-05-31', max_tokens: 50, messages: user('hi') },
      {
        anthropic_version: 'bedrock-2023-05-31',
        max_tokens: 50,
        system: 'terse',
        temperature: 1,
        top_k: 5,
        messages: user([{ type: 'text', text: 'hi' }]),
      },
    ],
    invalid: [
      ['no max_tokens', { anthropic_version: 'bedrock-2023-05-31', messages: user('hi') }],
      [
        'temperature above 1',
        { anthropic_version: 'bedrock-2023-05-31', max_tokens: 50, temperature: 1.5, messages: user('hi') },
      ],
      ['no messages', { anthropic_version: 'bedrock-2023-05-31', max_tokens: 50, messages: [] }],
      [
        'a system role message',
        { anthropic_version: 'bedrock-2023-05-31', max_tokens: 50, messages: [{ role: 'system', content: 'x' }] },
      ],
      [
        'an unknown key',
        { anthropic_version: 'bedrock-2023-05-31', max_tokens: 50, messages: user('hi'), maxTokens: 5 },
      ],
      ['max_tokens as a string', { anthropic_version: 'bedrock-2023-05-31', max_tokens: '50', messages: user('hi') }],
    ],
  },
  {
    family: 'nova',
    modelIds: ['amazon.nova-lite-v1:0', 'eu.amazon.nova-micro-v1:0'],
    valid: [
      { messages: user([{ text: 'hi' }]) },
      {
        schemaVersion: 'messages-v1',
        system: [{ text: 'terse' }],
        messages: user([{ text: 'hi' }]),
        inferenceConfig: { maxTokens: 10, temperature: 0.2, topK: 20 },
      },
    ],
    invalid: [
      ['content as a string', { messages: user('hi') }],
      ['maxTokens above 10000', { messages: user([{ text: 'hi' }]), inferenceConfig: { maxTokens: 20000 } }],
      ['an unknown inferenceConfig key', { messages: user([{ text: 'hi' }]), inferenceConfig: { max_tokens: 10 } }],
      ['a wrong schemaVersion', { schemaVersion: 'messages-v2', messages: user([{ text: 'hi' }]) }],
    ],
  },
  {
    family: 'titan-text',
    modelIds: ['amazon.titan-text-express-v1', 'amazon.titan-text-lite-v1'],
    valid: [
      { inputText: 'User: hi\nBot:' },
      {
        inputText: 'hi',
        textGenerationConfig: { maxTokenCount: 10, temperature: 0.5, topP: 0.9, stopSequences: ['User:'] },
      },
    ],
    invalid: [
      ['no inputText', { textGenerationConfig: { maxTokenCount: 10 } }],
      ['temperature above 1', { inputText: 'hi', textGenerationConfig: { temperature: 2 } }],
      ['max_tokens instead of maxTokenCount', { inputText: 'hi', textGenerationConfig: { max_tokens: 10 } }],
    ],
  },
  {
    family: 'llama',
    modelIds: ['meta.llama3-8b-instruct-v1:0', 'us.meta.llama3-1-70b-instruct-v1:0'],
    valid: [{ prompt: 'hi', max_gen_len: 100, temperature: 0.5, top_p: 0.9 }],
    invalid: [
      ['max_gen_len above 2048', { prompt: 'hi', max_gen_len: 5000 }],
      ['no prompt', { max_gen_len: 10 }],
      ['top_k, which Llama does not take', { prompt: 'hi', top_k: 5 }],
    ],
  },
  {
    family: 'mistral',
    modelIds: ['mistral.mistral-7b-instruct-v0:2', 'mistral.mixtral-8x7b-instruct-v0:1'],
    valid: [{ prompt: '<s>[INST] hi [/INST]', max_tokens: 10, top_k: 50, stop: ['</s>'] }],
    invalid: [
      ['eleven stop sequences', { prompt: 'hi', stop: Array.from({ length: 11 }, (_, i) => `s${i}`) }],
      ['chat messages instead of a prompt', { messages: user('hi') }],
    ],
  },
  {
    family: 'mistral-chat',
    modelIds: ['mistral.mistral-large-2407-v1:0'],
    valid: [
      {
        messages: [
          { role: 'system', content: 'terse' },
          { role: 'user', content: 'hi' },
        ],
        max_tokens: 10,
      },
    ],
    invalid: [
      ['a role that does not exist', { messages: [{ role: 'bot', content: 'hi' }] }],
      ['max_tokens of 0', { messages: user('hi'), max_tokens: 0 }],
      ['an instruct prompt instead of messages', { prompt: '<s>[INST] hi [/INST]' }],
    ],
  },
  {
    family: 'cohere-command-r',
    modelIds: ['cohere.command-r-v1:0', 'cohere.command-r-plus-v1:0'],
    valid: [{ message: 'hi', preamble: 'terse', p: 0.5, k: 10, chat_history: [{ role: 'USER', message: 'earlier' }] }],
    invalid: [
      ['p of 1', { message: 'hi', p: 1 }],
      ['no message', { preamble: 'x' }],
      ['an unknown prompt_truncation', { message: 'hi', prompt_truncation: 'ON' }],
    ],
  },
  {
    family: 'ai21-jamba',
    modelIds: ['ai21.jamba-1-5-mini-v1:0', 'ai21.jamba-1-5-large-v1:0'],
    valid: [{ messages: user('hi'), n: 1, max_tokens: 20, temperature: 1.5 }],
    invalid: [
      ['content as a list', { messages: user([{ type: 'text', text: 'hi' }]) }],
      ['n of 17', { messages: user('hi'), n: 17 }],
    ],
  },
  {
    family: 'deepseek',
    modelIds: ['us.deepseek.r1-v1:0'],
    valid: [{ prompt: '<｜begin▁of▁sentence｜><｜User｜>hi<｜Assistant｜><think>\n', max_tokens: 100 }],
    invalid: [
      ['max_tokens above 32768', { prompt: 'hi', max_tokens: 40000 }],
      ['a negative temperature', { prompt: 'hi', temperature: -1 }],
    ],
  },
  {
    family: 'gpt-oss',
    modelIds: ['openai.gpt-oss-20b-1:0', 'openai.gpt-oss-120b-1:0'],
    valid: [
      {
        messages: [
          { role: 'developer', content: 'terse' },
          { role: 'user', content: 'hi' },
        ],
        max_completion_tokens: 50,
        reasoning_effort: 'low',
        temperature: 1.5,
      },
    ],
    invalid: [
      ['an unknown reasoning_effort', { messages: user('hi'), reasoning_effort: 'max' }],
      ['n of 2', { messages: user('hi'), n: 2 }],
      ['no messages', { messages: [] }],
    ],
  },
  {
    family: 'titan-embed',
    modelIds: ['amazon.titan-embed-text-v2:0'],
    valid: [
      { inputText: 'hi' },
      { inputText: 'hi', dimensions: 256, normalize: false, embeddingTypes: ['float', 'binary'] },
    ],
    invalid: [
      ['300 dimensions', { inputText: 'hi', dimensions: 300 }],
      ['empty inputText', { inputText: '' }],
      ['texts instead of inputText', { texts: ['hi'] }],
    ],
  },
  {
    family: 'cohere-embed',
    modelIds: ['cohere.embed-english-v3'],
    valid: [
      { texts: ['hi', 'there'], input_type: 'search_document' },
      { texts: ['hi'], input_type: 'search_query', embedding_types: ['float', 'int8'], truncate: 'END' },
    ],
    invalid: [
      ['no input_type', { texts: ['hi'] }],
      ['an unknown input_type', { texts: ['hi'], input_type: 'query' }],
      ['neither texts nor images', { input_type: 'search_query' }],
      ['empty texts', { texts: [], input_type: 'search_query' }],
    ],
  },
  {
    family: 'titan-image',
    modelIds: ['amazon.titan-image-generator-v2:0', 'amazon.nova-canvas-v1:0'],
    valid: [
      {
        taskType: 'TEXT_IMAGE',
        textToImageParams: { text: 'a cat' },
        imageGenerationConfig: { numberOfImages: 1, width: 256, height: 256, seed: 7 },
      },
    ],
    invalid: [
      [
        'six images',
        { taskType: 'TEXT_IMAGE', textToImageParams: { text: 'a cat' }, imageGenerationConfig: { numberOfImages: 6 } },
      ],
      ['TEXT_IMAGE without textToImageParams', { taskType: 'TEXT_IMAGE' }],
      [
        'a width below 256',
        { taskType: 'TEXT_IMAGE', textToImageParams: { text: 'a cat' }, imageGenerationConfig: { width: 100 } },
      ],
      ['empty text', { taskType: 'TEXT_IMAGE', textToImageParams: { text: '' } }],
    ],
  },
  {
    family: 'stability',
    modelIds: ['stability.sd3-5-large-v1:0'],
    valid: [{ prompt: 'a cat', aspect_ratio: '1:1', output_format: 'png', seed: 3 }],
    invalid: [
      ['an aspect ratio it does not offer', { prompt: 'a cat', aspect_ratio: '4:3' }],
      ['a negative seed', { prompt: 'a cat', seed: -1 }],
      ['an empty prompt', { prompt: '' }],
    ],
  },
];

function errorsOf(validate: ValidateFunction): string {
  return (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`).join('; ');
}

describe("request files: the JSON schema matches the emulator's validation", () => {
  let validate: ValidateFunction;
  let emulator: RunningEmulator;
  let client: BedrockRuntimeClient;

  before(async () => {
    validate = new Ajv({ strict: false, allErrors: true }).compile(schema);
    emulator = await startEmulator();
    client = new BedrockRuntimeClient({
      region: 'us-east-1',
      endpoint: emulator.url,
      credentials: { accessKeyId: DEFAULT_ACCESS_KEY_ID, secretAccessKey: DEFAULT_SECRET_ACCESS_KEY },
      maxAttempts: 1,
    });
  });

  after(async () => {
    client?.destroy();
    await emulator?.close();
  });

  /** The emulator's verdict: undefined when it answered, else the error name. */
  async function emulatorRejects(modelId: string, body: Body): Promise<string | undefined> {
    try {
      await client.send(
        new InvokeModelCommand({
          modelId,
          body: JSON.stringify(body),
          contentType: 'application/json',
          accept: 'application/json',
        }),
      );
      return undefined;
    } catch (error) {
      return (error as Error).name;
    }
  }

  it('covers every model family', () => {
    const families = new Set(CASES.flatMap((c) => c.modelIds.map((id) => resolveModel(id).family?.id)));
    assert.equal(families.size, 14);
  });

  for (const c of CASES) {
    describe(c.family, () => {
      it("the schema picks this family's body schema for every form of its model IDs (bare, geo profile, ARN)", () => {
        for (const modelId of c.modelIds) {
          assert.equal(resolveModel(modelId).family?.id, c.family);
          for (const body of c.valid) assert.ok(validate({ modelId, body }), `${modelId}: ${errorsOf(validate)}`);
          for (const [, body] of c.invalid)
            assert.equal(validate({ modelId, body }), false, `${modelId} accepted ${JSON.stringify(body)}`);
        }
      });

      for (const [i, body] of c.valid.entries()) {
        it(`valid body ${i + 1} passes the schema and the emulator`, async () => {
          const modelId = c.modelIds[0];
          assert.ok(validate({ modelId, body }), errorsOf(validate));
          assert.equal(await emulatorRejects(modelId, body), undefined);
        });
      }

      for (const [what, body] of c.invalid) {
        it(`a body with ${what} fails the schema and the emulator`, async () => {
          const modelId = c.modelIds[0];
          assert.equal(validate({ modelId, body }), false, 'the schema accepted it');
          assert.equal(await emulatorRejects(modelId, body), 'ValidationException');
        });
      }
    });
  }

  it('checks no body for a model whose ID does not name its family (application inference profile)', () => {
    const modelId = 'arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/a1b2c3d4e5f6';
    assert.ok(validate({ modelId, body: { anything: ['goes'] } }), errorsOf(validate));
  });

  it("rejects one family's body under another family's model", () => {
    assert.equal(validate({ modelId: 'amazon.nova-lite-v1:0', body: CASES[0].valid[0] }), false);
  });

  // The schema and the parser must agree on the request fields too, or the editor would show squiggles on requests
  // that run (or none on requests that are refused).
  const REQUESTS: [string, unknown, boolean][] = [
    [
      'a prompt request',
      { modelId: 'amazon.nova-lite-v1:0', prompt: 'hi', system: 's', maxTokens: 5, temperature: 0.5, topP: 0.5 },
      true,
    ],
    ['a request without modelId', { prompt: 'hi' }, true],
    ['an array of requests', [{ prompt: 'a' }, { body: {}, stream: false, output: 'newDocument' }], true],
    [
      'every Bedrock option',
      {
        prompt: 'a',
        contentType: 'application/json',
        accept: '*/*',
        trace: 'DISABLED',
        guardrailIdentifier: 'g',
        guardrailVersion: '1',
        performanceConfigLatency: 'standard',
        serviceTier: 'default',
        name: 'n',
        $schema: 'x',
      },
      true,
    ],
    ['both body and prompt', { body: {}, prompt: 'hi' }, false],
    ['neither body nor prompt', { modelId: 'amazon.nova-lite-v1:0' }, false],
    ['system with a body', { body: {}, system: 's' }, false],
    ['an unknown field', { prompt: 'hi', promt: 'x' }, false],
    ['a bad output', { prompt: 'hi', output: 'file' }, false],
    ['maxTokens 0', { prompt: 'hi', maxTokens: 0 }, false],
    ['a guardrail without version', { prompt: 'hi', guardrailIdentifier: 'g' }, false],
    ['an empty array', [], false],
    ['an array with a number', [{ prompt: 'a' }, 3], false],
    [
      'a Converse prompt with a system string',
      { api: 'converse', modelId: 'amazon.nova-lite-v1:0', prompt: 'hi', system: 'terse' },
      true,
    ],
    [
      'a Converse request with every member',
      {
        api: 'converse',
        modelId: 'anthropic.claude-3-haiku-20240307-v1:0',
        stream: false,
        messages: [
          {
            role: 'user',
            content: [
              { text: 'hi' },
              { image: { format: 'png', source: { bytes: '${file:cat.png}' } } },
              { document: { format: 'pdf', name: 'Spec', source: { bytes: '${file:spec.pdf}' } } },
              { cachePoint: { type: 'default' } },
            ],
          },
        ],
        system: [{ text: 'terse' }, { cachePoint: { type: 'default' } }],
        inferenceConfig: { maxTokens: 100, temperature: 0.5, topP: 0.9, stopSequences: ['END'] },
        toolConfig: {
          tools: [{ toolSpec: { name: 'get_weather', inputSchema: { json: { type: 'object' } } } }],
          toolChoice: { auto: {} },
        },
        guardrailConfig: { guardrailIdentifier: 'g', guardrailVersion: '1', trace: 'enabled' },
        additionalModelRequestFields: { top_k: 5 },
        additionalModelResponseFieldPaths: ['/stop_sequence'],
        requestMetadata: { team: 'docs' },
        performanceConfig: { latency: 'optimized' },
        serviceTier: { type: 'flex' },
        outputConfig: {
          textFormat: {
            type: 'json_schema',
            structure: { jsonSchema: { schema: '{"type":"object"}', name: 'answer' } },
          },
        },
      },
      true,
    ],
    [
      'a Converse prompt ARN with promptVariables only',
      {
        api: 'converse',
        modelId: 'arn:aws:bedrock:us-east-1:123456789012:prompt/PROMPT0001:1',
        promptVariables: { topic: { text: 'x' } },
      },
      true,
    ],
    ['a Converse request with a body', { api: 'converse', body: {}, prompt: 'hi' }, false],
    [
      'a Converse request with both prompt and messages',
      { api: 'converse', prompt: 'hi', messages: [{ role: 'user', content: [{ text: 'hi' }] }] },
      false,
    ],
    [
      'a Converse request with neither prompt nor messages',
      { api: 'converse', modelId: 'amazon.nova-lite-v1:0' },
      false,
    ],
    [
      'a Converse message with a system role',
      { api: 'converse', messages: [{ role: 'system', content: [{ text: 'hi' }] }] },
      false,
    ],
    [
      'a Converse content block with two members',
      { api: 'converse', messages: [{ role: 'user', content: [{ text: 'hi', image: {} }] }] },
      false,
    ],
    ['a Converse serviceTier as a string', { api: 'converse', prompt: 'hi', serviceTier: 'flex' }, false],
    ['a Converse request with maxTokens', { api: 'converse', prompt: 'hi', maxTokens: 5 }, false],
    ['messages without "api": "converse"', { messages: [{ role: 'user', content: [{ text: 'hi' }] }] }, false],
    ['an unknown api', { api: 'chat', prompt: 'hi' }, false],
  ];
  for (const [what, request, ok] of REQUESTS) {
    it(`schema and parser agree: ${what} is ${ok ? 'valid' : 'invalid'}`, () => {
      assert.equal(validate(request), ok, errorsOf(validate));
      assert.equal(parseRequestFile(JSON.stringify(request)).problems.length === 0, ok);
    });
  }
  const examples = fs.readdirSync(path.join(root, 'examples')).filter((f) => f.endsWith('.bedrock.json'));
  it('has an example request file for every model family', () => {
    const families = new Set(
      examples.flatMap((f) =>
        parseRequestFile(fs.readFileSync(path.join(root, 'examples', f), 'utf8')).requests.map(
          (r) => resolveModel(r.modelId ?? '').family?.id,
        ),
      ),
    );
    assert.equal(families.size, 14, [...families].join(', '));
  });
  for (const example of examples) {
    it(`example ${example} parses without problems and passes the schema`, () => {
      const text = fs.readFileSync(path.join(root, 'examples', example), 'utf8');
      assert.deepEqual(parseRequestFile(text).problems, []);
      assert.ok(validate(parseJsonc(text, [], { allowTrailingComma: true })), errorsOf(validate));
    });
  }
});
