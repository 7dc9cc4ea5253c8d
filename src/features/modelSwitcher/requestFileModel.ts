// The model a request file (*.bedrock.json) names: the `modelId` of the request under the cursor (or the first),
// from the document store's outline (parsed once per version, a large file off the main thread); and writing a new
// one into it as an ordinary, undoable edit.
import * as path from 'path';
import { modify } from 'jsonc-parser';
import * as vscode from 'vscode';
import { outlineRequestAt, type JsonPath, type OutlineRequest } from '../../core/requestFile';
import type { RequestFileStore } from '../services/requestFileStore';

export interface RequestFileModel {
  document: vscode.TextDocument;
  /** The request the model belongs to. */
  request?: Pick<OutlineRequest, 'path' | 'modelId' | 'stream'>;
  modelId?: string;
  /** The file name, for messages. */
  name: string;
}

export function isRequestFile(document: vscode.TextDocument): boolean {
  return document.fileName.toLowerCase().endsWith('.bedrock.json');
}

export async function requestFileModel(
  files: RequestFileStore,
  editor: vscode.TextEditor | undefined,
): Promise<RequestFileModel | undefined> {
  if (!editor || !isRequestFile(editor.document)) return undefined;
  const document = editor.document;
  const offset = document.offsetAt(editor.selection.active);
  const file = await files.outline(document);
  const request = outlineRequestAt(file, offset) ?? file.requests[0];
  const model: RequestFileModel = { document, name: path.basename(document.fileName) };
  if (request) model.request = request;
  if (request?.modelId?.trim()) model.modelId = request.modelId.trim();
  return model;
}

/** Sets the request's `modelId` (adding it when missing) with a workspace edit: unsaved, and undone with Ctrl+Z. */
export async function writeModelId(target: RequestFileModel, modelId: string): Promise<boolean> {
  const document = target.document;
  const at: JsonPath = [...(target.request?.path ?? []), 'modelId'];
  const edits = modify(document.getText(), at, modelId, {
    formattingOptions: { insertSpaces: true, tabSize: 2, eol: document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n' },
    // A new modelId goes first in its object, where readers look for it.
    getInsertionIndex: () => 0,
  });
  const edit = new vscode.WorkspaceEdit();
  for (const e of edits) {
    edit.replace(
      document.uri,
      new vscode.Range(document.positionAt(e.offset), document.positionAt(e.offset + e.length)),
      e.content,
    );
  }
  return vscode.workspace.applyEdit(edit);
}
