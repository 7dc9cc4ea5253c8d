// Bedrock errors as diagnostics on request files, in the real extension host against the emulator: the emulator
// (or a fault it injects) refuses a request, the diagnostic appears on the JSON node the error names, VS Code's
// code-action command offers the fixes, applying one makes the edit, and the next run succeeds and clears it.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { emulator } from './support/emulator';
import { cleanSlate, until, withSettings } from './support/workbench';
import {
  apply,
  bedrockDiagnostics,
  diagnosticsOf,
  HAIKU,
  HAIKU_35,
  jsonOf,
  nodeText,
  noDiagnostics,
  NOVA,
  OPUS,
  openRequestFile,
  quickFixes,
  runRequest,
  textOf,
  titles,
} from './diagnosticsSupport';

const USER = { role: 'user', content: 'Hello from the diagnostics test' };
/** A native body: a model ID of no known family is sent as is (a "prompt" would be refused before sending). */
const CLAUDE_BODY = { anthropic_version: 'bedrock-2023-05-31', max_tokens: 50, messages: [USER] };

describe('Diagnostics on request files', () => {
  cleanSlate({
    emulator: { fillerTokens: 4, pacing: { chunksPerSecond: 0, firstByteDelayMs: 0 } },
    settings: { 'bedrock.modelId': NOVA, 'bedrock.output': 'outputChannel', 'bedrock.stream': true },
  });

  it('puts each missing key on the body object, inserts it, and a rerun succeeds and clears the diagnostics', async () => {
    const document = await openRequestFile('missing.bedrock.json', { modelId: HAIKU, body: { messages: [USER] } });
    const report = await runRequest(document);
    assert.equal(report.outcome, 'failed');

    const diagnostics = await diagnosticsOf(document.uri, 2);
    const body = textOf(document, diagnostics[0].range);
    assert.ok(body.startsWith('{') && body.includes('"messages"'), `on the body object: ${body}`);
    assert.ok(diagnostics[1].range.isEqual(diagnostics[0].range));
    assert.match(diagnostics[0].message, /needs the key "max_tokens".*#: required key \[max_tokens\] not found/);
    assert.match(diagnostics[1].message, /anthropic_version/);
    assert.equal(diagnostics[0].code, 'ValidationException');
    assert.equal(diagnostics[0].severity, vscode.DiagnosticSeverity.Error);

    await apply(await quickFixes(document.uri, diagnostics[0]), 'Insert "max_tokens": 1024');
    assert.equal((jsonOf(document).body as Record<string, unknown>).max_tokens, 1024);
    // The other violation still holds: its diagnostic stays until it is fixed too.
    const [left] = await diagnosticsOf(document.uri, 1);
    assert.match(left.message, /anthropic_version/);
    await apply(await quickFixes(document.uri, left), 'Insert "anthropic_version": "bedrock-2023-05-31"');
    assert.equal((jsonOf(document).body as Record<string, unknown>).anthropic_version, 'bedrock-2023-05-31');

    assert.equal((await runRequest(document)).outcome, 'completed');
    await noDiagnostics(document.uri);
  });

  it("puts an extraneous key on the key and renames it to the family's spelling (Titan's maxTokenCount for Nova)", async () => {
    const document = await openRequestFile('extraneous.bedrock.json', {
      modelId: NOVA,
      body: { messages: [{ role: 'user', content: [{ text: 'Hello' }] }], inferenceConfig: { maxTokenCount: 100 } },
    });
    await runRequest(document);
    const [diagnostic] = await diagnosticsOf(document.uri);
    assert.equal(textOf(document, diagnostic.range), '"maxTokenCount"');
    assert.match(diagnostic.message, /This model spells it "maxTokens"/);
    const fixes = await quickFixes(document.uri, diagnostic);
    assert.deepEqual(titles(fixes).slice(0, 2), ['Rename "maxTokenCount" to "maxTokens"', 'Remove "maxTokenCount"']);
    assert.ok(fixes[0].isPreferred);

    await apply(fixes, 'Rename "maxTokenCount" to "maxTokens"');
    assert.deepEqual((jsonOf(document).body as Record<string, unknown>).inferenceConfig, { maxTokens: 100 });
    await noDiagnostics(document.uri);
    assert.equal((await runRequest(document)).outcome, 'completed');
    assert.equal(bedrockDiagnostics(document.uri).length, 0);
  });

  it('removes a key another family uses (Converse-style inferenceConfig sent to Claude)', async () => {
    const document = await openRequestFile('remove.bedrock.json', {
      modelId: HAIKU,
      body: {
        anthropic_version: 'bedrock-2023-05-31',
        max_tokens: 50,
        messages: [USER],
        inferenceConfig: { maxTokens: 50 },
      },
    });
    await runRequest(document);
    const [diagnostic] = await diagnosticsOf(document.uri);
    assert.equal(textOf(document, diagnostic.range), '"inferenceConfig"');
    await apply(await quickFixes(document.uri, diagnostic), 'Remove "inferenceConfig"');
    assert.equal('inferenceConfig' in (jsonOf(document).body as Record<string, unknown>), false);
    assert.equal((await runRequest(document)).outcome, 'completed');
  });

  it('puts a #/messages/1/content violation on that node and says what is expected', async () => {
    const document = await openRequestFile('nested.bedrock.json', {
      modelId: HAIKU,
      body: {
        anthropic_version: 'bedrock-2023-05-31',
        max_tokens: 50,
        messages: [USER, { role: 'assistant', content: [] }],
      },
    });
    await runRequest(document);
    const diagnostics = await diagnosticsOf(document.uri, 2);
    const content = document.getText().lastIndexOf('[]');
    for (const d of diagnostics) assert.equal(document.offsetAt(d.range.start), content, 'on messages[1].content');
    assert.match(diagnostics[1].message, /"messages\.1\.content" must be a string, not an array/);

    // Fixing it by hand: the edit of that node clears the diagnostics, and the rerun succeeds.
    const edit = new vscode.WorkspaceEdit();
    edit.replace(document.uri, diagnostics[0].range, '"Sure."');
    await vscode.workspace.applyEdit(edit);
    await noDiagnostics(document.uri);
    assert.equal((await runRequest(document)).outcome, 'completed');
  });

  it('puts body errors of a "prompt" request on the prompt', async () => {
    const document = await openRequestFile('prompt.bedrock.json', {
      modelId: NOVA,
      prompt: 'Hello there',
      stream: false,
    });
    await emulator.fault({
      fault: 'ValidationException',
      count: 1,
      message:
        'Malformed input request: #/messages/0/content: expected minimum item count: 1, found: 0, please reformat your input and try again.',
    });
    await runRequest(document);
    const [diagnostic] = await diagnosticsOf(document.uri);
    assert.equal(textOf(document, diagnostic.range), '"Hello there"');
    assert.equal((await runRequest(document)).outcome, 'completed');
    await noDiagnostics(document.uri);
  });

  it('replaces an on-demand model ID with an inference profile that contains it (from ListInferenceProfiles)', async () => {
    const document = await openRequestFile('ondemand.bedrock.json', { modelId: HAIKU_35, prompt: 'Hello' });
    await runRequest(document);
    const [diagnostic] = await diagnosticsOf(document.uri);
    assert.equal(textOf(document, diagnostic.range), `"${HAIKU_35}"`);
    assert.match(diagnostic.message, /needs an inference profile/);
    const fixes = await quickFixes(document.uri, diagnostic);
    assert.deepEqual(titles(fixes), [`Use inference profile us.${HAIKU_35}`, 'Select a model...']);
    const listed = (await emulator.requests()).some((r) => r.operation === 'ListInferenceProfiles');
    assert.ok(listed, 'the profiles came from ListInferenceProfiles');

    await apply(fixes, `Use inference profile us.${HAIKU_35}`);
    assert.equal(jsonOf(document).modelId, `us.${HAIKU_35}`);
    await noDiagnostics(document.uri);
    assert.equal((await runRequest(document)).outcome, 'completed');
  });

  it('offers "Did you mean" for an invalid model identifier and a model that does not exist', async () => {
    const invalid = await openRequestFile('invalid.bedrock.json', { modelId: 'claude-3-haiku', body: CLAUDE_BODY });
    await runRequest(invalid);
    const [onInvalid] = await diagnosticsOf(invalid.uri);
    assert.equal(textOf(invalid, onInvalid.range), '"claude-3-haiku"');
    const invalidFixes = await quickFixes(invalid.uri, onInvalid);
    assert.ok(titles(invalidFixes).includes('Select a model...'));
    await apply(invalidFixes, /^Did you mean anthropic\.claude-3-haiku-20240307-v1:0\?$/);
    assert.equal(jsonOf(invalid).modelId, HAIKU);
    assert.equal((await runRequest(invalid)).outcome, 'completed');

    const unknown = await openRequestFile('unknown.bedrock.json', {
      modelId: 'amazon.nova-lite-v9:0',
      prompt: 'Hello',
    });
    await runRequest(unknown);
    const [onUnknown] = await diagnosticsOf(unknown.uri);
    assert.equal(onUnknown.code, 'ResourceNotFoundException');
    await apply(await quickFixes(unknown.uri, onUnknown), `Did you mean ${NOVA}?`);
    assert.equal((await runRequest(unknown)).outcome, 'completed');
    await noDiagnostics(unknown.uri);
  });

  it('"Select a model..." writes the picked model into the request', async () => {
    const document = await openRequestFile('select.bedrock.json', { modelId: 'nothing.like-this', body: CLAUDE_BODY });
    await runRequest(document);
    const [diagnostic] = await diagnosticsOf(document.uri);
    const chosen = apply(await quickFixes(document.uri, diagnostic), 'Select a model...');
    await until('the model picker', async () => {
      const s = await vscode.commands.executeCommand<{ busy: boolean; items: unknown[] } | undefined>(
        '_bedrock.activePicker',
      );
      return s && !s.busy && s.items.length > 0 ? s : undefined;
    });
    await vscode.commands.executeCommand('_bedrock.activePicker', { accept: HAIKU });
    await chosen;
    assert.equal(jsonOf(document).modelId, HAIKU);
    assert.equal((await runRequest(document)).outcome, 'completed');
  });

  it("model access not granted: on modelId, with the console's model-access page and Switch profile", async () => {
    const document = await openRequestFile('access.bedrock.json', { modelId: OPUS, prompt: 'Hello' });
    await runRequest(document);
    const [diagnostic] = await diagnosticsOf(document.uri);
    assert.equal(textOf(document, diagnostic.range), `"${OPUS}"`);
    assert.match(diagnostic.message, /no access to anthropic\.claude-3-opus/);
    assert.deepEqual(titles(await quickFixes(document.uri, diagnostic)), [
      'Open model access in the Bedrock console (us-east-1)',
      'Switch AWS profile...',
    ]);
  });

  it('IAM denial: copies a least-privilege policy for the denied resource; the rerun succeeds', async () => {
    const resource = `arn:aws:bedrock:us-east-1::foundation-model/${NOVA}`;
    await emulator.fault({
      fault: 'AccessDeniedException',
      count: 1,
      message: `User: arn:aws:iam::123456789012:user/dev is not authorized to perform: bedrock:InvokeModel on resource: ${resource} because no identity-based policy allows the bedrock:InvokeModel action`,
    });
    const document = await openRequestFile('iam.bedrock.json', { modelId: NOVA, prompt: 'Hello' });
    await runRequest(document);
    const [diagnostic] = await diagnosticsOf(document.uri);
    assert.equal(textOf(document, diagnostic.range), `"${NOVA}"`);
    const fixes = await quickFixes(document.uri, diagnostic);
    assert.deepEqual(titles(fixes), ['Copy a least-privilege IAM policy for this model', 'Switch AWS profile...']);
    await apply(fixes, 'Copy a least-privilege IAM policy for this model');
    const policy = JSON.parse(await vscode.env.clipboard.readText()) as {
      Statement: Array<{ Action: string[]; Resource: string[] }>;
    };
    assert.deepEqual(policy.Statement[0].Action, ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream']);
    assert.deepEqual(policy.Statement[0].Resource, [resource]);
    assert.equal((await runRequest(document)).outcome, 'completed');
    await noDiagnostics(document.uri);
  });

  it("throttling after the SDK's retries: Retry with a countdown, and a smaller max_tokens", async () => {
    const document = await openRequestFile('throttle.bedrock.json', {
      modelId: HAIKU,
      body: { anthropic_version: 'bedrock-2023-05-31', max_tokens: 1024, messages: [USER] },
    });
    await emulator.fault({
      fault: 'ThrottlingException',
      count: 3,
      message: 'Too many tokens, please wait before trying again.',
    });
    await runRequest(document);
    const [diagnostic] = await diagnosticsOf(document.uri);
    assert.equal(diagnostic.range.start.line, 0, "on the request's first line");
    assert.match(diagnostic.message, /throttling.*smaller max_tokens lowers the quota/);
    const fixes = await quickFixes(document.uri, diagnostic);
    assert.deepEqual(titles(fixes), ['Retry in 5 s', 'Lower "max_tokens" from 1024 to 512']);
    const started = Date.now();
    const retried = (await apply(fixes, 'Retry in 5 s')) as Array<{ outcome: string }>;
    assert.ok(Date.now() - started >= 4500, 'it waited for the countdown');
    assert.equal(retried[0].outcome, 'completed');
    await noDiagnostics(document.uri);
  });

  for (const fault of ['ModelNotReadyException', 'ServiceUnavailableException', 'InternalServerException']) {
    it(`${fault}: Retry reruns the request`, async () => {
      const document = await openRequestFile(`${fault}.bedrock.json`, { modelId: NOVA, prompt: 'Hello' });
      await emulator.fault({ fault, count: 3 });
      await runRequest(document);
      const [diagnostic] = await diagnosticsOf(document.uri);
      assert.equal(diagnostic.code, fault);
      const fixes = await quickFixes(document.uri, diagnostic);
      assert.deepEqual(titles(fixes), ['Retry']);
      const retried = (await apply(fixes, 'Retry')) as Array<{ outcome: string }>;
      assert.equal(retried[0].outcome, 'completed');
      await noDiagnostics(document.uri);
    });
  }

  it('service quota exceeded: opens Service Quotas for Bedrock in the region', async () => {
    const document = await openRequestFile('quota.bedrock.json', { modelId: NOVA, prompt: 'Hello' });
    await emulator.fault({ fault: 'ServiceQuotaExceededException', count: 1 });
    await runRequest(document);
    const [diagnostic] = await diagnosticsOf(document.uri);
    assert.deepEqual(titles(await quickFixes(document.uri, diagnostic)), [
      'Open Service Quotas for Bedrock (us-east-1)',
    ]);
    assert.equal((await runRequest(document)).outcome, 'completed');
    await noDiagnostics(document.uri);
  });

  it('model timeout: retries with streaming (sets "stream": true) or lowers max_tokens', async () => {
    const document = await openRequestFile('timeout.bedrock.json', {
      modelId: NOVA,
      prompt: 'Hello',
      maxTokens: 800,
      stream: false,
    });
    await emulator.fault({ fault: 'ModelTimeoutException', count: 1, operation: 'InvokeModel' });
    await runRequest(document);
    const [diagnostic] = await diagnosticsOf(document.uri);
    const fixes = await quickFixes(document.uri, diagnostic);
    assert.deepEqual(titles(fixes), ['Retry with streaming', 'Lower "maxTokens" from 800 to 400', 'Retry']);
    const retried = (await apply(fixes, 'Retry with streaming')) as Array<{ outcome: string }>;
    assert.equal(jsonOf(document).stream, true);
    assert.equal(retried[0].outcome, 'completed');
    const last = (await emulator.invocations()).pop();
    assert.equal(last?.operation, 'InvokeModelWithResponseStream');
  });

  it("model error: shows the model's original status code and message", async () => {
    const document = await openRequestFile('modelerror.bedrock.json', { modelId: NOVA, prompt: 'Hello' });
    await emulator.fault({
      fault: 'ModelErrorException',
      count: 1,
      originalStatusCode: 503,
      message: 'Received server error (503) from model',
      originalMessage: 'upstream overloaded',
    });
    await runRequest(document);
    const [diagnostic] = await diagnosticsOf(document.uri);
    assert.match(diagnostic.message, /model status 503/);
    assert.equal((await runRequest(document)).outcome, 'completed');
  });

  it('streaming not supported: "Run without streaming" sets "stream": false and reruns', async () => {
    const document = await openRequestFile('nostream.bedrock.json', { modelId: NOVA, prompt: 'Hello', stream: true });
    await emulator.fault({
      fault: 'ValidationException',
      count: 1,
      operation: 'InvokeModelWithResponseStream',
      message: 'The model is unsupported for streaming',
    });
    await runRequest(document);
    const [diagnostic] = await diagnosticsOf(document.uri);
    assert.equal(textOf(document, diagnostic.range), 'true', 'on "stream"');
    const retried = (await apply(await quickFixes(document.uri, diagnostic), 'Run without streaming')) as Array<{
      outcome: string;
    }>;
    assert.equal(jsonOf(document).stream, false);
    assert.equal(retried[0].outcome, 'completed');
    assert.equal((await emulator.invocations()).pop()?.operation, 'InvokeModel');
    await noDiagnostics(document.uri);
  });

  for (const [what, fault] of [
    [
      'in-stream modelStreamErrorException',
      { fault: 'modelStreamErrorException', afterChunks: 4, originalStatusCode: 500, originalMessage: 'model crashed' },
    ],
    ['a truncated stream', { fault: 'truncate', afterChunks: 4 }],
  ] as const) {
    it(`${what}: the partial answer is kept, marked incomplete, and the diagnostic says how far it got`, async () => {
      const document = await openRequestFile('partial.bedrock.json', {
        modelId: HAIKU,
        prompt: 'Partial please',
        output: 'newDocument',
      });
      await emulator.fault({ ...fault, count: 1 });
      const report = await runRequest(document);
      assert.equal(report.outcome, 'failed');
      const [diagnostic] = await diagnosticsOf(document.uri);
      assert.match(
        diagnostic.message,
        /It got \d+ chunks? \(\d+ characters\) into the answer; that partial answer is kept/,
      );
      const answer = await until('the partial answer document', () =>
        vscode.workspace.textDocuments.find(
          (d) => d.languageId === 'markdown' && d.getText().includes('_(incomplete:'),
        ),
      );
      assert.ok(answer);
      assert.equal((await runRequest(document)).outcome, 'completed');
      await noDiagnostics(document.uri);
    });
  }

  it('a guardrail intervention is an information diagnostic naming the guardrail', async () => {
    const request = {
      modelId: NOVA,
      prompt: 'Tell me GUARDRAIL_TRIGGER',
      guardrailIdentifier: 'gremulator01',
      guardrailVersion: '1',
    };
    const document = await openRequestFile('guardrail.bedrock.json', request);
    const report = await runRequest(document);
    assert.equal(report.outcome, 'completed');
    const [diagnostic] = await diagnosticsOf(document.uri);
    assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Information);
    assert.equal(textOf(document, diagnostic.range), '"gremulator01"');
    assert.match(diagnostic.message, /Guardrail "gremulator01" \(version 1\) intervened/);

    const edit = new vscode.WorkspaceEdit();
    edit.replace(document.uri, nodeText(document, 'GUARDRAIL_TRIGGER'), 'the weather');
    await vscode.workspace.applyEdit(edit);
    assert.equal((await runRequest(document)).outcome, 'completed');
    await noDiagnostics(document.uri);
  });

  it('network failure: names the endpoint and proxy, offers Open settings; the rerun succeeds once the endpoint is right', async () => {
    const document = await openRequestFile('network.bedrock.json', { modelId: NOVA, prompt: 'Hello' });
    const endpoint = vscode.workspace.getConfiguration('bedrock').get<string>('endpoint');
    const broken = await withSettings({ 'bedrock.endpoint': 'http://127.0.0.1:9' });
    try {
      await runRequest(document);
      const [diagnostic] = await diagnosticsOf(document.uri);
      assert.match(diagnostic.message, /Could not reach http:\/\/127\.0\.0\.1:9 \((no proxy|through proxy [^)]+)\)/);
      assert.deepEqual(titles(await quickFixes(document.uri, diagnostic)), ['Retry', 'Open settings (endpoint)']);
    } finally {
      await broken.restore();
    }
    assert.equal(vscode.workspace.getConfiguration('bedrock').get('endpoint'), endpoint);
    assert.equal((await runRequest(document)).outcome, 'completed');
    await noDiagnostics(document.uri);
  });

  it('keeps diagnostics on their nodes when other requests of the file are edited', async () => {
    const document = await openRequestFile('two.bedrock.json', [
      { name: 'first', modelId: NOVA, prompt: 'Hello' },
      { name: 'second', modelId: HAIKU_35, prompt: 'Hello' },
    ]);
    await runRequest(document, 1);
    const [before] = await diagnosticsOf(document.uri);
    const edit = new vscode.WorkspaceEdit();
    edit.replace(document.uri, nodeText(document, '"first"'), '"first",\n    "temperature": 0.5');
    await vscode.workspace.applyEdit(edit);
    const [after] = await until('the moved diagnostic', () => {
      const d = bedrockDiagnostics(document.uri);
      return d.length === 1 && !d[0].range.isEqual(before.range) ? d : undefined;
    });
    assert.equal(textOf(document, after.range), `"${HAIKU_35}"`);
  });
});
