// A person's first contact with the extension: F1, "Bedrock:", every command is there, and one of them works.
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { repoRoot } from '../harness/paths';
import { useWorkbench } from '../harness/useWorkbench';
import { runCommand, searchCommands } from '../harness/workbench';

interface ContributedCommand {
  command: string;
  title: string;
  category?: string;
}

const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
const bedrockTitles = (manifest.contributes.commands as ContributedCommand[])
  .filter((c) => c.category === 'Bedrock')
  .map((c) => `${c.category}: ${c.title}`);

describe('command palette', () => {
  const wb = useWorkbench();

  it('lists every Bedrock command of the installed .vsix when you type "Bedrock:"', async () => {
    assert.ok(bedrockTitles.length > 0, 'package.json contributes no Bedrock commands');
    const listed = await searchCommands(wb().page, 'Bedrock:');
    assert.deepEqual(
      bedrockTitles.filter((t) => !listed.includes(t)),
      [],
      `the palette lists: ${listed.join(' | ')}`,
    );
  });

  it('runs "Bedrock: Open Settings" and shows the Settings editor filtered to this extension', async () => {
    const { page } = wb();
    await runCommand(page, 'Bedrock: Open Settings');
    const editor = page.locator('.settings-editor');
    await editor.waitFor({ state: 'visible', timeout: 15_000 });
    await page
      .locator('.settings-editor .suggest-input-container .view-line', {
        hasText: '@ext:bedrock-invoke.bedrock-invoke',
      })
      .waitFor({ timeout: 15_000 });
  });
});
