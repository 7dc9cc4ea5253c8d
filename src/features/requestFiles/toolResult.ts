// "Add toolResult turn": after a Converse answer that called tools, continues the request's conversation in the
// file, only when the user asks: the answer as an assistant turn (its text and toolUse blocks) and a user turn with
// one toolResult per call, whose placeholder text is selected for the user to replace. An ordinary edit (undo with
// Ctrl+Z); nothing is sent until the user runs the request again.
import * as vscode from 'vscode';
import { addToolResultTurns, parseRequestFile, toolResultPlaceholder, type RequestSpec } from '../../core/requestFile';
import type { Ctx } from '../context';
import type { RequestRunReport } from '../services/requestRuns';

/** What the CodeLens passes after the file's URI. */
export interface ToolResultArgs {
  requestIndex: number;
}

/** The toolUse IDs the request's messages already hold (a call already answered in the file needs no lens). */
function writtenToolUseIds(spec: RequestSpec): Set<string> {
  const ids = new Set<string>();
  const messages = spec.converse?.messages;
  if (!Array.isArray(messages)) return ids;
  for (const m of messages as Array<{ content?: unknown }>) {
    if (!Array.isArray(m?.content)) continue;
    for (const b of m.content as Array<{ toolUse?: { toolUseId?: unknown } }>)
      if (typeof b?.toolUse?.toolUseId === 'string') ids.add(b.toolUse.toolUseId);
  }
  return ids;
}

/** The latest run's tool calls of a request that the file does not answer yet. */
export function pendingToolAnswer(ctx: Ctx, uri: vscode.Uri, spec: RequestSpec): RequestRunReport['toolAnswer'] {
  if (spec.api !== 'converse') return undefined;
  const answer = ctx.requestRuns.reportsFor(uri).find((r) => r.requestIndex === spec.index)?.toolAnswer;
  if (!answer) return undefined;
  const written = writtenToolUseIds(spec);
  return answer.toolUses.some((t) => written.has(t.toolUseId)) ? undefined : answer;
}

export async function addToolResult(ctx: Ctx, target?: unknown, args?: unknown): Promise<boolean> {
  const editor = vscode.window.activeTextEditor;
  const uri = target instanceof vscode.Uri ? target : editor?.document.uri;
  if (!uri) {
    void vscode.window.showInformationMessage(
      'Open a Converse request file whose last answer called a tool, then run Add toolResult Turn.',
    );
    return false;
  }
  const document = await vscode.workspace.openTextDocument(uri);
  const file = parseRequestFile(document.getText());
  const index =
    typeof (args as ToolResultArgs | undefined)?.requestIndex === 'number'
      ? (args as ToolResultArgs).requestIndex
      : undefined;
  const spec =
    index !== undefined
      ? file.requests.find((r) => r.index === index)
      : ((editor?.document === document ? file.requestAt(document.offsetAt(editor.selection.active)) : undefined) ??
        file.requests.find((r) => pendingToolAnswer(ctx, uri, r)));
  const answer = spec && pendingToolAnswer(ctx, uri, spec);
  if (!spec || !answer) {
    void vscode.window.showInformationMessage(
      'This request has no tool call to answer: run a Converse request with "toolConfig" whose answer calls a tool first.',
    );
    return false;
  }
  const eol = document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
  const text = addToolResultTurns(document.getText(), spec, answer, { insertSpaces: true, tabSize: 2, eol });
  if (text === undefined) return false;
  const edit = new vscode.WorkspaceEdit();
  edit.replace(uri, new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length)), text);
  if (!(await vscode.workspace.applyEdit(edit))) return false;
  // The first placeholder selected: type the tool's result over it, then Invoke continues the conversation.
  const shown = await vscode.window.showTextDocument(document, { preview: false });
  const placeholder = toolResultPlaceholder(answer.toolUses[0].name);
  const at = document.getText().indexOf(placeholder, spec.range.offset);
  if (at >= 0) {
    shown.selection = new vscode.Selection(document.positionAt(at), document.positionAt(at + placeholder.length));
    shown.revealRange(shown.selection, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }
  return true;
}
