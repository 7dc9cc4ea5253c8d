// `Bedrock: Show Last Raw Response`: the last answer exactly as the model sent it, with its metadata, as JSON.
import * as vscode from 'vscode';
import type { Ctx } from '../context';
import { rawResponseText } from './rawResponse';

export async function showLastRawResponse(ctx: Ctx): Promise<vscode.TextDocument | undefined> {
  const last = ctx.lastResponse.get();
  if (!last) {
    void vscode.window.showInformationMessage('No answer yet. Run a request file or Invoke Model on Selection first.');
    return undefined;
  }
  const document = await vscode.workspace.openTextDocument({ language: 'json', content: rawResponseText(last) });
  await vscode.window.showTextDocument(document, { preview: false });
  return document;
}
