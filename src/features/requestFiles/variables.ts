// Where a request file's variables get their values inside VS Code: the extension host's environment, files beside
// the request file (their unsaved text when open), an input box, and the selection of the editor used last.
import * as path from 'path';
import * as vscode from 'vscode';
import type { VariableResolver } from '../../core/requestFile';
import { checkTextSize, readBytesInside, readFileInside, resolveReadable, MAX_BLOB_BYTES } from '../../core/security';
import { config } from '../config';
import { selectedText } from '../invokeSelection';

/** Remembers editors in the order they were last active, so `${selection}` can read the one used before the request file. */
export class RecentEditors implements vscode.Disposable {
  private recent: vscode.TextEditor[] = [];
  private readonly subscriptions: vscode.Disposable[];

  constructor() {
    const editor = vscode.window.activeTextEditor;
    if (editor) this.touch(editor);
    this.subscriptions = [
      vscode.window.onDidChangeActiveTextEditor((e) => e && this.touch(e)),
      vscode.window.onDidChangeTextEditorSelection((e) => this.touch(e.textEditor)),
    ];
  }

  private touch(editor: vscode.TextEditor): void {
    // Output channels and the like are editors too, but nobody selects a prompt there.
    if (editor.document.uri.scheme === 'output') return;
    this.recent = [editor, ...this.recent.filter((e) => e !== editor && e.document !== editor.document)].slice(0, 20);
  }

  /** The selected text of the most recently active editor showing another document than `uri`. */
  selectionOutside(uri: vscode.Uri): string | undefined {
    const other = this.recent.find((e) => !e.document.isClosed && e.document.uri.toString() !== uri.toString());
    return other ? selectedText(other) : undefined;
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
  }
}

/**
 * The folder a request file's relative paths start from: its own folder; for an untitled file that has no path
 * yet, the first workspace folder. Undefined when there is none.
 */
export function requestFolder(uri: vscode.Uri): vscode.Uri | undefined {
  if (uri.scheme === 'untitled' && !uri.path.includes('/')) return vscode.workspace.workspaceFolders?.[0]?.uri;
  const asFile = uri.scheme === 'untitled' ? vscode.Uri.file(uri.path) : uri;
  return vscode.Uri.joinPath(asFile, '..');
}

/** The folders a request file may read from (and write images into): its workspace folder, else every workspace folder, else its own folder. */
export function readableRoots(requestUri: vscode.Uri, folder = requestFolder(requestUri)): vscode.Uri[] {
  const own = vscode.workspace.getWorkspaceFolder(requestUri);
  if (own) return [own.uri];
  return vscode.workspace.workspaceFolders?.map((f) => f.uri) ?? (folder ? [folder] : []);
}

export function vscodeResolver(requestUri: vscode.Uri, editors: RecentEditors): VariableResolver {
  const targetOf = (relative: string) => {
    const folder = requestFolder(requestUri);
    if (!path.isAbsolute(relative) && !folder) {
      throw new Error('this untitled request file has no folder for relative paths. Save it first, or open a folder.');
    }
    const target = path.isAbsolute(relative)
      ? vscode.Uri.file(relative)
      : vscode.Uri.joinPath(folder as vscode.Uri, relative);
    return { folder, target };
  };
  return {
    env: (name) => process.env[name],
    // An image or PDF is bytes on disk, never an editor's text; the same checks as `file`, Converse's own size limit.
    fileBytes: async (relative) => {
      const { folder, target } = targetOf(relative);
      const roots = readableRoots(requestUri, folder).map((u) => u.fsPath);
      return (await readBytesInside(target.fsPath, { roots, maxBytes: MAX_BLOB_BYTES })).bytes;
    },
    file: async (relative) => {
      const { folder, target } = targetOf(relative);
      // A request file comes from the repository: it may read files of its workspace (or its own folder when it is
      // outside any workspace), never ~/.aws, ~/.ssh or anything else on the machine, not even through a link.
      const roots = readableRoots(requestUri, folder).map((u) => u.fsPath);
      const maxBytes = config.maxFileVariableBytes();
      const real = await resolveReadable(target.fsPath, { roots });
      const open = vscode.workspace.textDocuments.find(
        (d) => d.uri.scheme === 'file' && [target.fsPath, real].includes(d.uri.fsPath),
      );
      if (open) {
        const text = open.getText();
        checkTextSize(text, maxBytes, target.fsPath);
        return text;
      }
      return (await readFileInside(target.fsPath, { roots, maxBytes })).text;
    },
    input: async (prompt) =>
      vscode.window.showInputBox({ title: 'Bedrock request file', prompt, ignoreFocusOut: true }),
    selection: () => editors.selectionOutside(requestUri),
    // Only the user's own settings can allow a secret-looking name (the setting has application scope).
    allowedEnvironmentVariables: config.allowedEnvironmentVariables(),
  };
}
