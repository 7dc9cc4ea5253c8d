// The Test Explorer's tree: one item per request file in the workspace, one child per request in it, kept in step
// with the files (created, changed, deleted) and with the editor's unsaved text.
import * as vscode from 'vscode';
import type { RequestFileOutline, SourceRange } from '../../core/requestFile';
import type { RequestFileStore } from '../services/requestFileStore';
import { readFileInside, MAX_REQUEST_FILE_BYTES } from '../../core/security';
import { testName } from '../../core/testing';

export const REQUEST_FILE_GLOB = '**/*.bedrock.json';

/** A file's text as the editor has it now (unsaved changes included), else as saved. */
export async function currentText(uri: vscode.Uri): Promise<{ text: string } | { error: string }> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open) return { text: open.getText() };
  try {
    if (uri.scheme === 'file') {
      // The same rule as ${file:}: the real path inside a workspace folder, a regular file, within the limit (a
      // committed link to /dev/zero, /proc or ~/.aws is refused, never read).
      const roots = (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.fsPath);
      const shown = vscode.workspace.asRelativePath(uri);
      return { text: (await readFileInside(uri.fsPath, { roots, maxBytes: MAX_REQUEST_FILE_BYTES, shown })).text };
    }
    const stat = await vscode.workspace.fs.stat(uri);
    if (stat.size > MAX_REQUEST_FILE_BYTES)
      return {
        error: `${vscode.workspace.asRelativePath(uri)} is larger than 2 MB; it is not read as a request file.`,
      };
    return { text: new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)) };
  } catch (error) {
    return { error: `${vscode.workspace.asRelativePath(uri)} could not be read: ${(error as Error).message}` };
  }
}

/** Line starts of a text, to turn the parser's offsets into positions without a TextDocument. */
export class Positions {
  private readonly starts: number[] = [0];
  constructor(text: string) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.starts.push(i + 1);
  }
  at(offset: number): vscode.Position {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return new vscode.Position(lo, offset - this.starts[lo]);
  }
  range(range: SourceRange): vscode.Range {
    return new vscode.Range(this.at(range.offset), this.at(range.offset + range.length));
  }
}

export function requestItemId(uri: vscode.Uri, index: number): string {
  return `${uri.toString()}#${index}`;
}

/** What the tree knows of each request item, for the run. */
export interface RequestItemData {
  uri: vscode.Uri;
  index: number;
}

export class TestItems implements vscode.Disposable {
  /** Request item → its file and index. */
  readonly data = new WeakMap<vscode.TestItem, RequestItemData>();
  private readonly subscriptions: vscode.Disposable[] = [];
  private discovered: Promise<void> | undefined;

  constructor(
    private readonly controller: vscode.TestController,
    private readonly files: RequestFileStore,
  ) {
    const watcher = vscode.workspace.createFileSystemWatcher(REQUEST_FILE_GLOB);
    this.subscriptions.push(
      watcher,
      watcher.onDidCreate((uri) => void this.update(uri)),
      watcher.onDidChange((uri) => void this.update(uri)),
      watcher.onDidDelete((uri) => this.remove(uri)),
      vscode.workspace.onDidOpenTextDocument((d) => this.updateFromDocument(d)),
      vscode.workspace.onDidChangeTextDocument((e) => this.updateFromDocument(e.document)),
      // Closing an unsaved edit: the saved text is what runs now.
      vscode.workspace.onDidCloseTextDocument((d) => {
        if (isRequestFileUri(d.uri) && d.uri.scheme === 'file') void this.update(d.uri);
      }),
      vscode.workspace.onDidChangeWorkspaceFolders(() => void this.discover(true)),
    );
    for (const document of vscode.workspace.textDocuments) this.updateFromDocument(document);
  }

