// Request files as tests in VS Code's Testing API, in the real extension host against the emulator: discovery of
// every *.bedrock.json (and of changes), runs through VS Code's own test commands and the extension's, failures with
// their message, diff and location on the expectation's node plus a diagnostic there, and Cancel aborting every
// HTTP request the emulator still has open.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { TestExplorerSnapshot } from '../../src/features/testing';
import { emulator } from './support/emulator';
import { cleanSlate, until } from './support/workbench';

const HAIKU = 'anthropic.claude-3-haiku-20240307-v1:0';
const NOVA = 'amazon.nova-lite-v1:0';

function workspaceDir(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the integration workspace is open');
  return folder.uri.fsPath;
}

function marker(): string {
  return `mark${Math.random().toString(36).slice(2, 10)}`;
}

/** Writes a request file with a name no other suite uses (VS Code keeps an open document's old text). */
function writeRequestFile(stem: string, text: string): vscode.Uri {
  const file = path.join(workspaceDir(), 'testing', `${stem}-${marker()}.bedrock.json`);
  fs.writeFileSync(file, text);
  return vscode.Uri.file(file);
}

const explorer = () => vscode.commands.executeCommand<TestExplorerSnapshot>('_bedrock.testExplorer');

async function fileItem(uri: vscode.Uri, children: number) {
  return until(`the Test Explorer item of ${path.basename(uri.fsPath)} with ${children} requests`, async () => {
    const item = (await explorer()).items.find((i) => i.id === uri.toString());
    return item && item.children.length === children ? item : undefined;
  });
}

/**
 * Runs the active editor's tests with VS Code's own command (what the gutter and the Testing view do). The workbench
 * learns of new test items a moment after the extension host made them; until then the command finds no tests and
 * does nothing, so it is given again until the run has started.
 */
async function runCurrentFile(started: () => Promise<boolean>): Promise<{ running: Thenable<unknown> }> {
  for (let attempt = 0; ; attempt++) {
    const running = vscode.commands.executeCommand('testing.runCurrentFile');
    const deadline = Date.now() + 2000;
    while (Date.now() < deadline) {
      if (await started()) return { running };
      await new Promise((r) => setTimeout(r, 50));
    }
    if (attempt === 5) throw new Error('testing.runCurrentFile started no run');
  }
}

async function resultOf(id: string) {
  return until(`the result of ${id}`, async () => (await explorer()).results.find((r) => r.id === id));
}

