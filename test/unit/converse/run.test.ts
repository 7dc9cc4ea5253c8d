// The editor-independent Converse path against the emulator, through the real SDK and the client pool.
import * as assert from 'node:assert/strict';
import { BedrockClients } from '../../../src/core/bedrock';
import { runConverse, toolUseHeader, type ConverseEvent, type ConverseInput } from '../../../src/core/converse';
import type { TextSink } from '../../../src/core/invoke/textInvocation';
import { startEmulator, type RunningEmulator } from '../../emulator';
import { cleanEnv, writeAwsFiles, type AwsFiles } from '../bedrock/awsFiles';

class CollectingSink implements TextSink {
  text = '';
  reasoning = '';
  append(text: string): void {
    this.text += text;
  }
  appendReasoning(text: string): void {
    this.reasoning += text;
  }
}

const HAIKU = 'anthropic.claude-3-haiku-20240307-v1:0';
const SONNET4 = 'us.anthropic.claude-sonnet-4-20250514-v1:0';
const user = (text: string) => ({ role: 'user' as const, content: [{ text }] });
const WEATHER = {
  tools: [
    {
      toolSpec: {
        name: 'get_weather',
        inputSchema: { json: { type: 'object', properties: { city: { type: 'string' } } } },
      },
    },
  ],
};

