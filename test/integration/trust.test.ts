// Secret safety in a trusted workspace: a non-AWS endpoint that comes from the workspace's own settings is confirmed
// before the first request goes there (the test host refuses dialogs, which is a "no": nothing may be sent).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { emulator, emulatorUrl } from './support/emulator';
import { cleanSlate, editorWith } from './support/workbench';

describe('workspace endpoint', () => {
  // An answer at full speed: an earlier suite may have left the emulator pacing a slow stream.
  const clean = cleanSlate({ emulator: { fillerTokens: 8, pacing: { chunksPerSecond: 0, firstByteDelayMs: 0 } } });
  afterEach(async () => {
    await vscode.workspace
      .getConfiguration('bedrock')
      .update('endpoint', undefined, vscode.ConfigurationTarget.Workspace);
  });

  it('asks before sending to a non-AWS endpoint set by the workspace, and sends nothing when not confirmed', async () => {
    await clean.settings({ 'bedrock.modelId': 'anthropic.claude-3-haiku-20240307-v1:0' });
    await vscode.workspace
      .getConfiguration('bedrock')
      .update('endpoint', emulatorUrl(), vscode.ConfigurationTarget.Workspace);
    await editorWith('Send me somewhere else', [[0, 22]]);

    const outcome = await vscode.commands.executeCommand('bedrock.invokeSelection').then(
      (value) => value,
      (error: Error) => error,
    );

    assert.ok(outcome === undefined || outcome instanceof Error, `an invocation ran: ${JSON.stringify(outcome)}`);
    assert.deepEqual(await emulator.invocations(), [], 'a request was sent before the endpoint was confirmed');
  });

  it("sends without asking when the endpoint comes from the user's own settings", async () => {
    await clean.settings({ 'bedrock.modelId': 'anthropic.claude-3-haiku-20240307-v1:0' });
    await editorWith('My own endpoint', [[0, 15]]);

    const outcome = await vscode.commands.executeCommand<{ result: { outcome: string } }>('bedrock.invokeSelection');

    assert.equal(outcome?.result.outcome, 'completed');
    assert.equal((await emulator.invocations()).length, 1);
  });

  it('offers no Bedrock chat model from a non-AWS endpoint the workspace set until it is confirmed, and lists nothing there', async () => {
    await vscode.workspace
      .getConfiguration('bedrock')
      .update('endpoint', emulatorUrl(), vscode.ConfigurationTarget.Workspace);
    const models = await vscode.lm.selectChatModels({ vendor: 'bedrock' });
    assert.deepEqual(
      models.map((m) => m.id),
      [],
    );
    assert.deepEqual(
      (await emulator.requests()).map((r) => r.operation),
      [],
      'a request went to the unconfirmed endpoint',
    );
  });
});
