// Request files parsed once per version in one document store, in the real extension host: a 1 MB request file
// gets its CodeLenses and its problems while typing (a duplicate key on the duplicate) without stalling the
// extension host, and a request with a duplicate key is not sent.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
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

function megabyteFile(): string {
  const requests = Array.from({ length: 900 }, (_, i) => ({
    name: `r${i}`,
    modelId: NOVA,
    prompt: `${'x'.repeat(1100)} ${i}`,
  }));
  const text = JSON.stringify(requests, null, 2);
  // The last request names its model twice.
  return `${text.slice(0, text.lastIndexOf('}'))}, "modelId": "anthropic.claude-3-haiku-20240307-v1:0" }\n]`;
}

describe('Request files: one document store', () => {
  cleanSlate({ settings: { 'bedrock.modelId': NOVA, 'bedrock.output': 'outputChannel', 'bedrock.stream': true } });

  it('a 1 MB request file gets its lenses and a diagnostic on the duplicate key without stalling the host; that request is not sent', async () => {
    const file = path.join(workspaceDir(), 'big.bedrock.json');
    const text = megabyteFile();
    fs.writeFileSync(file, text);
    // The same text as plain JSON, which none of our features reads: what VS Code itself costs the host.
    const plain = path.join(workspaceDir(), 'big-plain.json');
    fs.writeFileSync(plain, text);
    const baseline = monitorEventLoopDelay({ resolution: 10 });
    const plainDocument = await vscode.workspace.openTextDocument(vscode.Uri.file(plain));
    baseline.enable();
    await vscode.window.showTextDocument(plainDocument, { preview: false });
    await new Promise((resolve) => setTimeout(resolve, 1000));
    baseline.disable();
    const delay = monitorEventLoopDelay({ resolution: 10 });
    const document = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
    // Measured: what the workbench asks of us for an editor shown (its CodeLenses, the status bar's model, the
    // problems while typing), up to the duplicate-key diagnostic; not this test's own calls afterwards.
    delay.enable();
    await vscode.window.showTextDocument(document, { preview: false });
    const duplicate = await until('the duplicate-key diagnostic', () =>
      vscode.languages
        .getDiagnostics(document.uri)
        .find((d) => d.source === 'Bedrock' && /"modelId" appears twice/.test(d.message)),
    );
    await new Promise((resolve) => setTimeout(resolve, 1000));
    delay.disable();
    const maxMs = delay.max / 1e6;
    assert.equal(document.getText(duplicate.range), '"modelId"');
    assert.equal(document.offsetAt(duplicate.range.start), text.lastIndexOf('"modelId"'));
    const lenses = await until(
      'the lenses of 900 requests',
      async () => {
        const all = await vscode.commands.executeCommand<vscode.CodeLens[]>(
          'vscode.executeCodeLensProvider',
          document.uri,
        );
        const ours = all.filter((l) => l.command?.command === 'bedrock.runRequestFile');
        return ours.length === 1800 ? ours : undefined;
      },
      30_000,
    );
    assert.equal(lenses.length, 1800);
    // Our parse runs in a worker thread; what is left on the host's thread is VS Code's own work with the text (the
    // baseline, which also carries the machine's load) and ours per lens: within 50 ms of the baseline.
    const baselineMs = baseline.max / 1e6;
    assert.ok(
      maxMs < baselineMs + 50,
      `the extension host stalled ${maxMs.toFixed(0)} ms (VS Code alone: ${baselineMs.toFixed(0)} ms)`,
    );

    const run = (requestIndex: number) =>
      vscode.commands.executeCommand<RequestRunReport[]>('bedrock.runRequestFile', document.uri, { requestIndex });
    const [refused] = await run(899);
    assert.equal(refused.outcome, 'refused');
    assert.match(
      refused.fileProblem?.message ?? '',
      /"modelId" appears twice in this object \(first on line \d+\).*not sent/,
    );
    assert.deepEqual(await emulator.invocations(), []);
    const [sent] = await run(3);
    assert.equal(sent.outcome, 'completed', sent.problem?.message ?? sent.fileProblem?.message);
    assert.equal((await emulator.invocations()).length, 1);
    fs.rmSync(file);
    fs.rmSync(plain);
  });
});