describe('Converse in core: converseStream events and runConverse', () => {
  let emulator: RunningEmulator;
  let files: AwsFiles;
  let clients: BedrockClients;
  let connection: { profile: string; endpoint: string };

  before(async () => {
    emulator = await startEmulator({ fillerTokens: 2 });
    files = writeAwsFiles();
    clients = new BedrockClients({
      env: cleanEnv(),
      configFile: files.configFile,
      credentialsFile: files.credentialsFile,
      maxAttempts: 1,
    });
    connection = { profile: 'default', endpoint: emulator.url };
  });
  after(async () => {
    clients.dispose();
    files.remove();
    await emulator.close();
  });
  beforeEach(() => emulator.reset());

  it('converseStream yields text deltas, a tool call as it arrives and complete, the stop reason and the metadata, in order', async () => {
    const { events, metadata } = await clients.converseStream(connection, {
      modelId: HAIKU,
      messages: [user('Weather in Paris?')],
      toolConfig: WEATHER,
    });
    const seen: ConverseEvent[] = [];
    for await (const e of events) seen.push(e);
    assert.deepEqual(
      seen.map((e) => e.type),
      ['text', 'text', 'toolUseStart', 'toolInput', 'toolInput', 'toolUse', 'stop', 'metadata'],
    );
    assert.equal(
      seen
        .filter((e) => e.type === 'text')
        .map((e) => (e as { text: string }).text)
        .join(''),
      'Calling get_weather.',
    );
    const call = seen.find((e) => e.type === 'toolUse') as Extract<ConverseEvent, { type: 'toolUse' }>;
    assert.equal(call.toolUse.name, 'get_weather');
    assert.deepEqual(call.toolUse.input, { city: 'emulator' });
    assert.equal((seen.find((e) => e.type === 'stop') as { stopReason: string }).stopReason, 'tool_use');
    const meta = seen.at(-1) as Extract<ConverseEvent, { type: 'metadata' }>;
    assert.equal(typeof meta.latencyMs, 'number');
    assert.equal(metadata.requestId, emulator.requests()[0].requestId);
    assert.equal(metadata.invocationLatencyMs, meta.latencyMs);
  });

  for (const stream of [true, false]) {
    it(`runConverse (${stream ? 'ConverseStream' : 'Converse'}): reasoning apart, text, usage and metrics in the result`, async () => {
      const sink = new CollectingSink();
      const input: ConverseInput = {
        modelId: SONNET4,
        messages: [user('think about it')],
        inferenceConfig: { maxTokens: 2048 },
        additionalModelRequestFields: { thinking: { type: 'enabled', budget_tokens: 1024 } },
        serviceTier: { type: 'priority' },
      };
      const result = await runConverse({ caller: clients, connection, input, stream, sink });
      assert.equal(result.outcome, 'completed', String(result.error));
      assert.equal(result.text, 'think about it alpha bravo');
      assert.equal(sink.text, result.text);
      assert.match(result.reasoning, /repeat/);
      assert.equal(sink.reasoning, result.reasoning);
      assert.equal(result.stopReason, 'end_turn');
      assert.equal(result.streamed, stream);
      assert.equal(result.serviceTier, 'priority');
      assert.equal(result.metadata.serviceTier, 'priority');
      assert.ok(result.usage.inputTokens! > 0 && result.usage.outputTokens! > 0);
      assert.equal(typeof result.metadata.invocationLatencyMs, 'number');
      assert.equal(emulator.requests()[0].operation, stream ? 'ConverseStream' : 'Converse');
      if (!stream) assert.equal(result.rawBody?.stopReason, 'end_turn');
    });

    it(`runConverse (${stream ? 'ConverseStream' : 'Converse'}): a tool call is written into the text output and returned parsed`, async () => {
      const sink = new CollectingSink();
      const result = await runConverse({
        caller: clients,
        connection,
        input: { modelId: HAIKU, messages: [user('Weather?')], toolConfig: { ...WEATHER, toolChoice: { any: {} } } },
        stream,
        sink,
      });
      assert.equal(result.stopReason, 'tool_use');
      assert.equal(result.toolUses.length, 1);
      const [call] = result.toolUses;
      assert.deepEqual(call.input, { city: 'emulator' });
      const header = toolUseHeader('get_weather', call.toolUseId);
      assert.ok(sink.text.startsWith(header), sink.text);
      assert.deepEqual(JSON.parse(sink.text.slice(header.length)), { city: 'emulator' });
    });
  }

  it('prompt caching: cache read/write tokens reach the result', async () => {
    const input: ConverseInput = {
      modelId: SONNET4,
      system: [{ text: 'cache me '.repeat(600) }, { cachePoint: { type: 'default' } }],
      messages: [user('q')],
    };
    const first = await runConverse({ caller: clients, connection, input, stream: true, sink: new CollectingSink() });
    const second = await runConverse({ caller: clients, connection, input, stream: false, sink: new CollectingSink() });
    assert.deepEqual([first.usage.cacheWriteInputTokens, first.usage.cacheReadInputTokens], [1350, 0]);
    assert.deepEqual([second.usage.cacheWriteInputTokens, second.usage.cacheReadInputTokens], [0, 1350]);
    assert.deepEqual(first.converseUsage.cacheDetails, [{ ttl: '5m', inputTokens: 1350 }]);
  });

  it("structured output: the answer is checked against outputConfig's schema", async () => {
    const schema = JSON.stringify({ type: 'object', properties: { answer: { type: 'string' } }, required: ['answer'] });
    const result = await runConverse({
      caller: clients,
      connection,
      stream: true,
      sink: new CollectingSink(),
      input: {
        modelId: 'us.anthropic.claude-sonnet-4-5-20250929-v1:0',
        messages: [user('x')],
        outputConfig: { textFormat: { type: 'json_schema', structure: { jsonSchema: { schema } } } },
      },
    });
    assert.deepEqual(result.structuredOutput, { ok: true, value: { answer: 'x' } });
  });

  it('an in-stream exception fails the run after the text before it, which the result keeps', async () => {
    emulator.addFault({ fault: 'throttlingException', afterChunks: 3, operation: 'ConverseStream' });
    const sink = new CollectingSink();
    const result = await runConverse({
      caller: clients,
      connection,
      input: { modelId: HAIKU, messages: [user('one two three four')] },
      stream: true,
      sink,
    });
    assert.equal(result.outcome, 'failed');
    assert.equal((result.error as Error).name, 'ThrottlingException');
    assert.equal(result.text, 'one two ');
    assert.equal(sink.text, 'one two ');
  });

  it("a validation error fails the run with the SDK's error, nothing written", async () => {
    const sink = new CollectingSink();
    const result = await runConverse({
      caller: clients,
      connection,
      input: { modelId: 'amazon.titan-text-express-v1', system: [{ text: 's' }], messages: [user('a')] },
      stream: true,
      sink,
    });
    assert.equal(result.outcome, 'failed');
    assert.equal((result.error as Error).name, 'ValidationException');
    assert.match((result.error as Error).message, /doesn't support system messages/);
    assert.equal(sink.text, '');
  });

  it('aborting mid-stream cancels the run, keeps the partial text and resets the stream', async () => {
    emulator.configure({ pacing: { chunks: 2000, chunksPerSecond: 200 } });
    try {
      const controller = new AbortController();
      const sink = new CollectingSink();
      const result = await runConverse({
        caller: clients,
        connection,
        input: { modelId: HAIKU, messages: [user('long')] },
        stream: true,
        sink,
        signal: controller.signal,
        onProgress: (n) => {
          if (n === 5) controller.abort();
        },
      });
      assert.equal(result.outcome, 'cancelled');
      assert.ok(result.text.length > 0 && result.textChunks < 2000);
      const deadline = Date.now() + 3000;
      while (!emulator.requests()[0].aborted && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      assert.equal(emulator.requests()[0].aborted, true);
    } finally {
      emulator.configure({ pacing: { chunks: 0, chunksPerSecond: 0 } });
    }
  });

  it('countTokens returns the count CountTokens gives for a Converse input, sending nothing to the model', async () => {
    const n = await clients.countTokens(connection, HAIKU, {
      converse: { messages: [user('count these words please')] },
    });
    const charged = await clients.converse(connection, {
      modelId: HAIKU,
      messages: [user('count these words please')],
    });
    assert.equal(n, charged.response.usage?.inputTokens);
    assert.deepEqual(
      emulator.requests().map((r) => r.operation),
      ['CountTokens', 'Converse'],
    );
  });
});
