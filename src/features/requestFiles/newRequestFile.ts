// `Bedrock: New Request File`: an unsaved *.bedrock.json beside the current file (or in the folder picked in the
// Explorer), holding a ready-to-run request for the current model built from its family's template. Nothing is
// written to disk until the user saves.
import * as vscode from 'vscode';
import { resolveModel, type ModelFamily } from '../../core/models';
import { requestFileTemplate } from '../../core/requestFile';
import type { Ctx } from '../context';
import { currentModelId, familyFor } from '../services/modelChoice';

async function exists(uri: vscode.Uri): Promise<boolean> {
  if (vscode.workspace.textDocuments.some((d) => d.uri.path === uri.path)) return true;
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

async function targetFolder(folderArg: unknown): Promise<vscode.Uri | undefined> {
  if (folderArg instanceof vscode.Uri && folderArg.scheme === 'file') {
    const stat = await vscode.workspace.fs.stat(folderArg).then(
      (s) => s,
      () => undefined,
    );
    if (stat) return stat.type & vscode.FileType.Directory ? folderArg : vscode.Uri.joinPath(folderArg, '..');
  }
  const active = vscode.window.activeTextEditor?.document.uri;
  if (active?.scheme === 'file' && vscode.workspace.getWorkspaceFolder(active))
    return vscode.Uri.joinPath(active, '..');
  return vscode.workspace.workspaceFolders?.[0]?.uri;
}

export async function newRequestFile(ctx: Ctx, folderArg?: unknown): Promise<vscode.TextDocument | undefined> {
  const modelId = await currentModelId();
  if (!modelId) return undefined;
  const resolution = resolveModel(modelId);
  let family: ModelFamily | undefined = resolution.family;
  if (!family && resolution.needsFamilyChoice) family = await familyFor(ctx, modelId, ['text', 'embedding', 'image']);
  const text = requestFileTemplate(modelId, family);

  const folder = await targetFolder(folderArg);
  let document: vscode.TextDocument;
  if (folder) {
    const stem = family?.id ?? 'request';
    let file = vscode.Uri.joinPath(folder, `${stem}.bedrock.json`);
    for (let n = 2; await exists(file); n++) file = vscode.Uri.joinPath(folder, `${stem}-${n}.bedrock.json`);
    document = await vscode.workspace.openTextDocument(file.with({ scheme: 'untitled' }));
    const edit = new vscode.WorkspaceEdit();
    edit.insert(document.uri, new vscode.Position(0, 0), text);
    await vscode.workspace.applyEdit(edit);
  } else {
    document = await vscode.workspace.openTextDocument({ language: 'jsonc', content: text });
  }
  await vscode.window.showTextDocument(document, { preview: false });
  return document;
}
