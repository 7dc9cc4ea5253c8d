// A misbehaving server, through the real client: BedrockClients and the AWS SDK's runtime client (HTTP/2 over
// loopback) against test/harness/hostileServer.ts. Every malformed, silent or endless stream ends with its own
// classified problem, within the limits, with the partial answer kept; Cancel still aborts at once.
import * as assert from 'node:assert/strict';
import { BedrockClients } from '../../../src/core/bedrock';
import { runConverse } from '../../../src/core/converse';
import { classify } from '../../../src/core/errors';
import { runTextInvocation, type TextInvocationResult, type TextSink } from '../../../src/core/invoke/textInvocation';
import { getFamily } from '../../../src/core/models';
import { goodText, startHostileServer, type HostileScenario, type HostileServer } from '../../harness/hostileServer';
import { cleanEnv, writeAwsFiles, type AwsFiles } from './awsFiles';

class CollectingSink implements TextSink {
  text = '';
  append(text: string): void {
    this.text += text;
  }
  appendReasoning(text: string): void {
    this.text += text;
  }
}

const RAW_JS =
  /SyntaxError|Unexpected token|RangeError|TypeError|Invalid string length|is not valid JSON at|undefined|\[object/;
const MODEL = 'anthropic.claude-3-haiku-20240307-v1:0';
const anthropic = getFamily('anthropic');
const request = { modelId: MODEL, body: JSON.stringify(anthropic.buildBody({ prompt: 'Hello' })) };
const partialOf = (chunks: number) => Array.from({ length: chunks }, (_, i) => goodText(i + 1)).join('');

describe('hostile server: malformed, silent and endless streams through the real client', function () {
  this.timeout(20_000);
  let server: HostileServer;
  let files: AwsFiles;
  let clients: BedrockClients;
  let connection: { profile: string; endpoint: string };

  before(async () => {
    server = await startHostileServer();
    files = writeAwsFiles();
    clients = new BedrockClients({
      env: cleanEnv(),
      configFile: files.configFile,
      credentialsFile: files.credentialsFile,
      maxAttempts: 1,
    });
    connection = { profile: 'default', endpoint: server.url };
  });
  after(async () => {
    clients.dispose();
    files.remove();
    await server.close();
  });

  async function invoke(
    limits = {},
    signal?: AbortSignal,
  ): Promise<{ result: TextInvocationResult; sink: CollectingSink; ms: number }> {
    const sink = new CollectingSink();
    const started = performance.now();
    const result = await runTextInvocation({
      caller: clients,
      connection,
      request,
      family: anthropic,
      stream: true,
      sink,
      signal,
      limits,
    });
    return { result, sink, ms: performance.now() - started };
  }

  const malformed: Array<[HostileScenario, RegExp]> = [
    ['badPreludeCrc', /event 4 has a wrong prelude checksum/],
    ['badMessageCrc', /event 4 has a wrong message checksum/],
    ['nonJsonChunk', /chunk 4 is not JSON/],
    ['invalidBase64', /the payload of event 4 is not valid base64/],
    ['nonJsonEventBody', /the body of event 4 \(chunk\) is not valid JSON/],
    ['truncated', /the stream ended in the middle of an event/],
  ];
  for (const [scenario, reason] of malformed) {
    it(`${scenario}: "the stream broke" after 3 events, in plain words, with the 3 chunks kept`, async () => {
      server.use(scenario, { goodChunks: 3 });
      const { result, sink } = await invoke();
      assert.equal(result.outcome, 'failed');
      const problem = classify(result.error);
      assert.equal(problem.kind, 'streamBroken');
      assert.match(problem.message, /^The response stream broke after 3 events \(\d+(\.\d)? (bytes|KiB)\): /);
      assert.match(problem.message, reason);
      assert.doesNotMatch(problem.message, RAW_JS);
      assert.deepEqual(problem.fixes, ['retry', 'openSettings']);
      assert.equal(result.text, partialOf(3));
      assert.equal(sink.text, partialOf(3));
    });
  }

  it('a broken first event fails the call itself, classified the same way', async () => {
    server.use('badMessageCrc', { goodChunks: 0 });
    const { result } = await invoke();
    const problem = classify(result.error);
    assert.equal(problem.kind, 'streamBroken');
    assert.match(problem.message, /broke after 0 events .*event 1 has a wrong message checksum/);
  });

  it('ConverseStream: a non-JSON event body and a bad CRC are "the stream broke" too', async () => {
    for (const [scenario, reason] of [
      ['nonJsonEventBody', /the body of event 3 \(contentBlockDelta\) is not valid JSON/],
      ['badPreludeCrc', /event 3 has a wrong prelude checksum/],
    ] as const) {
      server.use(scenario, { goodChunks: 2, converse: true });
      const sink = new CollectingSink();
      const result = await runConverse({
        caller: clients,
        connection,
        input: { modelId: MODEL, messages: [{ role: 'user', content: [{ text: 'Hi' }] }] },
        stream: true,
        sink,
      });
      const problem = classify(result.error);
      assert.equal(problem.kind, 'streamBroken', scenario);
      assert.match(problem.message, reason);
      assert.equal(result.text, partialOf(2));
    }
  });

  it('a frame that declares 4 GiB is refused from its prelude: the answer-size problem, nothing allocated, request aborted', async () => {
    server.use('hugeFrame', { goodChunks: 3 });
    const before = process.memoryUsage().arrayBuffers;
    const { result, ms } = await invoke();
    const problem = classify(result.error);
    assert.equal(problem.kind, 'answerTooLarge');
    assert.match(
      problem.message,
      /A single event of 4096\.0 MiB is more than the answer-size limit of 32\.0 MiB allows/,
    );
    assert.equal(result.text, partialOf(3));
    assert.ok(process.memoryUsage().arrayBuffers - before < 64 * 1024 * 1024, 'no memory was set aside for the frame');
    assert.deepEqual(await server.closed(), { aborted: true });
    assert.ok(ms < 2000, `took ${ms} ms`);
  });

  it('an endless stream stops at the answer-size limit: the text up to the limit kept, the request aborted, the problem says so', async () => {
    server.use('endless', { goodChunks: 0, chunkChars: 16 * 1024 });
    const limit = 1024 * 1024;
    const { result, sink } = await invoke({ maxAnswerChars: limit });
    assert.equal(result.outcome, 'failed');
    const problem = classify(result.error);
    assert.equal(problem.kind, 'answerTooLarge');
    assert.match(
      problem.message,
      /reached the answer-size limit of 1\.0 MiB of text, so the stream was stopped and the request aborted/,
    );
    assert.match(problem.hint, /bedrock\.maxAnswerSizeMiB/);
    assert.equal(result.text.length, limit, 'exactly the limit is kept');
    assert.equal(sink.text.length, limit);
    assert.deepEqual(await server.closed(), { aborted: true }, 'the server saw the request aborted');
  });

  it('ConverseStream: an endless stream stops at the answer-size limit and a silent one stalls, partial text kept', async () => {
    const input = { modelId: MODEL, messages: [{ role: 'user' as const, content: [{ text: 'Hi' }] }] };
    server.use('endless', { goodChunks: 1, chunkChars: 8 * 1024, converse: true });
    const endless = await runConverse({
      caller: clients,
      connection,
      input,
      stream: true,
      sink: new CollectingSink(),
      limits: { maxAnswerChars: 100_000 },
    });
    assert.equal(classify(endless.error).kind, 'answerTooLarge');
    assert.equal(endless.text.length, 100_000);
    assert.ok(endless.text.startsWith(goodText(1)));
    assert.deepEqual(await server.closed(), { aborted: true });
    server.use('stall', { goodChunks: 1, converse: true });
    const stalled = await runConverse({
      caller: clients,
      connection,
      input,
      stream: true,
      sink: new CollectingSink(),
      limits: { idleTimeoutMs: 300 },
    });
    assert.equal(classify(stalled.error).kind, 'streamStalled');
    assert.equal(stalled.text, goodText(1));
  });

  it('headers, some chunks, then silence: "the stream stalled" after the idle timeout, the partial answer kept', async () => {
    server.use('stall', { goodChunks: 2 });
    const { result, ms } = await invoke({ idleTimeoutMs: 400 });
    const problem = classify(result.error);
    assert.equal(problem.kind, 'streamStalled');
    assert.match(problem.message, /^The stream stalled: no byte arrived for 0\.4 s after 2 events \(/);
    assert.match(problem.hint, /bedrock\.streamIdleTimeoutSeconds/);
    assert.equal(result.text, partialOf(2));
    assert.ok(ms >= 390 && ms < 1500, `ended after ${ms} ms`);
    assert.deepEqual(await server.closed(), { aborted: true });
  });

  it('a server that never answers (no headers): stalled before any byte, within the timeout', async () => {
    server.use('silent');
    const { result, ms } = await invoke({ idleTimeoutMs: 300 });
    const problem = classify(result.error);
    assert.equal(problem.kind, 'streamStalled');
    assert.match(problem.message, /before any byte of the answer arrived/);
    assert.ok(ms >= 290 && ms < 1500, `ended after ${ms} ms`);
  });

  it('headers and then nothing: stalled too', async () => {
    server.use('stall', { goodChunks: 0 });
    const { result } = await invoke({ idleTimeoutMs: 300 });
    assert.equal(classify(result.error).kind, 'streamStalled');
  });

  it('a steady stream is not stalled by a short idle timeout (the clock restarts with every byte)', async () => {
    server.use('hugeChunk', { goodChunks: 5, chunkChars: 2_000_000 });
    const { result } = await invoke({ idleTimeoutMs: 250 });
    assert.equal(result.outcome, 'completed', String(result.error));
    assert.equal(result.stopReason, 'end_turn');
    assert.equal(result.text.length, partialOf(5).length + 2_000_000);
  });

  for (const scenario of ['endless', 'stall', 'silent'] as const) {
    it(`Cancel aborts a ${scenario} stream within 100 ms`, async () => {
      server.use(scenario, { goodChunks: 2 });
      const abort = new AbortController();
      const running = invoke({}, abort.signal);
      await new Promise((r) => setTimeout(r, 150));
      const cancelled = performance.now();
      abort.abort();
      const { result } = await running;
      const ms = performance.now() - cancelled;
      assert.equal(result.outcome, 'cancelled');
      assert.ok(ms < 100, `took ${ms.toFixed(1)} ms`);
      assert.deepEqual(await server.closed(), { aborted: true });
    });
  }
});
