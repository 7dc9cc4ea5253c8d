// A person selects text in the editor, runs `Bedrock: Invoke Model on Selection` from the command palette and reads
// the streamed answer in the Output panel; then cancels a long answer from the progress notification.
import * as assert from 'node:assert/strict';
import { useWorkbench } from '../harness/useWorkbench';
import { runCommand, screenshot, selectPromptFile, waitForOutput } from '../harness/workbench';

const HAIKU = 'anthropic.claude-3-haiku-20240307-v1:0';
const PROMPT = 'Write a haiku about a river that flows backwards.';

describe('Invoke Model on Selection', () => {
  const wb = useWorkbench({ settings: { 'bedrock.modelId': HAIKU, 'bedrock.output': 'outputChannel' } });

  it('streams the answer to the selected text into the Bedrock Output panel', async () => {
    const { page, emulator } = wb();
    await selectPromptFile(page);

    await runCommand(page, 'Bedrock: Invoke Model on Selection');

    const log = await waitForOutput(wb(), 'Bedrock', /■ stop: end_turn/, 30_000);
    assert.ok(log.includes(PROMPT), 'the answer echoes the selected prompt');
    assert.match(log, new RegExp(`▶ ${HAIKU.replace(/\./g, '\\.')} · profile emulator · us-east-1`));
    const panel = page.locator('.part.panel .output-view, .part.panel [id="workbench.panel.output"]').first();
    await panel
      .locator('.view-line', { hasText: 'stop: end_turn' })
      .first()
      .waitFor({ state: 'visible', timeout: 15_000 });
    const [request] = emulator.requests().filter((r) => r.operation.startsWith('InvokeModel'));
    assert.equal(request.operation, 'InvokeModelWithResponseStream');
    assert.ok(JSON.stringify(request.body).includes(PROMPT));
    await page
      .locator('.notification-toast', { hasText: `Bedrock: ${HAIKU}` })
      .waitFor({ state: 'hidden', timeout: 15_000 });
    await screenshot(page, 'invoke selection - answer in the Output panel');
  });

  it('cancels a long answer from the progress notification: the request is aborted and the partial text stays', async () => {
    const { page, emulator } = wb();
    emulator.reset();
    emulator.configure({ fillerTokens: 3000, pacing: { chunksPerSecond: 30 } });
    await selectPromptFile(page);

    await runCommand(page, 'Bedrock: Invoke Model on Selection');
    const notification = page.locator('.notification-toast', { hasText: `Bedrock: ${HAIKU}` });
    await notification.waitFor({ state: 'visible', timeout: 15_000 });
    await notification.locator('.monaco-progress-container, .notification-list-item-message').first().waitFor();
    await page.waitForTimeout(1000);
    await screenshot(page, 'invoke selection - streaming with a progress notification');
    await notification.locator('a.monaco-button, .monaco-button', { hasText: 'Cancel' }).first().click();

    await waitForOutput(wb(), 'Bedrock', /■ cancelled after \d+ chunk/, 15_000);
    const deadline = Date.now() + 10_000;
    while (!emulator.requests().some((r) => r.aborted) && Date.now() < deadline) await page.waitForTimeout(100);
    const [request] = emulator.requests().filter((r) => r.operation.startsWith('InvokeModel'));
    assert.equal(request.aborted, true, 'the emulator saw the HTTP request aborted');
    assert.equal(request.completed, false);
    emulator.configure({ fillerTokens: 8, pacing: { chunksPerSecond: 0 } });
  });

  it('offers to send the whole document when nothing is selected', async () => {
    const { page, emulator } = wb();
    emulator.reset();
    await selectPromptFile(page);
    await page.keyboard.press('Control+End'); // a cursor, no selection

    await runCommand(page, 'Bedrock: Invoke Model on Selection');
    const offer = page.locator('.notification-toast', { hasText: 'No text is selected' });
    await offer.waitFor({ state: 'visible', timeout: 15_000 });
    assert.equal(
      emulator.requests().filter((r) => r.operation.startsWith('InvokeModel')).length,
      0,
      'nothing is sent before the user agrees',
    );
    await offer.locator('.monaco-button', { hasText: 'Send Whole Document' }).click();

    const deadline = Date.now() + 15_000;
    while (!emulator.requests().some((r) => r.operation.startsWith('InvokeModel')) && Date.now() < deadline)
      await page.waitForTimeout(100);
    const [request] = emulator.requests().filter((r) => r.operation.startsWith('InvokeModel'));
    assert.ok(request, 'the whole document was sent');
    assert.ok(JSON.stringify(request.body).includes(PROMPT));
  });
});
