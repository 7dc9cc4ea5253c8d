// A person testing their prompts in the workbench: opens the Testing view, where the request file and its requests
// are listed, clicks Run Tests, and sees one request pass and the other fail, with the failure's message in the editor
// on the expectation it is about.
import * as assert from 'node:assert/strict';
import { useWorkbench } from '../harness/useWorkbench';
import { runCommand, screenshot } from '../harness/workbench';

const HAIKU = 'anthropic.claude-3-haiku-20240307-v1:0';
const TESTS = `// Tested from the e2e suite
[
  { "name": "echoes the city", "modelId": "${HAIKU}", "prompt": "Lyon is a city", "expect": { "contains": "Lyon" } },
  { "name": "names the capital", "modelId": "${HAIKU}", "prompt": "Lyon is a city", "expect": { "contains": "Paris" } },
]
`;

describe('Testing view', () => {
  const wb = useWorkbench({ files: { 'capital-e2e.bedrock.json': TESTS } });

  it("lists the request file's requests, runs them from Run Tests, and shows which passed and which failed", async () => {
    const { page, emulator } = wb();
    await page
      .locator('.explorer-folders-view .monaco-list-row', { hasText: 'capital-e2e.bedrock.json' })
      .first()
      .click();
    await page
      .locator('.contentWidgets .codelens-decoration a', { hasText: 'Test' })
      .first()
      .waitFor({ state: 'visible', timeout: 30_000 });
    await runCommand(page, 'Testing: Focus on Test Explorer View');
    const tree = page.locator('.test-explorer');
    await tree
      .locator('.monaco-list-row', { hasText: 'capital-e2e.bedrock.json' })
      .waitFor({ state: 'visible', timeout: 30_000 });

    await page.locator('.action-label[aria-label="Run Tests"]:visible').first().click();

    const file = tree.locator('.monaco-list-row', { hasText: 'capital-e2e.bedrock.json' }).first();
    await file.locator('.codicon-testing-failed-icon').waitFor({ state: 'visible', timeout: 30_000 });
    // The file's row expands to its requests, each with its own result.
    if ((await file.getAttribute('aria-expanded')) !== 'true') await file.click();
    await tree
      .locator('.monaco-list-row', { hasText: 'echoes the city' })
      .locator('.codicon-testing-passed-icon')
      .waitFor({ state: 'visible', timeout: 15_000 });
    await tree
      .locator('.monaco-list-row', { hasText: 'names the capital' })
      .locator('.codicon-testing-failed-icon')
      .waitFor({ state: 'visible', timeout: 15_000 });
    // Test Results lists the failure with its message; the Problems panel counts its diagnostic.
    await page
      .locator('.monaco-list-row', { hasText: 'names the capital' })
      .filter({ hasText: 'Expected the answer to contain "Paris"' })
      .first()
      .waitFor({ state: 'visible', timeout: 15_000 });
    await screenshot(page, 'testing view - one request passed, one failed on its expectation');

    const invocations = emulator
      .requests()
      .filter((r) => r.operation.startsWith('InvokeModel') && JSON.stringify(r.body).includes('Lyon is a city'));
    assert.equal(invocations.length, 2, 'each request was sent once');
  });
});
