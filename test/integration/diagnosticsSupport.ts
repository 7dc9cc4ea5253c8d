// Helpers for the diagnostics suites: request files in the workspace, the `Bedrock` diagnostics of a document, the
// quick fixes VS Code's own code-action command offers for one, and applying a fix as the light bulb would.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { RequestRunReport } from '../../src/features/services/requestRuns';
import { until } from './support/workbench';

export const HAIKU = 'anthropic.claude-3-haiku-20240307-v1:0';
export const HAIKU_35 = 'anthropic.claude-3-5-haiku-20241022-v1:0';
export const NOVA = 'amazon.nova-lite-v1:0';
export const OPUS = 'anthropic.claude-3-opus-20240229-v1:0';

export function workspaceDir(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the integration workspace is open');
  return folder.uri.fsPath;
}

/** Writes a request file (a JSON value, pretty-printed) into the workspace and opens it. */
export async function openRequestFile(name: string, request: unknown): Promise<vscode.TextDocument> {
  const file = path.join(workspaceDir(), 'diagnostics', name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(request, null, 2)}\n`);
  const document = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
  await vscode.window.showTextDocument(document, { preview: false });
  return document;
}

export async function runRequest(document: vscode.TextDocument, requestIndex = 0): Promise<RequestRunReport> {
  const reports = await vscode.commands.executeCommand<RequestRunReport[] | undefined>(
    'bedrock.runRequestFile',
    document.uri,
    { requestIndex },
  );
  assert.ok(reports?.length, 'the request did not run');
  return reports[reports.length - 1];
}

export function bedrockDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Bedrock');
}

/** The Bedrock diagnostics of a document once there are `count` of them. */
export function diagnosticsOf(uri: vscode.Uri, count = 1): Promise<vscode.Diagnostic[]> {
  return until(`${count} Bedrock diagnostic(s)`, () => {
    const found = bedrockDiagnostics(uri);
    return found.length === count ? found : undefined;
  });
}

export function noDiagnostics(uri: vscode.Uri): Promise<true> {
  return until('the Bedrock diagnostics to clear', () => bedrockDiagnostics(uri).length === 0 || undefined);
}

export function textOf(document: vscode.TextDocument, range: vscode.Range): string {
  return document.getText(range);
}

/** The text of the JSON node a path names in the document as it is (the same way the parser finds it). */
export function nodeText(document: vscode.TextDocument, needle: string): vscode.Range {
  const at = document.getText().indexOf(needle);
  assert.ok(at >= 0, `"${needle}" is in the document`);
  return new vscode.Range(document.positionAt(at), document.positionAt(at + needle.length));
}

/** The quick fixes VS Code offers at a diagnostic's range, as the light bulb would list them. */
export async function quickFixes(uri: vscode.Uri, diagnostic: vscode.Diagnostic): Promise<vscode.CodeAction[]> {
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
    'vscode.executeCodeActionProvider',
    uri,
    diagnostic.range,
    vscode.CodeActionKind.QuickFix.value,
  );
  // The API command does not hand back each action's diagnostics: these are the fixes of every diagnostic at the range.
  return actions;
}

export function titles(actions: vscode.CodeAction[]): string[] {
  return actions.map((a) => a.title);
}

/** Applies a fix as choosing it in the quick-fix menu does: its edit, then its command. Returns what the command returned. */
export async function apply(actions: vscode.CodeAction[], title: string | RegExp): Promise<unknown> {
  const action = actions.find((a) => (typeof title === 'string' ? a.title === title : title.test(a.title)));
  assert.ok(action, `a fix "${String(title)}" among: ${titles(actions).join(' | ')}`);
  if (action.edit) assert.ok(await vscode.workspace.applyEdit(action.edit), 'the edit applied');
  if (action.command)
    return vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
  return undefined;
}

/** The document's JSON as it is now (request files here are plain JSON). */
export function jsonOf(document: vscode.TextDocument): Record<string, unknown> {
  return JSON.parse(document.getText()) as Record<string, unknown>;
}
