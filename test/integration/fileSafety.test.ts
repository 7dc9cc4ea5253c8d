// A cloned repository with committed symbolic links, in the real extension host: `${file:...}` never reads through a
// link that leaves the workspace (a file, a linked folder, /proc/self/environ), nor a FIFO or an oversized file; each
// refusal names the variable, the path and why, on the variable in the request file, and nothing is sent. Images are
// never saved through a link out of the workspace, nor outside it because the workspace's settings say so.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { RequestRunReport } from '../../src/features/services/requestRuns';
import { emulator } from './support/emulator';
import { cleanSlate, until } from './support/workbench';

const NOVA = 'amazon.nova-lite-v1:0';

function workspaceDir(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the integration workspace is open');
  return folder.uri.fsPath;
}

async function runRequest(uri: vscode.Uri, requestIndex: number): Promise<RequestRunReport> {
  const reports = await vscode.commands.executeCommand<RequestRunReport[] | undefined>('bedrock.runRequestFile', uri, {
    requestIndex,
  });
  assert.ok(reports?.length, 'the command ran nothing');
  return reports[reports.length - 1];
}

async function bedrockDiagnostics(uri: vscode.Uri, count: number): Promise<vscode.Diagnostic[]> {
  return until(`${count} Bedrock diagnostic(s)`, () => {
    const ours = vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Bedrock');
    return ours.length === count ? ours : undefined;
  });
}

