import assert from 'node:assert/strict';
import { InvokeModelWithResponseStreamCommand } from '@aws-sdk/client-bedrock-runtime';
import {} from '../../emulator';
import { violations, S } from '../../emulator/schema';
import {
  claudeBody,
  invokeJson,
  invokeWithHeaders,
  rejection,
  runtimeClient,
  streamEvents,
  type Protocol,
  useEmulator,
} from './helpers';

const HAIKU = 'anthropic.claude-3-haiku-20240307-v1:0';
const wrap = (detail: string) => `Malformed input request: ${detail}, please reformat your input and try again.`;

describe('emulator request validation', () => {
  const emu = useEmulator();

  async function errorOf(
    modelId: string,
    body: unknown,
    protocol: Protocol = 'h2',
    extra: Record<string, unknown> = {},
  ) {
    const client = runtimeClient(emu(), protocol);
    try {
      return await rejection(invokeJson(client, modelId, body, extra));
    } finally {
      client.destroy();
    }
  }

  describe('schema violations (real wording)', () => {
    it('missing required key', async () => {
      const err = await errorOf(HAIKU, {
        anthropic_version: 'bedrock-2023-05-31',
        messages: [{ role: 'user', content: 'x' }],
      });
      assert.equal(err.name, 'ValidationException');
      assert.equal(err.message, wrap('#: required key [max_tokens] not found'));
    });

    it('extraneous key', async () => {
      const err = await errorOf(HAIKU, claudeBody('x', { x: 1 }), 'http1');
      assert.equal(err.message, wrap('#: extraneous key [x] is not permitted'));
    });

    it('content of the wrong type, several violations concatenated without separator', async () => {
      const body = {
        anthropic_version: 'bedrock-2023-05-31',
        max_tokens: 10,
        messages: [
          { role: 'user', content: 'a' },
          { role: 'assistant', content: [] },
        ],
      };
      const err = await errorOf(HAIKU, body);
      assert.equal(
        err.message,
        wrap(
          '#/messages/1/content: expected minimum item count: 1, found: 0#/messages/1/content: expected type: String, found: JSONArray',
        ),
      );
    });

    it('a chat body sent to Llama: required prompt, extraneous messages', async () => {
      const err = await errorOf('meta.llama3-8b-instruct-v1:0', { messages: [{ role: 'user', content: 'x' }] });
      assert.equal(
        err.message,
        wrap('#: required key [prompt] not found#: extraneous key [messages] is not permitted'),
      );
    });

    it('Titan fields sent to Nova', async () => {
      const err = await errorOf('amazon.nova-micro-v1:0', {
        messages: [{ role: 'user', content: 'hi' }],
        inferenceConfig: { maxTokenCount: 5 },
      });
      assert.equal(
        err.message,
        wrap(
          '#/messages/0/content: expected type: JSONArray, found: String#/inferenceConfig: extraneous key [maxTokenCount] is not permitted',
        ),
      );
    });

    it('enum and range violations', async () => {
      const err = await errorOf(HAIKU, {
        anthropic_version: 'bedrock-2023-05-31',
        max_tokens: 0,
        temperature: 1.5,
        messages: [{ role: 'robot', content: 'x' }],
      });
      assert.equal(
        err.message,
        wrap(
          '#/max_tokens: 0 is not greater or equal to 1#/messages/0/role: robot is not a valid enum value#/temperature: 1.5 is not less or equal to 1',
        ),
      );
    });

    it('the checker itself: types, nesting paths, integer vs number', () => {
      const schema = S.obj({ n: S.int(), f: S.num(), list: S.arr(S.str(), 0, 1), flag: S.bool() }, ['n']);
      assert.deepEqual(violations({ n: 1.5, f: 'x', list: ['a', 2], flag: null }, schema), [
        '#/n: expected type: Integer, found: BigDecimal',
        '#/f: expected type: Number, found: String',
        '#/list: expected maximum item count: 1, found: 2',
        '#/list/1: expected type: String, found: Integer',
        '#/flag: expected type: Boolean, found: Null',
      ]);
      assert.deepEqual(violations([], schema), ['#: expected type: JSONObject, found: JSONArray']);
      assert.deepEqual(violations({ n: 3 }, schema), []);
    });

    it('a body that is not JSON', async () => {
      const client = runtimeClient(emu(), 'h2');
      const { InvokeModelCommand } = await import('@aws-sdk/client-bedrock-runtime');
      const err = await rejection(client.send(new InvokeModelCommand({ modelId: HAIKU, body: 'not json' })));
      assert.equal(err.name, 'ValidationException');
      assert.equal(err.message, 'Malformed input request, please reformat your input and try again.');
      client.destroy();
    });
  });

  describe('Anthropic-side checks', () => {
    it('max_tokens above the model limit', async () => {
      const err = await errorOf(
        'us.anthropic.claude-sonnet-4-5-20250929-v1:0',
        claudeBody('x', { max_tokens: 100000 }),
      );
      assert.equal(
        err.message,
        'max_tokens: 100000 > 64000, which is the maximum allowed number of output tokens for claude-sonnet-4-5',
      );
    });

    it('roles must alternate', async () => {
      const err = await errorOf(HAIKU, {
        anthropic_version: 'bedrock-2023-05-31',
        max_tokens: 10,
        messages: [
          { role: 'user', content: 'a' },
          { role: 'user', content: 'b' },
        ],
      });
      assert.match(err.message, /^messages: roles must alternate between "user" and "assistant"/);
    });
  });

  describe('model identifiers', () => {
    it('a malformed identifier', async () => {
      const err = await errorOf('weird id+with/slash?x', claudeBody('x'));
      assert.equal(err.name, 'ValidationException');
      assert.equal(err.message, 'The provided model identifier is invalid.');
      assert.equal(emu().requests()[0].modelId, 'weird id+with/slash?x');
    });

    it('identifiers are checked against InvokeModelIdentifier from the service model: a foundation-model ARN must leave the account empty', async () => {
      const withAccount = await errorOf(
        `arn:aws:bedrock:us-east-1:123456789012:foundation-model/${HAIKU}`,
        claudeBody('x'),
      );
      assert.equal(withAccount.name, 'ValidationException');
      assert.equal(withAccount.message, 'The provided model identifier is invalid.');
      const tooLong = await errorOf(`a.${'b'.repeat(2048)}`, claudeBody('x'));
      assert.equal(tooLong.message, 'The provided model identifier is invalid.', 'over the modeled 2,048 characters');
      const client = runtimeClient(emu(), 'h2');
      await invokeJson(client, `arn:aws:bedrock:us-east-1::foundation-model/${HAIKU}`, claudeBody('x')); // without an account: accepted
      client.destroy();
    });

    it("a guardrail identifier that breaks its modeled pattern gets the validation layer's message", async () => {
      const { InvokeModelCommand } = await import('@aws-sdk/client-bedrock-runtime');
      const client = runtimeClient(emu(), 'h2');
      const err = await rejection(
        client.send(
          new InvokeModelCommand({
            modelId: HAIKU,
            contentType: 'application/json',
            body: JSON.stringify(claudeBody('x')),
            guardrailIdentifier: 'Not A Guardrail!',
            guardrailVersion: 'DRAFT',
          }),
        ),
      );
      assert.equal(err.name, 'ValidationException');
      assert.equal(
        err.message,
        "1 validation error detected: Value 'Not A Guardrail!' at 'guardrailIdentifier' failed to satisfy constraint: Member must satisfy regular expression pattern: (|([a-z0-9]+)|(arn:aws(-[^:]+)?:bedrock:[a-z0-9-]{1,20}:[0-9]{12}:guardrail/[a-z0-9]+))",
      );
      client.destroy();
    });

    it('a well-formed unknown model', async () => {
      const err = await errorOf('anthropic.claude-99-v1:0', claudeBody('x'));
      assert.equal(err.name, 'ResourceNotFoundException');
      assert.equal(err.message, 'Model not found.');
    });

    it('a model without access', async () => {
      const err = await errorOf('anthropic.claude-3-opus-20240229-v1:0', claudeBody('x'));
      assert.equal(err.name, 'AccessDeniedException');
      assert.equal(err.message, "You don't have access to the model with the specified model ID.");
    });

    it('the bare ID of an inference-profile-only model', async () => {
      const err = await errorOf('anthropic.claude-sonnet-4-20250514-v1:0', claudeBody('x'));
      assert.equal(
        err.message,
        'Invocation of model ID anthropic.claude-sonnet-4-20250514-v1:0 with on-demand throughput isn\u2019t supported. Retry your request with the ID or ARN of an inference profile that contains this model.',
      );
    });

    it('a profile in a geography the model does not have', async () => {
      const err = await errorOf('apac.anthropic.claude-3-haiku-20240307-v1:0', claudeBody('x'));
      assert.equal(err.name, 'ResourceNotFoundException');
    });

    for (const id of [
      'arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0',
      'arn:aws:bedrock:us-west-2:123456789012:inference-profile/us.anthropic.claude-sonnet-4-20250514-v1:0',
      'arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/a1b2c3d4e5f6',
      'global.anthropic.claude-sonnet-4-20250514-v1:0',
    ]) {
      it(`routes ${id}`, async () => {
        const client = runtimeClient(emu(), 'h2');
        const { json } = await invokeJson(client, id, claudeBody('routed'));
        assert.equal(json.type, 'message');
        assert.equal(emu().requests()[0].modelId, id);
        assert.match(String(emu().requests()[0].resolvedModelId), /^anthropic\./);
        client.destroy();
      });
    }
  });

  describe('headers', () => {
    it('echoes performance-latency and service-tier; the SDK exposes them', async () => {
      const client = runtimeClient(emu(), 'h2');
      const { out, headers } = await invokeWithHeaders(client, HAIKU, claudeBody('x'), {
        performanceConfigLatency: 'optimized',
        serviceTier: 'priority',
      });
      assert.equal(out.performanceConfigLatency, 'optimized');
      assert.equal(out.serviceTier, 'priority');
      assert.equal(headers['x-amzn-bedrock-service-tier'], 'priority');
      const s = await client.send(
        new InvokeModelWithResponseStreamCommand({
          modelId: HAIKU,
          body: JSON.stringify(claudeBody('x')),
          serviceTier: 'flex',
        }),
      );
      assert.equal(s.serviceTier, 'flex');
      for await (const _ of s.body ?? []) {
        /* drain */
      }
      client.destroy();
    });

    it('Content-Type and Accept: JSON or absent is fine, anything else is refused', async () => {
      const client = runtimeClient(emu(), 'h2');
      const { InvokeModelCommand } = await import('@aws-sdk/client-bedrock-runtime');
      await client.send(
        new InvokeModelCommand({ modelId: HAIKU, body: JSON.stringify(claudeBody('no content type')) }),
      );
      assert.equal(emu().requests()[0].headers['content-type'], 'application/octet-stream');
      assert.equal(
        (await errorOf(HAIKU, claudeBody('x'), 'h2', { contentType: 'text/plain' })).name,
        'ValidationException',
      );
      assert.equal(
        (await errorOf(HAIKU, claudeBody('x'), 'http1', { accept: 'image/png' })).name,
        'ValidationException',
      );
      const streamed = await rejection(streamEvents(client, HAIKU, claudeBody('x'), { accept: 'text/html' }));
      assert.equal(streamed.name, 'ValidationException');
      assert.equal(emu().requests().at(-1)?.headers['x-amzn-bedrock-accept'], 'text/html');
      client.destroy();
    });

    it('rejects an unknown trace value with the service enum wording', async () => {
      const err = await errorOf(HAIKU, claudeBody('x'), 'h2', { trace: 'LOUD' });
      assert.match(
        err.message,
        /Value 'LOUD' at 'trace' failed to satisfy constraint: Member must satisfy enum value set/,
      );
    });

    it('guardrail with identifier and version: NONE normally, INTERVENED for the trigger word', async () => {
      const client = runtimeClient(emu(), 'http1');
      const g = { guardrailIdentifier: 'gr123abc', guardrailVersion: '1' };
      const ok = await invokeJson(client, HAIKU, claudeBody('fine'), g);
      assert.equal(ok.json['amazon-bedrock-guardrailAction'], 'NONE');
      const blocked = await invokeJson(client, HAIKU, claudeBody('please GUARDRAIL_TRIGGER now'), {
        ...g,
        trace: 'ENABLED',
      });
      assert.equal(blocked.json['amazon-bedrock-guardrailAction'], 'INTERVENED');
      assert.ok(blocked.json['amazon-bedrock-trace']);
      const { events } = await streamEvents(client, HAIKU, claudeBody('GUARDRAIL_TRIGGER'), g);
      assert.equal(events.at(-1)?.['amazon-bedrock-guardrailAction'], 'INTERVENED');
      const plain = await invokeJson(client, HAIKU, claudeBody('GUARDRAIL_TRIGGER'));
      assert.equal(plain.json['amazon-bedrock-guardrailAction'], undefined, 'no guardrail, no action');
      client.destroy();
    });

    it('guardrail rules: identifier needs a version; body config needs an identifier', async () => {
      const noVersion = await errorOf(HAIKU, claudeBody('x'), 'h2', { guardrailIdentifier: 'gr123abc' });
      assert.equal(noVersion.name, 'ValidationException');
      const { InvokeModelCommand } = await import('@aws-sdk/client-bedrock-runtime');
      const octet = runtimeClient(emu(), 'h2');
      const noJson = await rejection(
        octet.send(
          new InvokeModelCommand({
            modelId: HAIKU,
            body: JSON.stringify(claudeBody('x')),
            guardrailIdentifier: 'g',
            guardrailVersion: '1',
          }),
        ),
      );
      assert.equal(noJson.name, 'ValidationException', 'guardrails need a JSON content type');
      octet.destroy();
      const bodyOnly = await errorOf(HAIKU, {
        ...claudeBody('x'),
        'amazon-bedrock-guardrailConfig': { tagSuffix: 'x' },
      });
      assert.equal(bodyOnly.name, 'ValidationException');
      const client = runtimeClient(emu(), 'h2');
      const withBoth = await invokeJson(
        client,
        HAIKU,
        { ...claudeBody('x'), 'amazon-bedrock-guardrailConfig': { tagSuffix: 'x' } },
        { guardrailIdentifier: 'g', guardrailVersion: 'DRAFT' },
      );
      assert.equal(
        withBoth.json['amazon-bedrock-guardrailAction'],
        'NONE',
        'the guardrail config key is not a schema violation',
      );
      client.destroy();
    });
  });
});
