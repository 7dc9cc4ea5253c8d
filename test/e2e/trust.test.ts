// A person opens a repository whose workspace settings send Bedrock requests to a non-AWS endpoint: the status bar
// says so, the first request asks (nothing goes out before the yes), and the next request does not ask again.
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { useWorkbench } from '../harness/useWorkbench';
import { runCommand, screenshot, selectPromptFile, waitForOutput } from '../harness/workbench';

describe('workspace endpoint', () => {
  const wb = useWorkbench({ settings: { 'bedrock.modelId': 'anthropic.claude-3-haiku-20240307-v1:0' } });

  const invocations = () =>
    wb()
      .emulator.requests()
      .filter((r) => r.operation.startsWith('InvokeModel'));

  async function invokeOnPrompt(): Promise<void> {
    await selectPromptFile(wb().page);
    await runCommand(wb().page, 'Bedrock: Invoke Model on Selection');
  }

  it('is confirmed once per workspace before the first request goes there', async () => {
    const { page, emulator, workspace } = wb();
    fs.mkdirSync(path.join(workspace, '.vscode'), { recursive: true });
    fs.writeFileSync(
      path.join(workspace, '.vscode', 'settings.json'),
      JSON.stringify({ 'bedrock.endpoint': emulator.url }, null, 2),
    );
    const statusItem = page.locator('.statusbar-item', { hasText: 'emulator · us-east-1' });
    await statusItem.waitFor({ state: 'visible' });
    await statusItem.hover();
    await page
      .locator('.monaco-hover', { hasText: 'The workspace settings send requests to' })
      .waitFor({ state: 'visible', timeout: 15_000 });
    await screenshot(page, 'trust - the status bar names the workspace endpoint');
    await page.keyboard.press('Escape');
    emulator.reset();

    await invokeOnPrompt();
    const dialog = page.locator('.monaco-dialog-box', { hasText: 'This workspace sends Bedrock requests to' });
    await dialog.waitFor({ state: 'visible', timeout: 15_000 });
    await screenshot(page, 'trust - confirm the workspace endpoint');
    assert.equal(invocations().length, 0, 'a request went out before the user said yes');
    await dialog.locator('.monaco-button', { hasText: `Send to ${emulator.url}` }).click();
    await waitForOutput(wb(), 'Bedrock', /■ stop: end_turn/, 30_000);
    assert.equal(invocations().length, 1);

    await invokeOnPrompt();
    const deadline = Date.now() + 15_000;
    while (invocations().length < 2 && Date.now() < deadline) await page.waitForTimeout(100);
    assert.equal(invocations().length, 2, 'the second request did not go out');
    assert.equal(await page.locator('.monaco-dialog-box').count(), 0, 'asked a second time');
  });
});
