import assert from 'node:assert/strict';
import * as runtime from '@aws-sdk/client-bedrock-runtime';
import {
  ConverseCommand,
  ConverseStreamCommand,
  type BedrockRuntimeClient,
  type ConverseCommandInput,
  type ConverseStreamOutput,
  type Message,
} from '@aws-sdk/client-bedrock-runtime';
import { PROMPTS, promptArn } from '../../emulator';
import { png } from '../../emulator/png';
import { violations } from '../../emulator/serviceModel';
import { PROTOCOLS, rejection, runtimeClient, useEmulator } from './helpers';

const HAIKU = 'anthropic.claude-3-haiku-20240307-v1:0';
const SONNET4 = 'us.anthropic.claude-sonnet-4-20250514-v1:0';
const SONNET45 = 'us.anthropic.claude-sonnet-4-5-20250929-v1:0';
const TITAN = 'amazon.titan-text-express-v1';
const user = (text: string): Message => ({ role: 'user', content: [{ text }] });
const WEATHER = {
  tools: [
    {
      toolSpec: {
        name: 'get_weather',
        description: 'Weather for a city',
        inputSchema: {
          json: {
            type: 'object',
            properties: { city: { type: 'string' }, days: { type: 'integer', minimum: 2 } },
            required: ['city'],
          },
        },
      },
    },
  ],
};

async function converseStream(client: BedrockRuntimeClient, input: ConverseCommandInput) {
  const out = await client.send(new ConverseStreamCommand(input));
  const events: ConverseStreamOutput[] = [];
  try {
    for await (const ev of out.stream ?? []) events.push(ev);
  } catch (e) {
    return { events, error: e as Error & Record<string, unknown> };
  }
  return { events, error: undefined };
}
const kinds = (events: ConverseStreamOutput[]) =>
  events.map((e) => Object.entries(e).find(([, v]) => v !== undefined)?.[0]);

