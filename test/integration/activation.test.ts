// The extension, as VS Code itself loads it: activation, its contributed commands, and the simplest of them doing
// what its title says.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, until } from './support/workbench';

describe('extension activation', () => {
  it('is installed in the extension host under its manifest id', () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not loaded`);
    assert.equal(extension.packageJSON.name, 'bedrock-invoke');
  });

  // package.json may activate it earlier (onStartupFinished), so this proves "active once used", not "lazy".
  it('is active once `Bedrock: Open Settings` has run, and the command opens the Settings editor', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    assert.equal(vscode.window.tabGroups.all.flatMap((g) => g.tabs).length, 0, 'editors left open before the test');

    await vscode.commands.executeCommand('bedrock.openSettings');

    assert.equal(vscode.extensions.getExtension(EXTENSION_ID)!.isActive, true);
    const tab = await until('the Settings editor tab', () => {
      const active = vscode.window.tabGroups.activeTabGroup.activeTab;
      return active?.label === 'Settings' ? active : undefined;
    });
    assert.equal(tab.isActive, true);
  });

  it('registers every command its package.json contributes', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
    await extension.activate();
    const contributed: string[] = extension.packageJSON.contributes.commands.map((c: { command: string }) => c.command);
    assert.ok(contributed.length > 0, 'package.json contributes no commands');
    const registered = new Set(await vscode.commands.getCommands(true));
    assert.deepEqual(
      contributed.filter((c) => !registered.has(c)),
      [],
      'contributed but not registered',
    );
  });

  it('does not load the AWS SDK at activation (only on the first Bedrock call)', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
    await extension.activate();
    // Give the status bar time to resolve the profile's region, which it does right after activation.
    await new Promise((r) => setTimeout(r, 1500));
    const loaded = Object.keys(require.cache).filter((file) => file.startsWith(extension.extensionPath));
    assert.ok(
      loaded.some((file) => file.endsWith('extension.js')),
      `the extension bundle is not in require.cache: ${loaded.join(', ')}`,
    );
    assert.deepEqual(
      loaded.filter((file) => /[\\/]dist[\\/]sdk\.js$/.test(file)),
      [],
      'the SDK bundle was loaded at activation',
    );
  });
});