  /** Finds every request file of the workspace (once, unless `again`). */
  discover(again = false): Promise<void> {
    if (!this.discovered || again) {
      this.discovered = (async () => {
        const uris = await vscode.workspace.findFiles(REQUEST_FILE_GLOB, '**/node_modules/**');
        const found = new Set(uris.map((u) => u.toString()));
        this.controller.items.forEach((item) => {
          if (item.uri?.scheme === 'file' && !found.has(item.id)) this.controller.items.delete(item.id);
        });
        await Promise.all(uris.map((uri) => this.update(uri)));
      })();
    }
    return this.discovered;
  }

  private fileItem(uri: vscode.Uri): vscode.TestItem {
    let item = this.controller.items.get(uri.toString());
    if (!item) {
      item = this.controller.createTestItem(uri.toString(), vscode.workspace.asRelativePath(uri), uri);
      this.controller.items.add(item);
    }
    return item;
  }

  private updateFromDocument(document: vscode.TextDocument): void {
    if (!isRequestFileUri(document.uri) || !inWorkspace(document.uri)) return;
    // From the document store: parsed once per version, a large file in a worker thread.
    const version = document.version;
    void this.files.outline(document).then((outline) => {
      if (!document.isClosed && document.version === version)
        this.fill(this.fileItem(document.uri), document.uri, document.getText(), outline);
    });
  }

  async update(uri: vscode.Uri): Promise<void> {
    if (!inWorkspace(uri)) return;
    const read = await currentText(uri);
    const item = this.fileItem(uri);
    if ('error' in read) {
      item.error = read.error;
      item.children.replace([]);
      return;
    }
    this.fill(item, uri, read.text, await this.files.outlineOfText(read.text));
  }

  private remove(uri: vscode.Uri): void {
    this.controller.items.delete(uri.toString());
  }

  /** The file item's children from the file's text: one per request, where it is in the text. */
  private fill(item: vscode.TestItem, uri: vscode.Uri, text: string, file: RequestFileOutline): void {
    const positions = new Positions(text);
    const error = file.syntax !== undefined && !file.requests.length ? file.syntax : undefined;
    if (item.error !== error) item.error = error;
    // Items that stay keep their identity (and their last result in the Testing view); only what changed is updated.
    item.children.replace(
      file.requests.map((spec) => {
        const id = requestItemId(uri, spec.index);
        const label = testName(spec, file);
        let child = item.children.get(id);
        if (!child || child.label !== label) child = this.controller.createTestItem(id, label, uri);
        const range = positions.range(spec.range);
        if (!child.range?.isEqual(range)) child.range = range;
        if (child.description !== spec.modelId) child.description = spec.modelId;
        child.sortText = String(spec.index).padStart(6, '0');
        this.data.set(child, { uri, index: spec.index });
        return child;
      }),
    );
  }

  /** The request items of a run request: those included (a file stands for its requests), minus those excluded. */
  requestItems(
    include: readonly vscode.TestItem[] | undefined,
    exclude: readonly vscode.TestItem[] | undefined,
  ): vscode.TestItem[] {
    const excluded = new Set((exclude ?? []).map((i) => i.id));
    const roots: vscode.TestItem[] = [];
    if (include) roots.push(...include);
    else this.controller.items.forEach((i) => roots.push(i));
    const out: vscode.TestItem[] = [];
    const seen = new Set<string>();
    const walk = (item: vscode.TestItem) => {
      if (excluded.has(item.id) || seen.has(item.id)) return;
      if (this.data.has(item)) {
        seen.add(item.id);
        out.push(item);
      }
      item.children.forEach(walk);
    };
    roots.forEach(walk);
    return out;
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
  }
}

export function isRequestFileUri(uri: vscode.Uri): boolean {
  return /\.bedrock\.json$/i.test(uri.path);
}

/** Saved files of the workspace's folders (not untitled documents or files opened from elsewhere). */
function inWorkspace(uri: vscode.Uri): boolean {
  return uri.scheme === 'file' && vscode.workspace.getWorkspaceFolder(uri) !== undefined;
}
