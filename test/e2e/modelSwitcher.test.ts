// A person switches models from the status bar: clicks the model item, refreshes the list, filters the picker, picks
// Nova Lite; the status bar says so and the next Invoke Model on Selection uses it; a request file shows its own model.
import * as assert from 'node:assert/strict';
import { useWorkbench } from '../harness/useWorkbench';
import { runCommand, screenshot, waitForOutput } from '../harness/workbench';

const HAIKU = 'anthropic.claude-3-haiku-20240307-v1:0';
const NOVA_LITE = 'amazon.nova-lite-v1:0';

describe('model switcher', () => {
  const wb = useWorkbench({ settings: { 'bedrock.modelId': HAIKU, 'bedrock.output': 'outputChannel' } });

  it('picks a model from the status bar (after refreshing the list); the item shows it and the next invocation uses it', async () => {
    const { page, emulator } = wb();
    const modelItem = page.locator('[id="bedrock-invoke.bedrock-invoke.bedrock.model"]');
    const connectionItem = page.locator('[id="bedrock-invoke.bedrock-invoke.bedrock.connection"]');
    // The extension activates when startup finishes and shows both items without any command being run.
    await modelItem.filter({ hasText: 'Claude 3 Haiku' }).waitFor({ state: 'visible', timeout: 60_000 });
    await connectionItem.filter({ hasText: 'emulator · us-east-1' }).waitFor({ state: 'visible', timeout: 15_000 });

    await modelItem.click();
    const quickInput = page.locator('.quick-input-widget');
    await quickInput
      .locator('.quick-input-title', { hasText: 'Bedrock: Select Model (emulator · us-east-1)' })
      .waitFor({ state: 'visible' });
    const rows = quickInput.locator('.quick-input-list .monaco-list-row');
    await rows.filter({ hasText: NOVA_LITE }).first().waitFor({ state: 'visible', timeout: 20_000 });

    // The title bar's refresh button lists the models again from the control plane, past the cache.
    const listed = () => emulator.requests().filter((r) => r.operation === 'ListFoundationModels').length;
    const listedBefore = listed();
    await quickInput
      .locator(
        '.quick-input-titlebar .action-label[aria-label^="List the models of profile emulator in us-east-1 again"]',
      )
      .click();
    for (let i = 0; i < 100 && listed() === listedBefore; i++) await page.waitForTimeout(100);
    assert.equal(listed(), listedBefore + 1, 'the refresh button listed the models again');
    await rows.filter({ hasText: NOVA_LITE }).first().waitFor({ state: 'visible', timeout: 20_000 });

    await quickInput.locator('.quick-input-box input').fill('nova');
    const nova = rows.filter({ hasText: NOVA_LITE }).first();
    await nova.waitFor({ state: 'visible' });
    await screenshot(page, 'model switcher - picker filtered to nova');
    await nova.click();
    await quickInput.waitFor({ state: 'hidden' });

    await modelItem.filter({ hasText: 'Nova Lite' }).waitFor({ state: 'visible', timeout: 15_000 });
    const listings = emulator.requests().filter((r) => r.operation === 'ListFoundationModels');
    assert.ok(
      listings.length >= 1 && listings.every((r) => r.region === 'us-east-1'),
      "the picker listed the region's models",
    );
    await screenshot(page, 'model switcher - status bar shows Nova Lite');

    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'prompt.txt' }).first().click();
    const editor = page.locator('.editor-instance .monaco-editor .view-lines').first();
    await editor.waitFor({ state: 'visible' });
    await editor.click();
    await page.keyboard.press('Control+A');
    await runCommand(page, 'Bedrock: Invoke Model on Selection');

    await waitForOutput(
      wb(),
      'Bedrock',
      new RegExp(`▶ ${NOVA_LITE.replace(/[.]/g, '\\.')} · profile emulator · us-east-1[\\s\\S]*■ stop`),
      30_000,
    );
    const invocations = emulator.requests().filter((r) => r.operation.startsWith('InvokeModel'));
    assert.deepEqual(
      invocations.map((r) => r.modelId),
      [NOVA_LITE],
    );

    // A request file names its own model, and the item follows the active editor.
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'hello.bedrock.json' }).first().click();
    await modelItem.filter({ hasText: 'Claude 3 Haiku' }).waitFor({ state: 'visible', timeout: 15_000 });
  });
});
