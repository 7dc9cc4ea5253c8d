// A server that stalls or never stops, in the real extension host: bedrock.endpoint points at the hostile loopback
// server (test/harness/hostileServer.ts), a request file runs, and what the user sees is the classified message
// (diagnostic on the request, footer in the Output channel, note in the answer document) with the partial answer kept.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { goodText, startHostileServer, type HostileServer } from '../harness/hostileServer';
import { cleanSlate, outputChannelText, until } from './support/workbench';
import { diagnosticsOf, HAIKU, openRequestFile, runRequest } from './diagnosticsSupport';

describe('Hostile streams in the extension host', function () {
  this.timeout(60_000);
  let server: HostileServer;
  const slate = cleanSlate({ settings: { 'bedrock.stream': true } });

  before(async () => {
    server = await startHostileServer();
  });
  after(() => server.close());

  it('a stream that goes silent: "the stream stalled" after bedrock.streamIdleTimeoutSeconds, the partial answer kept in the Output channel', async () => {
    await slate.settings({
      'bedrock.endpoint': server.url,
      'bedrock.streamIdleTimeoutSeconds': 1,
      'bedrock.output': 'outputChannel',
    });
    server.use('stall', { goodChunks: 2 });
    const document = await openRequestFile('stalled.bedrock.json', { modelId: HAIKU, prompt: 'Stall, please' });
    const started = Date.now();
    const report = await runRequest(document);
    assert.equal(report.outcome, 'failed');
    assert.ok(Date.now() - started < 10_000, 'not waited on for long');
    const [diagnostic] = await diagnosticsOf(document.uri);
    assert.match(
      diagnostic.message,
      /The stream stalled: no byte arrived for 1\.0 s after 2 events \([^)]+\), so the request was aborted\./,
    );
    assert.match(diagnostic.message, /It got 2 chunks \(\d+ characters\) into the answer; that partial answer is kept/);
    assert.match(diagnostic.message, /raise the setting bedrock\.streamIdleTimeoutSeconds/);
    assert.deepEqual(await server.closed(), { aborted: true }, 'the request was aborted');
    const output = await until('the footer in the Output channel', async () => {
      const text = await outputChannelText();
      return text.includes('StreamStalledError') ? text : undefined;
    });
    assert.ok(output.includes(`${goodText(1)}${goodText(2)}`), 'the partial answer is in the Output channel');
    assert.match(output, /✖ StreamStalledError after 2 chunk\(s\); the text above is incomplete: The stream stalled/);
  });

  it('an endless stream stops at bedrock.maxAnswerSizeMiB: the answer document keeps exactly the limit and says why it ended', async () => {
    await slate.settings({
      'bedrock.endpoint': server.url,
      'bedrock.maxAnswerSizeMiB': 1,
      'bedrock.output': 'newDocument',
    });
    server.use('endless', { goodChunks: 0, chunkChars: 16 * 1024 });
    const document = await openRequestFile('endless.bedrock.json', { modelId: HAIKU, prompt: 'Never stop' });
    const report = await runRequest(document);
    assert.equal(report.outcome, 'failed');
    const [diagnostic] = await diagnosticsOf(document.uri);
    assert.match(
      diagnostic.message,
      /The answer reached the answer-size limit of 1\.0 MiB of text, so the stream was stopped and the request aborted\./,
    );
    assert.match(diagnostic.message, /raise the setting bedrock\.maxAnswerSizeMiB/);
    assert.deepEqual(await server.closed(), { aborted: true }, 'the request was aborted');
    const answer = await until('the answer document with its note', () =>
      vscode.workspace.textDocuments.find((d) => d.languageId === 'markdown' && d.getText().includes('_(incomplete:')),
    );
    const text = answer.getText();
    const kept = text.slice(0, text.indexOf('\n\n_(incomplete:'));
    assert.equal(kept.length, 1024 * 1024, 'the answer up to the limit is kept');
    assert.match(text, /_\(incomplete: The answer reached the answer-size limit/);
  });
});
