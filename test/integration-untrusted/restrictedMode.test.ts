// A stranger's repository, opened in Restricted Mode: request files can be read, validated and completed, but running
// one asks for trust first and sends nothing when the user does not give it (the test host declines every dialog).
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { emulator } from '../integration/support/emulator';
import { until } from '../integration/support/workbench';

describe('Restricted Mode', () => {
  const folder = () => vscode.workspace.workspaceFolders![0].uri;

  before(async () => {
    await vscode.extensions.getExtension('bedrock-invoke.bedrock-invoke')!.activate();
  });
  beforeEach(async () => {
    await emulator.reset();
  });

  it('is what this workspace is in', () => {
    assert.equal(vscode.workspace.isTrusted, false, 'the workspace is trusted: this suite proves nothing');
  });

  it('shows the request file with its CodeLens, but a run sends nothing when trust is not given', async () => {
    const uri = vscode.Uri.joinPath(folder(), 'hello.bedrock.json');
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    const before = document.getText();
    const lenses = await until('the Invoke CodeLens', async () => {
      const found = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
      return found?.some((l) => l.command?.title === 'Invoke') ? found : undefined;
    });
    const invoke = lenses.find((l) => l.command?.title === 'Invoke')!.command!;

    const reports = await vscode.commands.executeCommand(invoke.command, ...(invoke.arguments ?? [])).then(
      (value) => value,
      (error: Error) => error,
    );

    assert.ok(
      reports === undefined || (Array.isArray(reports) && reports.length === 0) || reports instanceof Error,
      `a run happened: ${JSON.stringify(reports)}`,
    );
    assert.deepEqual(await emulator.invocations(), [], 'a request went out from an untrusted workspace');
    assert.equal(document.getText(), before, 'the request file changed');
  });

  it('sends nothing from Run Request File either', async () => {
    const uri = vscode.Uri.file(path.join(folder().fsPath, 'hello.bedrock.json'));
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));

    await vscode.commands.executeCommand('bedrock.runRequestFile').then(
      () => undefined,
      () => undefined,
    );

    assert.deepEqual(await emulator.invocations(), []);
  });

  // (The Testing view's own run asks VS Code for trust first; the extension's run handler refuses on its own too.)
  it('runs no request file as a test from the Test CodeLens: the test errors saying why, nothing is sent', async () => {
    const uri = vscode.Uri.joinPath(folder(), 'hello.bedrock.json');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const lens = await until('the Test CodeLens', async () => {
      const found = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
      return found?.find((l) => l.command?.command === 'bedrock.runTests')?.command;
    });

    await vscode.commands.executeCommand(lens.command, ...(lens.arguments ?? []));

    const snapshot = await until('the refused test result', async () => {
      const s = await vscode.commands.executeCommand<{
        results: Array<{ id: string; status: string; messages: Array<{ message: string }> }>;
      }>('_bedrock.testExplorer');
      return s.results.find((r) => r.id === `${uri.toString()}#0`) ? s : undefined;
    });
    const result = snapshot.results.find((r) => r.id === `${uri.toString()}#0`)!;
    assert.equal(result.status, 'errored');
    assert.match(result.messages[0].message, /needs a trusted workspace: nothing was sent/);
    assert.deepEqual(await emulator.invocations(), [], 'a test sent a request from an untrusted workspace');
  });

  it('offers no Bedrock chat model and lists nothing for VS Code chat', async () => {
    const models = await vscode.lm.selectChatModels({ vendor: 'bedrock' });
    assert.deepEqual(
      models.map((m) => m.id),
      [],
    );
    assert.deepEqual(
      (await emulator.requests()).map((r) => r.operation),
      [],
      'a request went out from an untrusted workspace',
    );
  });

  it('ignores workspace values of the settings that decide where requests go and who signs them', () => {
    const manifest = vscode.extensions.getExtension('bedrock-invoke.bedrock-invoke')!.packageJSON;
    const restricted: string[] = manifest.capabilities.untrustedWorkspaces.restrictedConfigurations;
    for (const key of ['bedrock.endpoint', 'bedrock.profile', 'bedrock.region'])
      assert.ok(restricted.includes(key), `${key} is not restricted`);
    // The user's own endpoint (the emulator) still applies in Restricted Mode.
    assert.equal(vscode.workspace.getConfiguration('bedrock').get('endpoint'), process.env.BEDROCK_EMULATOR_URL);
  });
});
