import assert from 'node:assert/strict';
import { ConverseCommand, CountTokensCommand, type Message } from '@aws-sdk/client-bedrock-runtime';
import { claudeBody, invokeWithHeaders, PROTOCOLS, rejection, runtimeClient, useEmulator } from './helpers';

const HAIKU = 'anthropic.claude-3-haiku-20240307-v1:0';
const user = (text: string): Message => ({ role: 'user', content: [{ text }] });

describe('emulator CountTokens', () => {
  const emu = useEmulator();

  for (const protocol of PROTOCOLS) {
    it(`${protocol}: a Converse input counts what Converse then charges as inputTokens`, async () => {
      const client = runtimeClient(emu(), protocol);
      const input = {
        system: [{ text: 'You review code.' }],
        messages: [
          user('Review this function, please.'),
          { role: 'assistant' as const, content: [{ text: 'Sure.' }] },
          user('function f() { return 1; }'),
        ],
        toolConfig: { tools: [{ toolSpec: { name: 'lint', inputSchema: { json: { type: 'object' } } } }] },
      };
      const counted = await client.send(new CountTokensCommand({ modelId: HAIKU, input: { converse: input } }));
      const charged = await client.send(
        new ConverseCommand({
          modelId: HAIKU,
          ...input,
          toolConfig: { ...input.toolConfig, toolChoice: { auto: {} } },
        }),
      );
      assert.ok(counted.inputTokens! > 10);
      assert.equal(counted.inputTokens, charged.usage!.inputTokens);
      const plain = await client.send(
        new ConverseCommand({ modelId: HAIKU, system: input.system, messages: input.messages }),
      );
      const plainCount = await client.send(
        new CountTokensCommand({
          modelId: HAIKU,
          input: { converse: { system: input.system, messages: input.messages } },
        }),
      );
      assert.equal(plainCount.inputTokens, plain.usage!.inputTokens);
      const [rec] = emu().requests();
      assert.equal(rec.operation, 'CountTokens');
      assert.equal(rec.path, `/model/${encodeURIComponent(HAIKU)}/count-tokens`);
      client.destroy();
    });
  }

  it('an InvokeModel body (base64 on the wire) counts what InvokeModel reports in its input-token header', async () => {
    const client = runtimeClient(emu(), 'h2');
    const body = claudeBody('How many tokens is this sentence?', { system: 'Answer briefly.' });
    const counted = await client.send(
      new CountTokensCommand({
        modelId: HAIKU,
        input: { invokeModel: { body: new TextEncoder().encode(JSON.stringify(body)) } },
      }),
    );
    const { headers } = await invokeWithHeaders(client, HAIKU, body);
    assert.equal(String(counted.inputTokens), headers['x-amzn-bedrock-input-token-count']);
    const sent = emu().requests()[0].body as { input: { invokeModel: { body: string } } };
    assert.deepEqual(JSON.parse(Buffer.from(sent.input.invokeModel.body, 'base64').toString('utf8')), body);
    client.destroy();
  });

  it('the model validates the body it counts, with the same errors as InvokeModel and Converse', async () => {
    const client = runtimeClient(emu(), 'h2');
    const bad = await rejection(
      client.send(
        new CountTokensCommand({
          modelId: HAIKU,
          input: { invokeModel: { body: new TextEncoder().encode('{"messages":[]}') } },
        }),
      ),
    );
    assert.match(bad.message, /^Malformed input request: #: required key \[max_tokens\] not found/);
    const alt = await rejection(
      client.send(
        new CountTokensCommand({ modelId: HAIKU, input: { converse: { messages: [user('a'), user('b')] } } }),
      ),
    );
    assert.match(alt.message, /must alternate/);
    client.destroy();
  });

  it('inference profiles, ARNs and models without CountTokens are refused; nothing is invoked', async () => {
    const client = runtimeClient(emu(), 'h2');
    for (const modelId of [
      'us.anthropic.claude-3-haiku-20240307-v1:0',
      'amazon.nova-micro-v1:0',
      'meta.llama3-8b-instruct-v1:0',
    ]) {
      const err = await rejection(
        client.send(new CountTokensCommand({ modelId, input: { converse: { messages: [user('a')] } } })),
      );
      assert.equal(err.name, 'ValidationException', modelId);
      assert.equal(err.message, "The provided model doesn't support counting tokens.", modelId);
    }
    const unknown = await rejection(
      client.send(
        new CountTokensCommand({ modelId: 'anthropic.claude-9-v1:0', input: { converse: { messages: [user('a')] } } }),
      ),
    );
    assert.equal(unknown.name, 'ResourceNotFoundException');
    const denied = await rejection(
      client.send(
        new CountTokensCommand({
          modelId: 'anthropic.claude-3-opus-20240229-v1:0',
          input: { converse: { messages: [user('a')] } },
        }),
      ),
    );
    assert.equal(denied.name, 'AccessDeniedException');
    // The bare ID of a profile-only model is how CountTokens addresses it.
    const sonnet = await client.send(
      new CountTokensCommand({
        modelId: 'anthropic.claude-sonnet-4-5-20250929-v1:0',
        input: { converse: { messages: [user('a')] } },
      }),
    );
    assert.ok(sonnet.inputTokens! >= 1);
    assert.deepEqual(
      emu()
        .requests()
        .map((r) => r.operation),
      Array(6).fill('CountTokens'),
    );
    client.destroy();
  });

  it('input must set exactly one of invokeModel and converse', async () => {
    const client = runtimeClient(emu(), 'h2');
    const none = await rejection(client.send(new CountTokensCommand({ modelId: HAIKU, input: {} as never })));
    assert.equal(none.name, 'ValidationException');
    assert.match(
      none.message,
      /at 'input' failed to satisfy constraint: Member must have exactly one member set, found 0/,
    );
    client.destroy();
  });

  it('faults reach CountTokens only when they name it', async () => {
    emu().addFault({ fault: 'ThrottlingException' });
    emu().addFault({ fault: 'ServiceUnavailableException', operation: 'CountTokens', count: 3 });
    const client = runtimeClient(emu(), 'h2');
    const err = await rejection(
      client.send(new CountTokensCommand({ modelId: HAIKU, input: { converse: { messages: [user('a')] } } })),
    );
    assert.equal(err.name, 'ServiceUnavailableException');
    assert.equal(emu().requests().length, 3);
    const pending = (await (await fetch(`${emu().url}/_emulator/faults`)).json()) as {
      pending: Array<{ fault: string }>;
    };
    assert.deepEqual(
      pending.pending.map((f) => f.fault),
      ['ThrottlingException'],
      'the unnamed fault is left for the runtime operations',
    );
    client.destroy();
  });
});