describe('Test Explorer', () => {
  // The folder exists before the first file arrives in it, so the file watcher already watches it.
  before(async () => {
    fs.mkdirSync(path.join(workspaceDir(), 'testing'), { recursive: true });
    await new Promise((r) => setTimeout(r, 1000));
  });
  const clean = cleanSlate({
    emulator: { fillerTokens: 4, pacing: { chunksPerSecond: 0, firstByteDelayMs: 0 } },
    // An untitled dirty document from an earlier suite must not open a Save As dialog before the run.
    settings: {
      'bedrock.modelId': NOVA,
      'bedrock.stream': true,
      'bedrock.testConcurrency': 4,
      'testing.saveBeforeTest': false,
    },
  });

  it('finds every request file of the workspace, one item per file and per request, and follows changes to the file', async () => {
    const uri = writeRequestFile(
      'discover',
      `[\n  { "name": "greets", "modelId": "${HAIKU}", "prompt": "hi" },\n  { "prompt": "second" }\n]\n`,
    );
    const item = await fileItem(uri, 2);
    assert.deepEqual(
      item.children.map((c) => [c.label, c.line, c.description]),
      [
        ['greets', 1, HAIKU],
        ['request 2', 2, undefined],
      ],
    );

    fs.writeFileSync(uri.fsPath, `{ "name": "only one now", "prompt": "hi" }\n`);
    const changed = await until('the item after the file changed', async () => {
      const i = (await explorer()).items.find((x) => x.id === uri.toString());
      return i?.children.length === 1 && i.children[0].label === 'only one now' ? i : undefined;
    });
    assert.equal(changed.children[0].line, 0);

    fs.rmSync(uri.fsPath);
    await until('the item to go with its file', async () =>
      (await explorer()).items.some((i) => i.id === uri.toString()) ? undefined : true,
    );
  });

  it("runs a file from VS Code's own test command: a request without expect passes when Bedrock answers, with duration, tokens and the answer", async () => {
    const mark = marker();
    const uri = writeRequestFile('smoke', `{ "name": "smoke", "modelId": "${HAIKU}", "prompt": "say ${mark}" }\n`);
    await fileItem(uri, 1);
    await vscode.window.showTextDocument(uri);

    await runCurrentFile(async () => (await explorer()).results.some((r) => r.id === `${uri.toString()}#0`));

    const result = await resultOf(`${uri.toString()}#0`);
    assert.equal(result.status, 'passed', JSON.stringify(result.messages));
    assert.ok(result.durationMs > 0);
    assert.ok((result.inputTokens ?? 0) > 0 && (result.outputTokens ?? 0) > 0, 'tokens are counted');
    assert.match(result.output, new RegExp(`smoke · passed · \\d+ ms · \\d+ in / \\d+ out tokens`));
    assert.ok(result.output.includes(`say ${mark}`), `the answer is in the test output: ${result.output}`);
    const [sent] = await emulator.invocations();
    assert.equal(sent.operation, 'InvokeModelWithResponseStream');
    assert.ok(JSON.stringify(sent.body).includes(mark));
  });

  it("fails a request whose answer misses an expectation: expected, actual, a diff, and the message and a diagnostic on that expectation's node", async () => {
    const mark = marker();
    const text = [
      '[',
      `  { "name": "fine", "modelId": "${HAIKU}", "prompt": "about ${mark}", "expect": { "contains": "${mark}" } },`,
      `  { "name": "wrong", "modelId": "${HAIKU}", "prompt": "about ${mark}",`,
      '    "expect": {',
      `      "contains": ["${mark}", "Paris"],`,
      '      "maxOutputTokens": 1',
      '    } }',
      ']',
      '',
    ].join('\n');
    const uri = writeRequestFile('failing', text);
    await fileItem(uri, 2);

    await vscode.commands.executeCommand('bedrock.runTests', uri);

    assert.equal((await resultOf(`${uri.toString()}#0`)).status, 'passed');
    const failed = await resultOf(`${uri.toString()}#1`);
    assert.equal(failed.status, 'failed');
    assert.equal(failed.messages.length, 2, JSON.stringify(failed.messages));
    const [contains, tokens] = failed.messages;
    assert.match(contains.message, /Expected the answer to contain "Paris"; it does not/);
    assert.equal(contains.expected, 'contains "Paris"');
    assert.ok(contains.actual?.includes(mark), "the actual answer is the diff's other side");
    // The message sits on "Paris" in line 4 (0-based), the second item of the list.
    const parisAt = text.split('\n')[4].indexOf('"Paris"');
    assert.deepEqual(
      [contains.uri, contains.line, contains.character, contains.endCharacter],
      [uri.toString(), 4, parisAt, parisAt + '"Paris"'.length],
    );
    assert.match(tokens.message, /Expected at most 1 output tokens; the answer used \d+/);
    assert.equal(tokens.line, 5);

    const diagnostics = await until('the test diagnostics', () => {
      const ds = vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Bedrock test');
      return ds.length === 2 ? ds : undefined;
    });
    const onParis = diagnostics.find((d) => d.code === 'expect.contains');
    assert.ok(onParis);
    assert.deepEqual([onParis.range.start.line, onParis.range.start.character], [4, parisAt]);
    assert.match(onParis.message, /"Paris"/);
  });

  it("the Test CodeLens runs its request; an error that is Bedrock's is an errored test with its classified message, and the Bedrock diagnostic lands on the request", async () => {
    const uri = writeRequestFile(
      'errored',
      `{ "name": "no access", "modelId": "anthropic.claude-3-opus-20240229-v1:0", "prompt": "hi" }\n`,
    );
    await fileItem(uri, 1);
    await vscode.window.showTextDocument(uri);

    const lens = await until('the Test CodeLens', async () => {
      const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
      return lenses.find((l) => l.command?.command === 'bedrock.runTests')?.command;
    });
    assert.equal(lens.title, '$(beaker) Test');
    await vscode.commands.executeCommand(lens.command, ...(lens.arguments ?? []));

    const result = await resultOf(`${uri.toString()}#0`);
    assert.equal(result.status, 'errored');
    assert.match(result.messages[0].message, /access/i);
    await until('the Bedrock diagnostic on modelId', () =>
      vscode.languages.getDiagnostics(uri).find((d) => d.source === 'Bedrock'),
    );
  });

  it('Cancel in the Testing view aborts every HTTP request still open; requests not started are skipped', async () => {
    await emulator.configure({ fillerTokens: 5000, pacing: { chunksPerSecond: 20 } });
    await clean.settings({ 'bedrock.testConcurrency': 2 });
    const requests = [0, 1, 2, 3].map((i) => `  { "name": "slow ${i}", "modelId": "${HAIKU}", "prompt": "slow ${i}" }`);
    const uri = writeRequestFile('cancel', `[\n${requests.join(',\n')}\n]\n`);
    await fileItem(uri, 4);
    await vscode.window.showTextDocument(uri);

    const { running } = await runCurrentFile(async () => (await explorer()).running);
    await until('two streams open at the emulator', async () =>
      (await emulator.invocations()).filter((r) => (r.chunksSent ?? 0) > 0 && !r.completed).length === 2
        ? true
        : undefined,
    );
    assert.ok((await explorer()).running);
    await vscode.commands.executeCommand('testing.cancelRun');
    await running;

    const records = await until('both requests aborted at the emulator', async () => {
      const rs = await emulator.invocations();
      return rs.length === 2 && rs.every((r) => r.aborted) ? rs : undefined;
    });
    assert.equal(records.length, 2, 'no request was sent after Cancel');
    const statuses = await Promise.all(
      [0, 1, 2, 3].map(async (i) => (await resultOf(`${uri.toString()}#${i}`)).status),
    );
    assert.deepEqual(statuses.slice(0, 2), ['cancelled', 'cancelled']);
    assert.deepEqual(statuses.slice(2), ['skipped', 'skipped']);
  });
});
