// Request files (*.bedrock.json) in the real extension host, against the emulator, through the real SDK: CodeLens,
// Run Request File, unsaved text, embeddings, images, refusals that send nothing, and every example.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { parseRequestFile } from '../../src/core/requestFile';
import type { RequestRunReport } from '../../src/features/services/requestRuns';
import { emulator } from './support/emulator';
import { cleanSlate, closeAllEditors, EXTENSION_ID, outputChannelText, until } from './support/workbench';

const HAIKU = 'anthropic.claude-3-haiku-20240307-v1:0';
const NOVA = 'amazon.nova-lite-v1:0';
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function workspaceDir(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the integration workspace is open');
  return folder.uri.fsPath;
}

function marker(): string {
  return `marker-${Math.random().toString(36).slice(2, 10)}`;
}

/** Writes a request file into the workspace and opens it in an editor. */
async function openRequestFile(name: string, text: string): Promise<vscode.TextEditor> {
  const file = path.join(workspaceDir(), name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  const document = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
  return vscode.window.showTextDocument(document, { preview: false });
}

async function lensesOf(uri: vscode.Uri): Promise<vscode.CodeLens[]> {
  return until("the request file's CodeLenses", async () => {
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
    const ours = lenses.filter((l) => l.command?.command === 'bedrock.runRequestFile');
    return ours.length ? ours : undefined;
  });
}

/** Runs a lens's command exactly as clicking it would. */
async function runLens(lens: vscode.CodeLens): Promise<RequestRunReport[]> {
  assert.ok(lens.command);
  const reports = await vscode.commands.executeCommand<RequestRunReport[] | undefined>(
    lens.command.command,
    ...(lens.command.arguments ?? []),
  );
  assert.ok(reports, 'the lens ran nothing');
  return reports;
}

async function runRequest(uri: vscode.Uri, requestIndex: number, stream?: boolean): Promise<RequestRunReport[]> {
  const reports = await vscode.commands.executeCommand<RequestRunReport[] | undefined>('bedrock.runRequestFile', uri, {
    requestIndex,
    stream,
  });
  assert.ok(reports, 'the command ran nothing');
  return reports;
}

function completed(reports: RequestRunReport[]): void {
  assert.deepEqual(
    reports.map((r) => r.outcome),
    reports.map(() => 'completed'),
    reports.map((r) => r.problem?.message ?? r.fileProblem?.message ?? '').join(' | '),
  );
}

describe('Request files', () => {
  const clean = cleanSlate({
    emulator: { fillerTokens: 4, pacing: { chunksPerSecond: 0, firstByteDelayMs: 0 } },
    settings: { 'bedrock.modelId': NOVA, 'bedrock.output': 'outputChannel', 'bedrock.stream': true },
  });

  it('opens *.bedrock.json as JSON with comments', async () => {
    const editor = await openRequestFile('language.bedrock.json', '// a comment\n{ "prompt": "hi", }\n');
    assert.equal(editor.document.languageId, 'jsonc');
  });

  it('shows Invoke and Invoke without streaming above each request; a lens runs its own request, streamed or not', async () => {
    const [a, b] = [marker(), marker()];
    const text = `[\n  { "name": "first", "modelId": "${HAIKU}", "prompt": "${a}" },\n  // second\n  { "name": "second", "prompt": "${b}" },\n]\n`;
    const editor = await openRequestFile('lenses.bedrock.json', text);
    const lenses = await lensesOf(editor.document.uri);

    assert.deepEqual(
      lenses.map((l) => [l.range.start.line, l.command?.title]),
      [
        [1, 'Invoke'],
        [1, 'Invoke without streaming'],
        [3, 'Invoke'],
        [3, 'Invoke without streaming'],
      ],
    );

    completed(await runLens(lenses[2]));
    let records = await emulator.invocations();
    assert.equal(records.length, 1, 'only the second request is sent');
    assert.equal(records[0].operation, 'InvokeModelWithResponseStream');
    assert.equal(records[0].modelId, NOVA, 'a request without modelId uses the selected model');
    assert.ok(JSON.stringify(records[0].body).includes(b));

    await emulator.reset();
    completed(await runLens(lenses[1]));
    records = await emulator.invocations();
    assert.deepEqual(
      records.map((r) => [r.operation, r.modelId]),
      [['InvokeModel', HAIKU]],
    );
    assert.ok(JSON.stringify(records[0].body).includes(a));
    const log = await until('the answer and footer in the Output channel', async () => {
      const all = await outputChannelText();
      const at = all.lastIndexOf(`▶ ${HAIKU}`);
      return at >= 0 && all.slice(at).includes('■ stop:') ? all.slice(at) : undefined;
    });
    assert.ok(log.includes(a), 'the answer (the emulator echoes the prompt) is in the Output channel');
    assert.match(log, /tokens \d+ in \/ \d+ out/);
  });

  it('sends the unsaved text of the editor and leaves the file and the editor text unchanged', async () => {
    const saved = `{\n  "prompt": "saved-${marker()}"\n}\n`;
    const editor = await openRequestFile('unsaved.bedrock.json', saved);
    const edited = marker();
    await editor.edit((b) =>
      b.replace(
        new vscode.Range(editor.document.positionAt(0), editor.document.positionAt(saved.length)),
        `{\n  "prompt": "${edited}", "stream": false\n}\n`,
      ),
    );
    const before = editor.document.getText();
    assert.equal(editor.document.isDirty, true);

    const [lens] = await lensesOf(editor.document.uri);
    completed(await runLens(lens));

    const [record] = await emulator.invocations();
    assert.equal(record.operation, 'InvokeModel', 'the unsaved "stream": false is what counts');
    assert.deepEqual((record.body as { messages: unknown }).messages, [{ role: 'user', content: [{ text: edited }] }]);
    assert.equal(fs.readFileSync(editor.document.uri.fsPath, 'utf8'), saved, 'the file on disk is untouched');
    assert.equal(editor.document.getText(), before, 'the editor text is untouched');
    assert.equal(editor.document.isDirty, true, 'the run does not save');
  });

  it('Run Request File runs the request under the cursor', async () => {
    const [a, b] = [marker(), marker()];
    const editor = await openRequestFile(
      'cursor.bedrock.json',
      `[\n  { "prompt": "${a}" },\n  { "prompt": "${b}" }\n]\n`,
    );
    const inSecond = editor.document.positionAt(editor.document.getText().indexOf(b));
    editor.selection = new vscode.Selection(inSecond, inSecond);

    const reports = await vscode.commands.executeCommand<RequestRunReport[]>('bedrock.runRequestFile');
    completed(reports);
    assert.deepEqual(
      reports.map((r) => r.requestIndex),
      [1],
    );
    const records = await emulator.invocations();
    assert.equal(records.length, 1);
    assert.ok(JSON.stringify(records[0].body).includes(b));
  });

  it('Run Request File with the cursor outside every request asks which to run: one of them, or all in order', async () => {
    const [a, b] = [marker(), marker()];
    const editor = await openRequestFile(
      'choose.bedrock.json',
      `[\n  { "name": "first", "prompt": "${a}" },\n  { "name": "second", "prompt": "${b}" }\n]\n`,
    );
    editor.selection = new vscode.Selection(0, 0, 0, 0); // on "[", inside no request
    const picker = async () =>
      until('the "Run which request?" picker', async () => {
        const s = await vscode.commands.executeCommand<
          { title?: string; items: { label: string; description?: string; detail?: string }[] } | undefined
        >('_bedrock.activePicker');
        return s?.title === 'Run which request?' && s.items.length ? s : undefined;
      });

    const one = vscode.commands.executeCommand<RequestRunReport[]>('bedrock.runRequestFile');
    const shown = await picker();
    assert.deepEqual(
      shown.items.map((i) => i.label),
      ['first', 'second', '$(run-all) All 2 requests, in order'],
    );
    assert.deepEqual(
      shown.items.slice(0, 2).map((i) => [i.description, i.detail]),
      [
        ['(selected model)', a],
        ['(selected model)', b],
      ],
    );
    await vscode.commands.executeCommand('_bedrock.activePicker', { accept: 'second' });
    const second = await one;
    completed(second);
    assert.deepEqual(
      second.map((r) => r.requestIndex),
      [1],
    );
    assert.ok(JSON.stringify((await emulator.invocations())[0].body).includes(b));

    await emulator.reset();
    const both = vscode.commands.executeCommand<RequestRunReport[]>('bedrock.runRequestFile');
    await picker();
    await vscode.commands.executeCommand('_bedrock.activePicker', { accept: '$(run-all) All 2 requests, in order' });
    const all = await both;
    completed(all);
    assert.deepEqual(
      all.map((r) => r.requestIndex),
      [0, 1],
    );
    const sent = (await emulator.invocations()).map((r) => JSON.stringify(r.body));
    assert.equal(sent.length, 2);
    assert.ok(sent[0].includes(a) && sent[1].includes(b), 'sent in order');
  });

  it('Run Request File sends nothing when its picker is dismissed', async () => {
    await openRequestFile(
      'dismiss.bedrock.json',
      `[\n  { "prompt": "${marker()}" },\n  { "prompt": "${marker()}" }\n]\n`,
    );
    const run = vscode.commands.executeCommand<RequestRunReport[] | undefined>('bedrock.runRequestFile');
    await until(
      'the picker',
      async () =>
        (await vscode.commands.executeCommand<{ title?: string } | undefined>('_bedrock.activePicker'))?.title ===
          'Run which request?' || undefined,
    );
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    assert.equal(await run, undefined);
    assert.equal((await emulator.invocations()).length, 0);
  });

  it('opens an embedding answer as a JSON document with the model, dimension, input tokens and vector', async () => {
    const editor = await openRequestFile(
      'embed.bedrock.json',
      '{ "modelId": "amazon.titan-embed-text-v2:0", "body": { "inputText": "vectors please", "dimensions": 256 } }',
    );
    const lenses = await lensesOf(editor.document.uri);
    assert.deepEqual(
      lenses.map((l) => l.command?.title),
      ['Invoke'],
      'an embedding model does not stream: one lens',
    );
    completed(await runLens(lenses[0]));

    const document = await until('the embedding document', () =>
      vscode.workspace.textDocuments.find(
        (d) => d.isUntitled && d.languageId === 'json' && d.getText().includes('"dimension"'),
      ),
    );
    const doc = JSON.parse(document.getText()) as {
      modelId: string;
      dimension: number;
      inputTokenCount: number;
      vector: number[];
    };
    assert.equal(doc.modelId, 'amazon.titan-embed-text-v2:0');
    assert.equal(doc.dimension, 256);
    assert.equal(doc.vector.length, 256);
    assert.ok(doc.vector.every((n) => typeof n === 'number'));
    assert.ok(doc.inputTokenCount > 0);
    assert.deepEqual(
      (await emulator.invocations()).map((r) => r.operation),
      ['InvokeModel'],
    );
  });

  it('saves each generated image as a valid PNG beside the request file, opens it, and never overwrites an earlier one', async () => {
    const editor = await openRequestFile(
      path.join('images', 'robot.bedrock.json'),
      '{ "modelId": "stability.sd3-5-large-v1:0", "prompt": "a robot" }',
    );
    const output = path.join(workspaceDir(), 'images', 'bedrock-output');
    const [lens] = await lensesOf(editor.document.uri);
    completed(await runLens(lens));
    completed(await runLens(lens));

    const files = fs
      .readdirSync(output)
      .filter((f) => f.endsWith('.png'))
      .sort();
    assert.equal(files.length, 2, `two runs, two files: ${files.join(', ')}`);
    for (const file of files) {
      assert.match(file, /^robot-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d+\.png$/);
      assert.deepEqual(fs.readFileSync(path.join(output, file)).subarray(0, 8), PNG_SIGNATURE);
    }
    await until('an image preview tab', () =>
      vscode.window.tabGroups.all
        .flatMap((g) => g.tabs)
        .find((t) => t.input instanceof vscode.TabInputCustom && t.input.uri.fsPath.startsWith(output)),
    );
  });

  it('saves images in the folder bedrock.imageOutputFolder names, relative to the request file', async () => {
    await clean.settings({ 'bedrock.modelId': NOVA, 'bedrock.imageOutputFolder': 'renders' });
    const editor = await openRequestFile(
      'canvas.bedrock.json',
      '{ "name": "My Canvas", "modelId": "amazon.nova-canvas-v1:0", "body": { "taskType": "TEXT_IMAGE", "textToImageParams": { "text": "x" }, "imageGenerationConfig": { "numberOfImages": 2, "width": 256, "height": 256 } } }',
    );
    completed(await runRequest(editor.document.uri, 0));
    const files = fs.readdirSync(path.join(workspaceDir(), 'renders'));
    assert.equal(files.filter((f) => /^My-Canvas-.*\.png$/.test(f)).length, 2);
  });

  it('refuses a file with broken JSON, naming line and column, and sends nothing', async () => {
    const text = '{\n  "prompt": "hi"\n  "modelId": "amazon.nova-lite-v1:0"\n}\n';
    const editor = await openRequestFile('broken.bedrock.json', text);
    const reports = await runRequest(editor.document.uri, 0);
    assert.equal(reports.length, 1);
    assert.equal(reports[0].outcome, 'refused');
    assert.match(
      reports[0].fileProblem?.message ?? '',
      /not valid JSON: line 3, column 3: a comma is expected.*nothing was sent/,
    );
    assert.deepEqual(await emulator.invocations(), []);
    assert.equal(editor.document.getText(), text);
  });

  it('refuses a request with an unknown variable, on that variable, and sends nothing', async () => {
    const text = '{ "prompt": "Summarise ${clipboard}" }';
    const editor = await openRequestFile('badvar.bedrock.json', text);
    const [report] = await runRequest(editor.document.uri, 0);
    assert.equal(report.outcome, 'refused');
    const problem = report.fileProblem;
    assert.ok(problem);
    assert.match(problem.message, /Unknown variable \$\{clipboard\}/);
    assert.equal(text.slice(problem.range.offset, problem.range.offset + problem.range.length), '${clipboard}');
    assert.deepEqual(problem.path, ['prompt']);
    assert.deepEqual(await emulator.invocations(), []);
  });

  it('refuses an unset environment variable and a missing file, and sends nothing', async () => {
    const editor = await openRequestFile(
      'missing.bedrock.json',
      '[{ "prompt": "${env:BEDROCK_TEST_SURELY_UNSET}" }, { "prompt": "${file:no/such/file.txt}" }]',
    );
    const [first] = await runRequest(editor.document.uri, 0);
    assert.match(first.fileProblem?.message ?? '', /BEDROCK_TEST_SURELY_UNSET is not set/);
    const [second] = await runRequest(editor.document.uri, 1);
    assert.match(second.fileProblem?.message ?? '', /\$\{file:no\/such\/file\.txt\} cannot be read: .*no such file/);
    assert.deepEqual(await emulator.invocations(), []);
  });

  it('refuses ${file:...} outside the workspace, relative or absolute, and sends nothing', async () => {
    const outside = path.join(path.dirname(workspaceDir()), 'outside-secret.txt');
    fs.writeFileSync(outside, 'not for the model');
    const editor = await openRequestFile(
      'outside.bedrock.json',
      `[{ "prompt": "\${file:../outside-secret.txt}" }, { "prompt": "\${file:${outside.replace(/\\/g, '/')}}" }]`,
    );
    for (const index of [0, 1]) {
      const [report] = await runRequest(editor.document.uri, index);
      assert.equal(report.outcome, 'refused');
      assert.match(report.fileProblem?.message ?? '', /outside the workspace/);
    }
    assert.deepEqual(await emulator.invocations(), []);
    fs.rmSync(outside);
  });

  it('expands ${file:...} relative to the request file and ${selection} from the editor used before', async () => {
    fs.mkdirSync(path.join(workspaceDir(), 'vars'), { recursive: true });
    const fromFile = marker();
    fs.writeFileSync(path.join(workspaceDir(), 'vars', 'system.txt'), `say "${fromFile}"\n`);
    const selected = marker();
    const source = await vscode.workspace.openTextDocument({
      language: 'plaintext',
      content: `before ${selected} after`,
    });
    const sourceEditor = await vscode.window.showTextDocument(source, { viewColumn: vscode.ViewColumn.One });
    sourceEditor.selection = new vscode.Selection(source.positionAt(7), source.positionAt(7 + selected.length));
    const editor = await openRequestFile(
      path.join('vars', 'vars.bedrock.json'),
      '{ "system": "${file:system.txt}", "prompt": "<${selection}>" }',
    );

    completed(await runRequest(editor.document.uri, 0));
    const [record] = await emulator.invocations();
    const body = record.body as { system: { text: string }[]; messages: { content: { text: string }[] }[] };
    assert.equal(body.system[0].text, `say "${fromFile}"\n`);
    assert.equal(body.messages[0].content[0].text, `<${selected}>`);
  });

  it('Show Last Raw Response opens the last raw body with its request ID and token counts', async () => {
    const editor = await openRequestFile(
      'raw.bedrock.json',
      `{ "modelId": "${HAIKU}", "prompt": "raw", "stream": false }`,
    );
    completed(await runRequest(editor.document.uri, 0));
    const [record] = await emulator.invocations();

    const document = await vscode.commands.executeCommand<vscode.TextDocument>('bedrock.showLastRawResponse');
    const shown = JSON.parse(document.getText()) as {
      modelId: string;
      requestId: string;
      inputTokens: number;
      body: { type: string; content: unknown[] };
    };
    assert.equal(shown.modelId, HAIKU);
    assert.equal(shown.requestId, record.requestId);
    assert.ok(shown.inputTokens > 0);
    assert.equal(shown.body.type, 'message', 'the body exactly as Claude sent it');
  });

  it("sends the request's trace, guardrail, latency and service tier options as Bedrock headers", async () => {
    const editor = await openRequestFile(
      'options.bedrock.json',
      `{ "prompt": "opts", "trace": "ENABLED", "guardrailIdentifier": "grtest0001", "guardrailVersion": "DRAFT", "performanceConfigLatency": "optimized", "serviceTier": "flex" }`,
    );
    completed(await runRequest(editor.document.uri, 0));
    const [record] = await emulator.invocations();
    assert.equal(record.headers['x-amzn-bedrock-trace'], 'ENABLED');
    assert.equal(record.headers['x-amzn-bedrock-guardrailidentifier'], 'grtest0001');
    assert.equal(record.headers['x-amzn-bedrock-guardrailversion'], 'DRAFT');
    assert.equal(record.headers['x-amzn-bedrock-performanceconfig-latency'], 'optimized');
    assert.equal(record.headers['x-amzn-bedrock-service-tier'], 'flex');
  });

  it('shows the service tier and latency mode the response reports, in the footer and in Show Last Raw Response', async () => {
    const editor = await openRequestFile(
      'applied.bedrock.json',
      `{ "modelId": "${HAIKU}", "prompt": "applied ${marker()}", "performanceConfigLatency": "optimized", "serviceTier": "priority" }`,
    );
    const before = (await outputChannelText()).length;
    completed(await runRequest(editor.document.uri, 0));
    const footer = await until('the footer', async () =>
      (await outputChannelText())
        .slice(before)
        .split('\n')
        .find((l) => l.startsWith('■ stop')),
    );
    assert.match(footer, / · tier priority · latency optimized$/);
    const document = await vscode.commands.executeCommand<vscode.TextDocument>('bedrock.showLastRawResponse');
    const shown = JSON.parse(document.getText()) as { serviceTier?: string; performanceConfigLatency?: string };
    assert.equal(shown.serviceTier, 'priority');
    assert.equal(shown.performanceConfigLatency, 'optimized');
  });

  it('Show Last Raw Response also shows a streamed answer of Invoke Model on Selection: its text and metrics', async () => {
    const mark = marker();
    const document = await vscode.workspace.openTextDocument({ language: 'plaintext', content: mark });
    const editor = await vscode.window.showTextDocument(document);
    editor.selection = new vscode.Selection(document.positionAt(0), document.positionAt(mark.length));
    await vscode.commands.executeCommand('bedrock.invokeSelection');

    const shown = await vscode.commands.executeCommand<vscode.TextDocument>('bedrock.showLastRawResponse');
    const raw = JSON.parse(shown.getText()) as {
      streamed: boolean;
      text: string;
      outputTokens: number;
      requestId: string;
    };
    assert.equal(raw.streamed, true);
    assert.ok(raw.text.includes(mark), 'the assembled text of the stream');
    assert.ok(raw.outputTokens > 0);
    assert.equal(raw.requestId, (await emulator.invocations())[0].requestId);
  });

  it('New Request File opens an unsaved, ready-to-run request for the selected model', async () => {
    const document = await vscode.commands.executeCommand<vscode.TextDocument>('bedrock.newRequestFile');
    assert.ok(document);
    assert.equal(document.isUntitled, true, 'nothing is written until the user saves');
    assert.match(document.uri.path, /\/nova\.bedrock\.json$/);
    assert.equal(document.languageId, 'jsonc');
    const file = parseRequestFile(document.getText());
    assert.deepEqual(file.problems, []);
    assert.equal(file.requests[0].modelId, NOVA);
    assert.ok(!fs.existsSync(path.join(workspaceDir(), 'nova.bedrock.json')));

    completed(await runRequest(document.uri, 0));
    assert.deepEqual(
      (await emulator.invocations()).map((r) => r.modelId),
      [NOVA],
    );
  });

  it('runs every example once', async function () {
    this.timeout(180_000);
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension);
    const source = path.join(extension.extensionPath, 'examples');
    const target = path.join(workspaceDir(), 'examples');
    fs.cpSync(source, target, { recursive: true });
    const examples = fs
      .readdirSync(target)
      .filter((f) => f.endsWith('.bedrock.json'))
      .sort();
    assert.ok(examples.length >= 14);
    for (const example of examples) {
      const uri = vscode.Uri.file(path.join(target, example));
      const document = await vscode.workspace.openTextDocument(uri);
      const text = document.getText();
      const file = parseRequestFile(text);
      for (const request of file.requests) {
        await emulator.reset();
        const reports = await runRequest(uri, request.index);
        completed(reports);
        // InvokeModel examples and "api": "converse" ones alike: one runtime call each.
        const records = (await emulator.requests()).filter((r) => /^(InvokeModel|Converse)/.test(r.operation));
        assert.equal(records.length, 1, `${example} #${request.index}`);
        assert.equal(records[0].status, 200, `${example} #${request.index}: ${records[0].errorMessage}`);
        assert.equal(records[0].modelId, request.modelId);
      }
      assert.equal(document.getText(), text, `${example} is unchanged`);
      await closeAllEditors();
    }
    assert.ok(fs.readdirSync(path.join(target, 'bedrock-output')).some((f) => f.endsWith('.png')));
  });
});
