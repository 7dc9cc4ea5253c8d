// Request files (*.bedrock.json): CodeLens above each request, Run Request File (palette, editor title, Explorer),
// New Request File, and Show Last Raw Response. The engine is core/requestFile; this is the VS Code side.
import * as vscode from 'vscode';
import type { Ctx } from '../context';
import { COMMANDS } from '../commands';
import { RequestCodeLensProvider, type LensArgs } from './codeLens';
import { LiveProblems } from './liveProblems';
import { newRequestFile } from './newRequestFile';
import { RequestRunner } from './run';
import { addToolResult } from './toolResult';
import { countRequest, countSelection, TokenCounts, type CountArgs } from './countTokens';
import { showLastRawResponse } from './showLastRawResponse';
import { RecentEditors } from './variables';
import { openPicker } from '../ui/quickPick';

export const REQUEST_FILE_SELECTOR: vscode.DocumentFilter = { pattern: '**/*.bedrock.json' };

export function isRequestFile(uri: vscode.Uri): boolean {
  return /\.bedrock\.json$/i.test(uri.path);
}

function isLensArgs(value: unknown): value is LensArgs {
  return typeof value === 'object' && value !== null && typeof (value as LensArgs).requestIndex === 'number';
}

/** Which requests the command runs: the one under the cursor, the only one, or the ones the user picks. */
async function chooseRequests(ctx: Ctx, document: vscode.TextDocument): Promise<number[] | undefined> {
  const file = ctx.requestFiles.file(document);
  if (file.requests.length <= 1) return [file.requests[0]?.index ?? 0];
  const editor = vscode.window.activeTextEditor;
  if (editor?.document === document) {
    const under = file.requestAt(document.offsetAt(editor.selection.active));
    if (under) return [under.index];
  }
  const all = {
    label: `$(run-all) All ${file.requests.length} requests, in order`,
    indexes: file.requests.map((r) => r.index),
  };
  const items = file.requests.map((r) => ({
    label: r.name ?? `Request ${r.index + 1}`,
    description: r.modelId ?? '(selected model)',
    detail: (r.prompt ?? JSON.stringify(r.body ?? r.converse?.messages ?? {})).slice(0, 120),
    indexes: [r.index],
  }));
  const picker = openPicker<vscode.QuickPickItem & { indexes: number[] }>({
    title: 'Run which request?',
    placeholder: 'Tip: with the cursor inside a request, Run Request File runs that one',
    matchOnDetail: true,
  });
  picker.show([...items, all]);
  return (await picker.done)?.indexes;
}

export function register(ctx: Ctx): void {
  const editors = new RecentEditors();
  const runner = new RequestRunner(ctx, editors);

  const run = async (target?: unknown, args?: unknown) => {
    const uri = target instanceof vscode.Uri ? target : vscode.window.activeTextEditor?.document.uri;
    if (!uri || !isRequestFile(uri)) {
      const choice = await vscode.window.showInformationMessage(
        'Open a request file (*.bedrock.json) to run it, or create one.',
        'New Request File',
      );
      if (choice) await vscode.commands.executeCommand(COMMANDS.newRequestFile);
      return undefined;
    }
    const document = await vscode.workspace.openTextDocument(uri);
    const lens = isLensArgs(args) ? args : undefined;
    const indexes = lens ? [lens.requestIndex] : await chooseRequests(ctx, document);
    if (!indexes) return undefined;
    return runner.run(document, indexes, lens?.stream === false ? { stream: false } : {});
  };

  const counts = new TokenCounts();
  const lenses = new RequestCodeLensProvider(ctx, counts);
  const countTokens = async (target?: unknown, args?: unknown) => {
    const index =
      typeof (args as CountArgs | undefined)?.requestIndex === 'number' ? (args as CountArgs).requestIndex : undefined;
    const editor = vscode.window.activeTextEditor;
    const uri = target instanceof vscode.Uri ? target : editor?.document.uri;
    if (uri && isRequestFile(uri) && index !== undefined) return countRequest(ctx, runner, counts, uri, index);
    // From the palette in a request file: the request under the cursor; anywhere else: the selection.
    if (uri && isRequestFile(uri) && editor?.document.uri.toString() === uri.toString()) {
      const under = ctx.requestFiles.file(editor.document).requestAt(editor.document.offsetAt(editor.selection.active));
      if (under) return countRequest(ctx, runner, counts, uri, under.index);
    }
    return countSelection(ctx);
  };
  ctx.own(
    editors,
    counts,
    lenses,
    vscode.commands.registerCommand(COMMANDS.countTokens, countTokens),
    vscode.languages.registerCodeLensProvider(REQUEST_FILE_SELECTOR, lenses),
    vscode.commands.registerCommand(COMMANDS.addToolResult, (target?: unknown, args?: unknown) =>
      addToolResult(ctx, target, args),
    ),
    new LiveProblems(ctx.requestFiles, isRequestFile, (e) => ctx.log.error('request-file problems', e)),
    vscode.commands.registerCommand(COMMANDS.runRequestFile, run),
    vscode.commands.registerCommand(COMMANDS.newRequestFile, (folder?: unknown) => newRequestFile(ctx, folder)),
    vscode.commands.registerCommand(COMMANDS.showLastRawResponse, () => showLastRawResponse(ctx)),
    vscode.workspace.onDidCloseTextDocument((document) => ctx.requestRuns.forget(document.uri)),
  );
}