describe('Request files from an untrusted repository: files and folders', () => {
  const clean = cleanSlate({
    settings: { 'bedrock.modelId': NOVA, 'bedrock.output': 'outputChannel', 'bedrock.stream': true },
  });
  // The "clone" lives in the workspace; its secrets' stand-ins live beside the workspace, as ~/.aws would.
  let repo: string;
  let outside: string;

  beforeEach(() => {
    repo = path.join(workspaceDir(), `cloned-${Math.random().toString(36).slice(2, 8)}`);
    outside = path.join(path.dirname(workspaceDir()), `home-${path.basename(repo)}`);
    fs.mkdirSync(path.join(outside, '.aws'), { recursive: true });
    fs.writeFileSync(
      path.join(outside, '.aws', 'credentials'),
      '[default]\naws_secret_access_key = not-for-the-model\n',
    );
    fs.mkdirSync(repo, { recursive: true });
    fs.writeFileSync(path.join(repo, 'prompt.txt'), 'a real prompt');
    // What `git clone` makes of committed links: relative links, one to a file, one to a folder, one to /proc.
    fs.symlinkSync(path.relative(repo, path.join(outside, '.aws', 'credentials')), path.join(repo, 'notes.txt'));
    fs.symlinkSync(path.relative(repo, path.join(outside, '.aws')), path.join(repo, 'config'));
    fs.symlinkSync('/proc/self/environ', path.join(repo, 'env.txt'));
    fs.symlinkSync('prompt.txt', path.join(repo, 'alias.txt'));
  });
  afterEach(() => {
    fs.rmSync(repo, { recursive: true, force: true });
    fs.rmSync(outside, { recursive: true, force: true });
  });

  async function openInRepo(name: string, text: string): Promise<vscode.TextDocument> {
    const file = path.join(repo, name);
    fs.writeFileSync(file, text);
    const document = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
    await vscode.window.showTextDocument(document, { preview: false });
    return document;
  }

  it('refuses a committed link to a file, to a folder and to /proc/self/environ, on the variable, and sends nothing', async () => {
    const text =
      '[\n  { "prompt": "${file:notes.txt}" },\n  { "prompt": "${file:config/credentials}" },\n  { "prompt": "${file:env.txt}" }\n]\n';
    const document = await openInRepo('hostile.bedrock.json', text);
    const expected: Array<[string, RegExp]> = [
      [
        '${file:notes.txt}',
        /\$\{file:notes\.txt\} cannot be read: .*notes\.txt \(a link to .*credentials\) is outside the workspace \(a symbolic link leads there\)/,
      ],
      ['${file:config/credentials}', /\$\{file:config\/credentials\} cannot be read: .*is outside the workspace/],
      [
        '${file:env.txt}',
        /\$\{file:env\.txt\} cannot be read: .*env\.txt \(a link to \/proc\/\d+\/environ\) is in \/proc/,
      ],
    ];
    for (const [index, [token, message]] of expected.entries()) {
      const report = await runRequest(document.uri, index);
      assert.equal(report.outcome, 'refused');
      const problem = report.fileProblem;
      assert.ok(problem);
      assert.match(problem.message, message);
      assert.doesNotMatch(problem.message, /not-for-the-model/);
      assert.equal(text.slice(problem.range.offset, problem.range.offset + problem.range.length), token);
      // The refusal is a diagnostic on the variable itself, with the same message.
      const diagnostics = await bedrockDiagnostics(document.uri, index + 1);
      const start = document.positionAt(problem.range.offset);
      const onToken = diagnostics.find((d) => d.range.start.isEqual(start));
      assert.ok(onToken, `a diagnostic on ${token}`);
      assert.equal(onToken.message, problem.message);
      assert.equal(document.getText(onToken.range), token);
    }
    assert.deepEqual(await emulator.invocations(), []);
    assert.equal(document.getText(), text, 'the request file is not changed');
  });

  it('reads a link that stays inside the workspace, and a FIFO or an oversized file is refused', async () => {
    execFileSync('mkfifo', [path.join(repo, 'pipe.txt')]);
    fs.writeFileSync(path.join(repo, 'big.txt'), 'x'.repeat(2048));
    await clean.settings({ 'bedrock.maxFileVariableBytes': 1024 });
    const document = await openInRepo(
      'inside.bedrock.json',
      '[{ "prompt": "${file:alias.txt}" }, { "prompt": "${file:pipe.txt}" }, { "prompt": "${file:big.txt}" }]',
    );
    const ok = await runRequest(document.uri, 0);
    assert.equal(ok.outcome, 'completed', ok.problem?.message ?? ok.fileProblem?.message);
    const [sent] = await emulator.invocations();
    assert.equal(
      (sent.body as { messages: { content: { text: string }[] }[] }).messages[0].content[0].text,
      'a real prompt',
    );

    const fifo = await runRequest(document.uri, 1);
    assert.match(
      fifo.fileProblem?.message ?? '',
      /\$\{file:pipe\.txt\} cannot be read: .*pipe\.txt is a named pipe \(FIFO\), not a regular file/,
    );
    const big = await runRequest(document.uri, 2);
    assert.match(
      big.fileProblem?.message ?? '',
      /\$\{file:big\.txt\} cannot be read: .*big\.txt is 2 KiB, over the limit of 1 KiB \(bedrock\.maxFileVariableBytes\)/,
    );
    assert.equal((await emulator.invocations()).length, 1, 'only the first request was sent');
  });

  it('saves no image through a committed link that leads out of the workspace', async () => {
    fs.mkdirSync(path.join(outside, 'drop'));
    fs.symlinkSync(path.relative(repo, path.join(outside, 'drop')), path.join(repo, 'bedrock-output'));
    const document = await openInRepo(
      'robot.bedrock.json',
      '{ "modelId": "stability.sd3-5-large-v1:0", "prompt": "a robot" }',
    );
    const report = await runRequest(document.uri, 0);
    assert.equal(report.outcome, 'completed');
    assert.deepEqual(fs.readdirSync(path.join(outside, 'drop')), [], 'nothing was written through the link');
  });

  it('saves no image outside the workspace because the workspace settings say so, and does when the user settings do', async () => {
    const target = path.join(outside, 'renders');
    const workspaceConfig = vscode.workspace.getConfiguration('bedrock');
    await workspaceConfig.update('imageOutputFolder', target, vscode.ConfigurationTarget.Workspace);
    try {
      const document = await openInRepo(
        'canvas.bedrock.json',
        '{ "modelId": "stability.sd3-5-large-v1:0", "prompt": "a robot" }',
      );
      await runRequest(document.uri, 0);
      assert.equal(fs.existsSync(target), false, 'nothing was written where the workspace pointed');
    } finally {
      await workspaceConfig.update('imageOutputFolder', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await clean.settings({ 'bedrock.imageOutputFolder': target });
    const document = await openInRepo(
      'canvas2.bedrock.json',
      '{ "modelId": "stability.sd3-5-large-v1:0", "prompt": "a robot" }',
    );
    await runRequest(document.uri, 0);
    assert.equal(
      fs.readdirSync(target).filter((f) => f.endsWith('.png')).length,
      1,
      'the user chose the folder: the image is there',
    );
  });
});