describe('emulator Converse and ConverseStream', () => {
  const emu = useEmulator({ fillerTokens: 2 });

  for (const protocol of PROTOCOLS) {
    it(`${protocol}: Converse answers the last user message with usage, metrics and a request ID`, async () => {
      const client = runtimeClient(emu(), protocol);
      const out = await client.send(
        new ConverseCommand({
          modelId: HAIKU,
          system: [{ text: 'Be terse.' }],
          messages: [user('first'), { role: 'assistant', content: [{ text: 'ok' }] }, user('echo me')],
        }),
      );
      assert.deepEqual(out.output?.message, { role: 'assistant', content: [{ text: 'echo me alpha bravo' }] });
      assert.equal(out.stopReason, 'end_turn');
      assert.equal(out.usage!.totalTokens, out.usage!.inputTokens! + out.usage!.outputTokens!);
      assert.equal(out.usage!.outputTokens, 4);
      assert.equal(out.usage!.cacheReadInputTokens, undefined, 'no cache fields without cache points');
      assert.equal(typeof out.metrics?.latencyMs, 'number');
      const [rec] = emu().requests();
      assert.equal(rec.operation, 'Converse');
      assert.equal(rec.path, `/model/${encodeURIComponent(HAIKU)}/converse`);
      assert.equal(out.$metadata.requestId, rec.requestId);
      client.destroy();
    });

    it(`${protocol}: ConverseStream sends messageStart, text deltas (no start event), contentBlockStop, messageStop, metadata`, async () => {
      const client = runtimeClient(emu(), protocol);
      const { events, error } = await converseStream(client, { modelId: HAIKU, messages: [user('stream this')] });
      assert.equal(error, undefined);
      assert.deepEqual(kinds(events), [
        'messageStart',
        'contentBlockDelta',
        'contentBlockDelta',
        'contentBlockDelta',
        'contentBlockDelta',
        'contentBlockStop',
        'messageStop',
        'metadata',
      ]);
      assert.deepEqual(events[0].messageStart, { role: 'assistant' });
      assert.equal(events.map((e) => e.contentBlockDelta?.delta?.text ?? '').join(''), 'stream this alpha bravo');
      assert.deepEqual(events[6].messageStop, { stopReason: 'end_turn' });
      const meta = events[7].metadata!;
      assert.equal(meta.usage!.outputTokens, 4);
      assert.equal(typeof meta.metrics?.latencyMs, 'number');
      assert.equal(emu().requests()[0].operation, 'ConverseStream');
      client.destroy();
    });
  }

  it('pacing.chunks sets the number of text deltas, as for InvokeModelWithResponseStream', async () => {
    emu().configure({ pacing: { chunks: 500 } });
    try {
      const client = runtimeClient(emu(), 'h2');
      const { events } = await converseStream(client, { modelId: HAIKU, messages: [user('many')] });
      assert.equal(events.filter((e) => e.contentBlockDelta).length, 500);
      client.destroy();
    } finally {
      emu().configure({ pacing: { chunks: 0 } });
    }
  });

  describe('tool use', () => {
    it('auto: a text block then a toolUse whose input fits the tool schema; stopReason tool_use', async () => {
      const client = runtimeClient(emu(), 'h2');
      const out = await client.send(
        new ConverseCommand({ modelId: HAIKU, messages: [user('Weather in Paris?')], toolConfig: WEATHER }),
      );
      const [text, tool] = out.output!.message!.content!;
      assert.equal(text.text, 'Calling get_weather.');
      assert.match(tool.toolUse!.toolUseId!, /^tooluse_[a-zA-Z0-9]+$/);
      assert.equal(tool.toolUse!.name, 'get_weather');
      assert.deepEqual(tool.toolUse!.input, { city: 'emulator', days: 2 });
      assert.equal(out.stopReason, 'tool_use');
      client.destroy();
    });

    it('streamed: contentBlockStart announces the tool, its input arrives as JSON string pieces', async () => {
      const client = runtimeClient(emu(), 'h2');
      const { events } = await converseStream(client, {
        modelId: HAIKU,
        messages: [user('Weather?')],
        toolConfig: { ...WEATHER, toolChoice: { any: {} } },
      });
      const start = events.find((e) => e.contentBlockStart)!.contentBlockStart!;
      assert.equal(start.contentBlockIndex, 0, 'a forced tool call has no text block');
      assert.equal(start.start?.toolUse?.name, 'get_weather');
      const input = events
        .filter((e) => e.contentBlockDelta?.delta?.toolUse)
        .map((e) => e.contentBlockDelta!.delta!.toolUse!.input)
        .join('');
      assert.ok(events.filter((e) => e.contentBlockDelta?.delta?.toolUse).length >= 2);
      assert.deepEqual(JSON.parse(input), { city: 'emulator', days: 2 });
      assert.equal(events.find((e) => e.messageStop)!.messageStop!.stopReason, 'tool_use');
      client.destroy();
    });

    it('a toolResult turn continues the conversation and the answer uses the result', async () => {
      const client = runtimeClient(emu(), 'h2');
      const first = await client.send(
        new ConverseCommand({ modelId: HAIKU, messages: [user('Weather?')], toolConfig: WEATHER }),
      );
      const toolUse = first.output!.message!.content![1].toolUse!;
      const second = await client.send(
        new ConverseCommand({
          modelId: HAIKU,
          toolConfig: WEATHER,
          messages: [
            user('Weather?'),
            first.output!.message!,
            {
              role: 'user',
              content: [
                { toolResult: { toolUseId: toolUse.toolUseId, content: [{ json: { tempC: 18 } }], status: 'success' } },
              ],
            },
          ],
        }),
      );
      assert.equal(second.output!.message!.content![0].text, 'Tool result: {"tempC":18}');
      assert.equal(second.stopReason, 'end_turn');
      const wrong = await rejection(
        client.send(
          new ConverseCommand({
            modelId: HAIKU,
            toolConfig: WEATHER,
            messages: [
              user('Weather?'),
              first.output!.message!,
              { role: 'user', content: [{ toolResult: { toolUseId: 'tooluse_other', content: [{ text: 'x' }] } }] },
            ],
          }),
        ),
      );
      assert.match(wrong.message, /toolUseId tooluse_other/);
      client.destroy();
    });

    it('toolUse blocks without toolConfig, tools on a model without tool use, and streaming tools where only Converse has them are refused', async () => {
      const client = runtimeClient(emu(), 'h2');
      const noConfig = await rejection(
        client.send(
          new ConverseCommand({
            modelId: HAIKU,
            messages: [
              user('a'),
              { role: 'assistant', content: [{ toolUse: { toolUseId: 't1', name: 'x', input: {} } }] },
              user('b'),
            ],
          }),
        ),
      );
      assert.equal(
        noConfig.message,
        'The toolConfig field must be defined when using toolUse and toolResult content blocks.',
      );
      const titan = await rejection(
        client.send(new ConverseCommand({ modelId: TITAN, messages: [user('a')], toolConfig: WEATHER })),
      );
      assert.equal(titan.message, "This model doesn't support tool use.");
      const llama = 'us.meta.llama3-1-70b-instruct-v1:0';
      const ok = await client.send(new ConverseCommand({ modelId: llama, messages: [user('a')], toolConfig: WEATHER }));
      assert.equal(ok.stopReason, 'tool_use');
      const streamed = await rejection(
        client.send(new ConverseStreamCommand({ modelId: llama, messages: [user('a')], toolConfig: WEATHER })),
      );
      assert.equal(streamed.name, 'ValidationException');
      assert.equal(streamed.message, "This model doesn't support tool use in streaming mode.");
      const forced = await rejection(
        client.send(
          new ConverseCommand({
            modelId: 'cohere.command-r-v1:0',
            messages: [user('a')],
            toolConfig: { ...WEATHER, toolChoice: { any: {} } },
          }),
        ),
      );
      assert.equal(
        forced.message,
        "This model doesn't support the toolConfig.toolChoice.any field. Remove toolConfig.toolChoice.any and try again.",
      );
      client.destroy();
    });
  });

  describe('reasoning', () => {
    it('Claude with thinking enabled: a reasoningContent block with its signature comes first', async () => {
      const client = runtimeClient(emu(), 'h2');
      const input = {
        modelId: SONNET4,
        messages: [user('think')],
        inferenceConfig: { maxTokens: 2048 },
        additionalModelRequestFields: { thinking: { type: 'enabled', budget_tokens: 1024 } },
      };
      const out = await client.send(new ConverseCommand(input));
      const [reasoning, text] = out.output!.message!.content!;
      assert.match(reasoning.reasoningContent!.reasoningText!.text!, /repeat/);
      assert.ok(reasoning.reasoningContent!.reasoningText!.signature);
      assert.equal(text.text, 'think alpha bravo');
      const { events } = await converseStream(client, input);
      const deltas = events
        .filter((e) => e.contentBlockDelta?.contentBlockIndex === 0)
        .map((e) => e.contentBlockDelta!.delta!.reasoningContent!);
      assert.equal(deltas.map((d) => d.text ?? '').join(''), reasoning.reasoningContent!.reasoningText!.text);
      assert.equal(deltas.at(-1)!.signature, reasoning.reasoningContent!.reasoningText!.signature);
      assert.equal(
        events
          .filter((e) => e.contentBlockDelta?.contentBlockIndex === 1)
          .map((e) => e.contentBlockDelta!.delta!.text)
          .join(''),
        'think alpha bravo',
      );
      client.destroy();
    });

    it('DeepSeek-R1 always reasons; Claude 3 Haiku refuses thinking as its Messages API does', async () => {
      const client = runtimeClient(emu(), 'h2');
      const r1 = await client.send(new ConverseCommand({ modelId: 'us.deepseek.r1-v1:0', messages: [user('why')] }));
      assert.ok(r1.output!.message!.content![0].reasoningContent?.reasoningText?.text);
      const haiku = await rejection(
        client.send(
          new ConverseCommand({
            modelId: HAIKU,
            messages: [user('a')],
            additionalModelRequestFields: { thinking: { type: 'enabled', budget_tokens: 1024 } },
          }),
        ),
      );
      assert.equal(
        haiku.message,
        'The model returned the following errors: thinking: claude-3-haiku-20240307 does not support extended thinking',
      );
      const nova = await rejection(
        client.send(
          new ConverseCommand({
            modelId: 'amazon.nova-micro-v1:0',
            messages: [user('a')],
            additionalModelRequestFields: { top_k: 3 },
          }),
        ),
      );
      assert.equal(
        nova.message,
        'Malformed input request: #: extraneous key [top_k] is not permitted, please reformat your input and try again.',
      );
      client.destroy();
    });
  });

  describe('validation', () => {
    it('service-model constraints come back in the service wording, all of them at once', async () => {
      const client = runtimeClient(emu(), 'http1');
      const err = await rejection(
        client.send(
          new ConverseCommand({
            modelId: HAIKU,
            messages: [{ role: 'robot' as 'user', content: [{ text: 'a' }] }],
            inferenceConfig: { maxTokens: 0, temperature: 1.5 },
          }),
        ),
      );
      assert.equal(err.name, 'ValidationException');
      assert.equal(
        err.message,
        "3 validation errors detected: Value 'robot' at 'messages.1.member.role' failed to satisfy constraint: Member must satisfy enum value set: [user, assistant]; " +
          "Value '0' at 'inferenceConfig.maxTokens' failed to satisfy constraint: Member must have value greater than or equal to 1; " +
          "Value '1.5' at 'inferenceConfig.temperature' failed to satisfy constraint: Member must have value less than or equal to 1",
      );
      const tool = await rejection(
        client.send(
          new ConverseCommand({
            modelId: HAIKU,
            messages: [user('a')],
            toolConfig: { tools: [{ toolSpec: { name: 'get weather', inputSchema: { json: {} } } }] },
          }),
        ),
      );
      assert.equal(
        tool.message,
        "1 validation error detected: Value 'get weather' at 'toolConfig.tools.1.member.toolSpec.name' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_-]+",
      );
      client.destroy();
    });

    it('unions need exactly one member; unknown union members and wrong JSON types are malformed', () => {
      assert.deepEqual(
        violations(
          {
            messages: [{ role: 'user', content: [{ text: 'a', image: { format: 'png', source: { bytes: 'AQID' } } }] }],
          },
          'ConverseRequest',
          { skip: ['modelId'] },
        ),
        [
          `Value '{"text":"a","image":{"format":"png","source":{"bytes":"AQID"}}}' at 'messages.1.member.content.1.member' failed to satisfy constraint: Member must have exactly one member set, found 2`,
        ],
      );
      assert.throws(
        () => violations({ messages: [{ role: 'user', content: [{ picture: {} }] }] }, 'ConverseRequest'),
        /messages\.1\.member\.content\.1\.member\.picture/,
      );
      assert.throws(() => violations({ inferenceConfig: { maxTokens: '5' } }, 'ConverseRequest'));
    });

    it('conversation rules: a user turn first, roles alternating, no empty content', async () => {
      const client = runtimeClient(emu(), 'h2');
      const first = await rejection(
        client.send(
          new ConverseCommand({ modelId: HAIKU, messages: [{ role: 'assistant', content: [{ text: 'a' }] }] }),
        ),
      );
      assert.equal(
        first.message,
        'A conversation must start with a user message. Try again with a conversation that starts with a user message.',
      );
      const alt = await rejection(
        client.send(new ConverseCommand({ modelId: HAIKU, messages: [user('a'), user('b')] })),
      );
      assert.equal(
        alt.message,
        'A conversation must alternate between user and assistant roles. Make sure the conversation alternates between user and assistant roles and try again.',
      );
      const empty = await rejection(
        client.send(new ConverseCommand({ modelId: HAIKU, messages: [{ role: 'user', content: [] }] })),
      );
      assert.equal(
        empty.message,
        'The content field in the Message object at messages.0 is empty. Add a ContentBlock object to the content field and try again.',
      );
      client.destroy();
    });

    it('per-model capabilities: system prompts, images, documents; embeddings are not conversational', async () => {
      const client = runtimeClient(emu(), 'h2');
      const sys = await rejection(
        client.send(new ConverseCommand({ modelId: TITAN, system: [{ text: 's' }], messages: [user('a')] })),
      );
      assert.equal(
        sys.message,
        "This model doesn't support system messages. Try again without a system message or use a model that supports system messages.",
      );
      const image = { image: { format: 'png' as const, source: { bytes: png(4, 4, 1) } } };
      const ok = await client.send(
        new ConverseCommand({
          modelId: HAIKU,
          messages: [{ role: 'user', content: [{ text: 'what is this' }, image] }],
        }),
      );
      assert.equal(ok.output!.message!.content![0].text, 'what is this alpha bravo');
      const noVision = await rejection(
        client.send(
          new ConverseCommand({
            modelId: 'us.anthropic.claude-3-5-haiku-20241022-v1:0',
            messages: [{ role: 'user', content: [{ text: 'a' }, image] }],
          }),
        ),
      );
      assert.equal(
        noVision.message,
        "This model doesn't support the image content block that you provided. Update the content block and try again.",
      );
      const notPng = await rejection(
        client.send(
          new ConverseCommand({
            modelId: HAIKU,
            messages: [
              {
                role: 'user',
                content: [{ text: 'a' }, { image: { format: 'png', source: { bytes: new Uint8Array([1, 2, 3]) } } }],
              },
            ],
          }),
        ),
      );
      assert.match(notPng.message, /messages\.0\.content\.1 isn't a valid png image/);
      const doc = {
        document: { format: 'txt' as const, name: 'notes', source: { bytes: Buffer.from('meeting notes') } },
      };
      const micro = await rejection(
        client.send(
          new ConverseCommand({
            modelId: 'amazon.nova-micro-v1:0',
            messages: [{ role: 'user', content: [{ text: 'sum' }, doc] }],
          }),
        ),
      );
      assert.equal(
        micro.message,
        "This model doesn't support the document content block that you provided. Update the content block and try again.",
      );
      const noText = await rejection(
        client.send(new ConverseCommand({ modelId: HAIKU, messages: [{ role: 'user', content: [doc] }] })),
      );
      assert.match(noText.message, /document block but no text block/);
      const badName = await rejection(
        client.send(
          new ConverseCommand({
            modelId: HAIKU,
            messages: [
              { role: 'user', content: [{ text: 'a' }, { document: { ...doc.document, name: 'notes.txt' } }] },
            ],
          }),
        ),
      );
      assert.match(badName.message, /document name at messages\.0\.content\.1 can only contain/);
      const withDoc = await client.send(
        new ConverseCommand({ modelId: HAIKU, messages: [{ role: 'user', content: [{ text: 'sum' }, doc] }] }),
      );
      assert.ok(withDoc.usage!.inputTokens! > 2, 'the document counts as input');
      const embed = await rejection(
        client.send(new ConverseCommand({ modelId: 'amazon.titan-embed-text-v2:0', messages: [user('a')] })),
      );
      assert.equal(
        embed.message,
        "This action doesn't support the model that you provided. Try again with a supported text or chat model.",
      );
      client.destroy();
    });

    it('model identifiers resolve as for InvokeModel: unknown is 404, on-demand-less bare IDs need a profile', async () => {
      const client = runtimeClient(emu(), 'h2');
      const unknown = await rejection(
        client.send(new ConverseCommand({ modelId: 'anthropic.claude-9-v1:0', messages: [user('a')] })),
      );
      assert.equal(unknown.name, 'ResourceNotFoundException');
      const bare = await rejection(
        client.send(new ConverseCommand({ modelId: 'anthropic.claude-sonnet-4-20250514-v1:0', messages: [user('a')] })),
      );
      assert.match(bare.message, /on-demand throughput isn\u2019t supported/);
      client.destroy();
    });
  });

  describe('prompt caching', () => {
    const long = 'cache me '.repeat(600);
    const cached = (modelId: string, ttl?: '5m' | '1h'): ConverseCommandInput => ({
      modelId,
      system: [{ text: long }, { cachePoint: { type: 'default', ...(ttl ? { ttl } : {}) } }],
      messages: [user('question')],
    });

    it('the first request writes the checkpoint, the next reads it; a changed prefix misses; reset forgets', async () => {
      const client = runtimeClient(emu(), 'h2');
      const write = await client.send(new ConverseCommand(cached(SONNET4)));
      assert.equal(write.usage!.cacheWriteInputTokens, 1350);
      assert.equal(write.usage!.cacheReadInputTokens, 0);
      assert.deepEqual(write.usage!.cacheDetails, [{ ttl: '5m', inputTokens: 1350 }]);
      const read = await client.send(new ConverseCommand(cached(SONNET4)));
      assert.equal(read.usage!.cacheReadInputTokens, 1350);
      assert.equal(read.usage!.cacheWriteInputTokens, 0);
      assert.equal(read.usage!.cacheDetails, undefined);
      assert.equal(read.usage!.inputTokens, write.usage!.inputTokens);
      const changed = await client.send(
        new ConverseCommand({
          ...cached(SONNET4),
          system: [{ text: `${long}!` }, { cachePoint: { type: 'default' } }],
        }),
      );
      assert.equal(changed.usage!.cacheReadInputTokens, 0);
      assert.ok(changed.usage!.cacheWriteInputTokens! > 0);
      emu().reset();
      const again = await client.send(new ConverseCommand(cached(SONNET4)));
      assert.equal(again.usage!.cacheReadInputTokens, 0);
      client.destroy();
    });

    it('a checkpoint under the model minimum is no error and caches nothing; unsupported models and 1h TTLs are refused', async () => {
      const client = runtimeClient(emu(), 'h2');
      const short = await client.send(
        new ConverseCommand({
          modelId: SONNET4,
          system: [{ text: 'short' }, { cachePoint: { type: 'default' } }],
          messages: [user('q')],
        }),
      );
      assert.deepEqual([short.usage!.cacheReadInputTokens, short.usage!.cacheWriteInputTokens], [0, 0]);
      const haiku = await rejection(client.send(new ConverseCommand(cached(HAIKU))));
      assert.equal(
        haiku.message,
        'You invoked an unsupported model or your request did not allow prompt caching. See the documentation for more information.',
      );
      const hour = await rejection(client.send(new ConverseCommand(cached(SONNET4, '1h'))));
      assert.match(hour.message, /cachePoint\.ttl/);
      const ok = await client.send(
        new ConverseCommand({
          ...cached(SONNET45, '1h'),
          messages: [{ role: 'user', content: [{ text: long }, { cachePoint: { type: 'default' } }, { text: 'q' }] }],
        }),
      );
      assert.deepEqual(ok.usage!.cacheDetails, [
        { ttl: '1h', inputTokens: 1350 },
        { ttl: '5m', inputTokens: 1351 },
      ]);
      client.destroy();
    });
  });

  it('structured output: Claude Sonnet 4.5 answers JSON that fits the schema; models without it refuse the field', async () => {
    const client = runtimeClient(emu(), 'h2');
    const schema = JSON.stringify({
      type: 'object',
      properties: {
        answer: { type: 'string' },
        score: { type: 'integer' },
        tags: { type: 'array', items: { type: 'string', enum: ['a', 'b'] } },
      },
      required: ['answer'],
    });
    const outputConfig = {
      textFormat: { type: 'json_schema' as const, structure: { jsonSchema: { schema, name: 'answer' } } },
    };
    const out = await client.send(
      new ConverseCommand({ modelId: SONNET45, messages: [user('rate this')], outputConfig }),
    );
    assert.deepEqual(JSON.parse(out.output!.message!.content![0].text!), {
      answer: 'rate this',
      score: 1,
      tags: ['a'],
    });
    const haiku = await rejection(
      client.send(new ConverseCommand({ modelId: HAIKU, messages: [user('a')], outputConfig })),
    );
    assert.equal(
      haiku.message,
      "This model doesn't support the outputConfig.textFormat field. Remove outputConfig.textFormat and try again.",
    );
    client.destroy();
  });

  it('a Prompt management ARN fills its template from promptVariables and refuses what the prompt carries', async () => {
    const client = runtimeClient(emu(), 'h2');
    const arn = promptArn(PROMPTS[0]);
    const out = await client.send(
      new ConverseCommand({
        modelId: arn,
        promptVariables: { topic: { text: 'SigV4' }, audience: { text: 'new hires' } },
      }),
    );
    assert.equal(out.output!.message!.content![0].text, 'Summarize SigV4 for new hires in one sentence. alpha bravo');
    assert.equal(emu().requests()[0].resolvedModelId, HAIKU);
    const missing = await rejection(
      client.send(new ConverseCommand({ modelId: `${arn}:1`, promptVariables: { topic: { text: 'x' } } })),
    );
    assert.match(missing.message, /missing values for these variables: audience/);
    const sys = await rejection(
      client.send(
        new ConverseCommand({
          modelId: arn,
          system: [{ text: 's' }],
          promptVariables: { topic: { text: 'x' }, audience: { text: 'y' } },
        }),
      ),
    );
    assert.match(sys.message, /The system field can't be used with a prompt/);
    const unknown = await rejection(
      client.send(new ConverseCommand({ modelId: arn.replace('PROMPT0001', 'PROMPT9999'), promptVariables: {} })),
    );
    assert.equal(unknown.name, 'ResourceNotFoundException');
    const stray = await rejection(
      client.send(
        new ConverseCommand({ modelId: HAIKU, messages: [user('a')], promptVariables: { topic: { text: 'x' } } }),
      ),
    );
    assert.match(stray.message, /promptVariables field can only be used with a prompt/);
    client.destroy();
  });

  it('guardrails: the trigger word intervenes (with a trace when asked); service tier and latency are echoed', async () => {
    const client = runtimeClient(emu(), 'h2');
    const out = await client.send(
      new ConverseCommand({
        modelId: HAIKU,
        messages: [user('say GUARDRAIL_TRIGGER')],
        guardrailConfig: { guardrailIdentifier: 'gr1', guardrailVersion: '1', trace: 'enabled' },
        serviceTier: { type: 'priority' },
        performanceConfig: { latency: 'optimized' },
      }),
    );
    assert.equal(out.stopReason, 'guardrail_intervened');
    assert.equal(out.output!.message!.content![0].text, 'Sorry, the model cannot answer this question.');
    assert.ok(out.trace?.guardrail?.inputAssessment?.gr1);
    assert.deepEqual(out.serviceTier, { type: 'priority' });
    assert.deepEqual(out.performanceConfig, { latency: 'optimized' });
    const { events } = await converseStream(client, {
      modelId: HAIKU,
      messages: [user('hi')],
      serviceTier: { type: 'flex' },
    });
    assert.deepEqual(events.at(-1)!.metadata!.serviceTier, { type: 'flex' });
    const noVersion = await rejection(
      client.send(
        new ConverseCommand({ modelId: HAIKU, messages: [user('a')], guardrailConfig: { guardrailIdentifier: 'gr1' } }),
      ),
    );
    assert.equal(noVersion.message, 'Guardrail version is required when a guardrail identifier is specified.');
    client.destroy();
  });

  describe('faults', () => {
    const IN_STREAM: Array<[string, string, 'client' | 'server']> = [
      ['internalServerException', 'InternalServerException', 'server'],
      ['modelStreamErrorException', 'ModelStreamErrorException', 'client'],
      ['validationException', 'ValidationException', 'client'],
      ['throttlingException', 'ThrottlingException', 'client'],
      ['serviceUnavailableException', 'ServiceUnavailableException', 'server'],
    ];
    for (const [fault, name, side] of IN_STREAM) {
      it(`in-stream ${fault}: the events before it arrive, then the loop throws ${name}`, async () => {
        emu().addFault({ fault, afterChunks: 2, operation: 'ConverseStream' });
        const client = runtimeClient(emu(), 'h2');
        const { events, error } = await converseStream(client, { modelId: HAIKU, messages: [user('stream me')] });
        assert.equal(events.length, 2);
        assert.ok(error instanceof (runtime as unknown as Record<string, new () => Error>)[name]);
        assert.equal(error.$fault, side);
        if (fault === 'modelStreamErrorException') assert.equal(error.originalStatusCode, 500);
        assert.equal(emu().requests()[0].errorType, fault);
        client.destroy();
      });
    }

    it('ConverseStream has no in-stream modelTimeoutException: such a fault never fires there', async () => {
      emu().addFault({ fault: 'modelTimeoutException', afterChunks: 1 });
      const client = runtimeClient(emu(), 'h2');
      const { error } = await converseStream(client, { modelId: HAIKU, messages: [user('a')] });
      assert.equal(error, undefined);
      assert.equal(emu().requests()[0].fault, undefined);
      client.destroy();
    });

    it('HTTP faults apply to Converse by default and the SDK retries throttling', async () => {
      emu().addFault({ fault: 'ThrottlingException', count: 2 });
      const client = runtimeClient(emu(), 'h2');
      const out = await client.send(new ConverseCommand({ modelId: HAIKU, messages: [user('a')] }));
      assert.equal(out.$metadata.attempts, 3);
      assert.deepEqual(
        emu()
          .requests()
          .map((r) => r.status),
        [429, 429, 200],
      );
      client.destroy();
    });
  });
});
