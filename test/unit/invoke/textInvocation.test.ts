// The editor-independent invocation pipeline against the emulator, through the real SDK.
import * as assert from 'node:assert/strict';
import { BedrockClients } from '../../../src/core/bedrock';
import { runTextInvocation, type TextSink } from '../../../src/core/invoke/textInvocation';
import { getFamily } from '../../../src/core/models';
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

async function waitFor<T>(what: string, probe: () => T | undefined, timeoutMs = 3000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('runTextInvocation', () => {
  let emulator: RunningEmulator;
  let files: AwsFiles;
  let clients: BedrockClients;
  let connection: { profile: string; endpoint: string };
  const anthropic = getFamily('anthropic');
  const request = (prompt: string, modelId = 'anthropic.claude-3-haiku-20240307-v1:0') => ({
    modelId,
    body: JSON.stringify(anthropic.buildBody({ prompt })),
    contentType: 'application/json',
    accept: 'application/json',
  });

  before(async () => {
    emulator = await startEmulator();
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
  beforeEach(() => {
    emulator.reset();
    emulator.configure({ pacing: { chunksPerSecond: 0, firstByteDelayMs: 0 } });
  });

  it('streams the answer into the sink, which ends equal to the model text, with stop reason, usage and timing', async () => {
    const sink = new CollectingSink();
    const result = await runTextInvocation({
      caller: clients,
      connection,
      request: request('Stream me, please'),
      family: anthropic,
      stream: true,
      sink,
    });
    assert.equal(result.outcome, 'completed', String(result.error));
    assert.equal(result.streamed, true);
    assert.ok(sink.text.includes('Stream me, please'));
    assert.equal(sink.text, result.text);
    assert.equal(result.stopReason, 'end_turn');
    assert.ok((result.usage.inputTokens ?? 0) > 0 && (result.usage.outputTokens ?? 0) > 0);
    assert.ok(result.firstTextMs !== undefined && result.firstTextMs <= result.totalMs);
    assert.equal(emulator.requests()[0].operation, 'InvokeModelWithResponseStream');
  });

  it('reads what the service adds to the answer once: invocation metrics and the guardrail action, streamed or not', async () => {
    for (const stream of [true, false]) {
      const guarded = {
        ...request('Tell me GUARDRAIL_TRIGGER'),
        guardrailIdentifier: 'grunittest01',
        guardrailVersion: '1',
      };
      const blocked = await runTextInvocation({
        caller: clients,
        connection,
        request: guarded,
        family: anthropic,
        stream,
        sink: new CollectingSink(),
      });
      assert.equal(blocked.outcome, 'completed', String(blocked.error));
      assert.equal(blocked.metadata.guardrailAction, 'INTERVENED', `stream ${stream}`);
      const allowed = await runTextInvocation({
        caller: clients,
        connection,
        request: { ...guarded, ...request('Tell me a fact') },
        family: anthropic,
        stream,
        sink: new CollectingSink(),
      });
      assert.equal(allowed.metadata.guardrailAction, 'NONE', `stream ${stream}`);
      const plain = await runTextInvocation({
        caller: clients,
        connection,
        request: request('No guardrail'),
        family: anthropic,
        stream,
        sink: new CollectingSink(),
      });
      assert.equal(plain.metadata.guardrailAction, undefined, `stream ${stream}: no guardrail ran`);
      assert.ok(
        (plain.metadata.inputTokenCount ?? 0) > 0 && (plain.metadata.outputTokenCount ?? 0) > 0,
        `stream ${stream}: metrics ${JSON.stringify(plain.metadata)}`,
      );
    }
  });

  it('uses InvokeModel when streaming is off, with token counts from the response', async () => {
    const sink = new CollectingSink();
    const result = await runTextInvocation({
      caller: clients,
      connection,
      request: request('Whole answer'),
      family: anthropic,
      stream: false,
      sink,
    });
    assert.equal(result.outcome, 'completed', String(result.error));
    assert.equal(result.streamed, false);
    assert.ok(sink.text.includes('Whole answer'));
    assert.ok(result.metadata.requestId);
    assert.ok((result.usage.outputTokens ?? 0) > 0);
    assert.equal(emulator.requests()[0].operation, 'InvokeModel');
  });

  it('uses InvokeModel for a family that does not stream even when streaming is asked for', async () => {
    const embed = getFamily('titan-embed');
    const result = await runTextInvocation({
      caller: clients,
      connection,
      request: { modelId: 'amazon.titan-embed-text-v2:0', body: JSON.stringify(embed.buildBody({ prompt: 'vector' })) },
      family: embed,
      stream: true,
      sink: new CollectingSink(),
    });
    assert.equal(result.outcome, 'completed', String(result.error));
    assert.equal(emulator.requests()[0].operation, 'InvokeModel');
  });

  it('shows DeepSeek reasoning apart from the answer', async () => {
    const deepseek = getFamily('deepseek');
    const sink = new CollectingSink();
    const result = await runTextInvocation({
      caller: clients,
      connection,
      request: { modelId: 'us.deepseek.r1-v1:0', body: JSON.stringify(deepseek.buildBody({ prompt: 'Think first' })) },
      family: deepseek,
      stream: true,
      sink,
    });
    assert.equal(result.outcome, 'completed', String(result.error));
    assert.ok(sink.reasoning.length > 0, 'reasoning streamed apart');
    assert.ok(!sink.text.includes('</think>'));
    assert.ok(sink.text.includes('Think first'));
  });

  it('aborts the HTTP request on cancel: the emulator records it aborted and the partial text stays', async () => {
    emulator.configure({ fillerTokens: 400, pacing: { chunksPerSecond: 50 } });
    const abort = new AbortController();
    const sink = new CollectingSink();
    const result = await runTextInvocation({
      caller: clients,
      connection,
      request: request('Cancel me'),
      family: anthropic,
      stream: true,
      sink,
      signal: abort.signal,
      onProgress: (chunks) => {
        if (chunks === 3) abort.abort();
      },
    });
    assert.equal(result.outcome, 'cancelled');
    assert.ok(sink.text.length > 0);
    assert.equal(sink.text, result.text);
    const record = await waitFor('the aborted record', () => emulator.requests().find((r) => r.aborted));
    assert.equal(record.completed, false);
    emulator.configure({ fillerTokens: 8 });
  });

  it('keeps the partial text when the stream fails midway, and reports the in-stream error', async () => {
    emulator.addFault({ fault: 'modelStreamErrorException', afterChunks: 3 });
    const sink = new CollectingSink();
    const result = await runTextInvocation({
      caller: clients,
      connection,
      request: request('Fail midway'),
      family: anthropic,
      stream: true,
      sink,
    });
    assert.equal(result.outcome, 'failed');
    assert.equal((result.error as Error).name, 'ModelStreamErrorException');
    assert.equal(sink.text, result.text);
  });

  it('reports an HTTP error before any text as failed with no text', async () => {
    emulator.addFault({ fault: 'AccessDeniedException' });
    const sink = new CollectingSink();
    const result = await runTextInvocation({
      caller: clients,
      connection,
      request: request('Denied'),
      family: anthropic,
      stream: true,
      sink,
    });
    assert.equal(result.outcome, 'failed');
    assert.equal((result.error as Error).name, 'AccessDeniedException');
    assert.equal(sink.text, '');
  });
});
