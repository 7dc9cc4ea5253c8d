// A person with a request file: opens it from the Explorer, clicks the `Invoke` CodeLens above the request, and reads
// the answer in the Bedrock Output channel; a request with `${input:...}` asks its question first. The file is what they
// wrote, before and after.
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { useWorkbench } from '../harness/useWorkbench';
import { screenshot, waitForOutput } from '../harness/workbench';

const MARKER = 'lighthouse-keeper-e2e';
const REQUEST = `// Asked from the e2e test
{
  "name": "e2e request",
  "modelId": "anthropic.claude-3-haiku-20240307-v1:0",
  "prompt": "Tell me about the ${MARKER}",
  "maxTokens": 100,
}
`;

const ASK = `{
  "modelId": "anthropic.claude-3-haiku-20240307-v1:0",
  "prompt": "Tell me about \${input:Which topic?}",
}
`;

describe('request files', () => {
  const wb = useWorkbench({ files: { 'e2e.bedrock.json': REQUEST, 'ask.bedrock.json': ASK } });

  it('runs a request from the Invoke CodeLens and streams the answer into the Output channel', async () => {
    const { page, emulator, workspace } = wb();
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'e2e.bedrock.json' }).first().click();
    const invoke = page.locator('.contentWidgets .codelens-decoration a', { hasText: /^Invoke$/ });
    await invoke.waitFor({ state: 'visible', timeout: 30_000 });
    assert.equal(
      await page.locator('.contentWidgets .codelens-decoration a', { hasText: 'Invoke without streaming' }).count(),
      1,
    );
    const runButton = page.locator('.editor-actions .action-label[aria-label*="Run Request File"]');
    assert.equal(await runButton.count(), 1, 'the editor title offers Run Request File for a request file');
    await screenshot(page, 'request files - CodeLens above the request');

    await invoke.click();

    const log = await waitForOutput(wb(), 'Bedrock', new RegExp(`${MARKER}[\\s\\S]*■ stop: end_turn`), 30_000);
    assert.match(log, /▶ anthropic\.claude-3-haiku-20240307-v1:0 · profile emulator/);
    const invocations = emulator.requests().filter((r) => r.operation.startsWith('InvokeModel'));
    assert.deepEqual(
      invocations.map((r) => [r.operation, r.modelId]),
      [['InvokeModelWithResponseStream', 'anthropic.claude-3-haiku-20240307-v1:0']],
    );
    assert.match(JSON.stringify(invocations[0].body), new RegExp(MARKER));
    assert.equal(fs.readFileSync(path.join(workspace, 'e2e.bedrock.json'), 'utf8'), REQUEST);
  });

  it('asks for an ${input:...} variable in an input box, sends the answer, and leaves the file as it was', async () => {
    const { page, emulator, workspace } = wb();
    emulator.reset();
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'ask.bedrock.json' }).first().click();
    const invoke = page.locator('.contentWidgets .codelens-decoration a', { hasText: /^Invoke$/ });
    await invoke.waitFor({ state: 'visible', timeout: 30_000 });
    await invoke.click();

    const quickInput = page.locator('.quick-input-widget');
    await quickInput
      .locator('.quick-input-message', { hasText: 'Which topic?' })
      .waitFor({ state: 'visible', timeout: 15_000 });
    assert.equal(
      emulator.requests().filter((r) => r.operation.startsWith('InvokeModel')).length,
      0,
      'nothing is sent before the answer',
    );
    await screenshot(page, 'request files - input variable asked');
    await quickInput.locator('.quick-input-box input').fill('owls-of-the-e2e');
    await page.keyboard.press('Enter');

    await waitForOutput(wb(), 'Bedrock', /Tell me about owls-of-the-e2e[\s\S]*■ stop: end_turn/, 30_000);
    const invocations = emulator.requests().filter((r) => r.operation.startsWith('InvokeModel'));
    assert.equal(invocations.length, 1);
    assert.match(JSON.stringify(invocations[0].body), /Tell me about owls-of-the-e2e/);
    assert.equal(fs.readFileSync(path.join(workspace, 'ask.bedrock.json'), 'utf8'), ASK);
  });
});
