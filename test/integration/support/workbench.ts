// Small helpers for tests in the extension host: waiting, settings that are restored, the Output channel's text.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ConfigUpdate } from '../../emulator/types';
import { emulator } from './emulator';

export const EXTENSION_ID = 'bedrock-invoke.bedrock-invoke';

export async function until<T>(
  what: string,
  probe: () => T | undefined | Promise<T | undefined>,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value as T;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Sets user settings for one test; restore() puts the previous values back. */
export async function withSettings(values: Record<string, unknown>): Promise<{ restore(): Promise<void> }> {
  const config = vscode.workspace.getConfiguration();
  const previous = Object.keys(values).map((key) => [key, config.inspect(key)?.globalValue] as const);
  for (const [key, value] of Object.entries(values)) await config.update(key, value, vscode.ConfigurationTarget.Global);
  return {
    async restore() {
      for (const [key, value] of previous)
        await vscode.workspace.getConfiguration().update(key, value, vscode.ConfigurationTarget.Global);
    },
  };
}

export interface CleanSlateOptions {
  /** Emulator configuration each test starts from (after a reset). */
  emulator?: ConfigUpdate;
  /** User settings each test starts from. */
  settings?: Record<string, unknown>;
}

/**
 * Each test of the calling suite starts from a reset emulator (configured as given) and the given settings, and leaves
 * nothing behind: settings a test sets with `settings()` are put back, in reverse order, and every editor is closed.
 */
export function cleanSlate(options: CleanSlateOptions = {}): {
  settings(values: Record<string, unknown>): Promise<{ restore(): Promise<void> }>;
} {
  let applied: Array<{ restore(): Promise<void> }> = [];
  const settings = async (values: Record<string, unknown>) => {
    const set = await withSettings(values);
    applied.push(set);
    return set;
  };
  beforeEach(async () => {
    await emulator.reset();
    if (options.emulator) await emulator.configure(options.emulator);
    if (options.settings) await settings(options.settings);
  });
  afterEach(async () => {
    for (const set of applied.reverse()) await set.restore();
    applied = [];
    await closeAllEditors();
  });
  return { settings };
}

export async function activeApi(): Promise<{ logUri: vscode.Uri }> {
  const extension = vscode.extensions.getExtension<{ logUri: vscode.Uri }>(EXTENSION_ID);
  if (!extension) throw new Error(`${EXTENSION_ID} is not installed`);
  return extension.activate();
}

/** The text VS Code wrote for the `Bedrock` Output channel (its log file in this extension host's log folder). */
export async function outputChannelText(): Promise<string> {
  const exthostLogs = path.dirname((await activeApi()).logUri.fsPath);
  const files = fs
    .readdirSync(exthostLogs, { withFileTypes: true })
    .filter((d) => d.isDirectory() && d.name.startsWith('output_logging_'))
    .flatMap((d) => fs.readdirSync(path.join(exthostLogs, d.name)).map((f) => path.join(exthostLogs, d.name, f)))
    .filter((f) => /-Bedrock\.log$/.test(f));
  return files.map((f) => fs.readFileSync(f, 'utf8')).join('');
}

/** The text of the extension's `Bedrock Log` (a LogOutputChannel: VS Code writes it to `<logUri>/Bedrock Log.log`). */
export async function bedrockLogText(): Promise<string> {
  const file = path.join((await activeApi()).logUri.fsPath, 'Bedrock Log.log');
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
}

/** Opens an untitled document with the given text and selections (as [startOffset, endOffset] pairs). */
export async function editorWith(text: string, selections: Array<[number, number]> = []): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument({ language: 'plaintext', content: text });
  const editor = await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.One });
  if (selections.length) {
    editor.selections = selections.map(
      ([start, end]) => new vscode.Selection(document.positionAt(start), document.positionAt(end)),
    );
  }
  return editor;
}

/** Closes every editor without asking to save: untitled test documents are reverted first. */
export async function closeAllEditors(): Promise<void> {
  for (const document of vscode.workspace.textDocuments) {
    if (!document.isDirty) continue;
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}
