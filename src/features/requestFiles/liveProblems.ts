// The problems of a request file that show while typing and that VS Code's JSON support does not show itself: a key
// written twice, and the limits of size and shape (nesting, requests, variables). They come from the document
// store's outline (parsed once per version, a large file in a worker thread), a moment after the typing stops.
import * as vscode from 'vscode';
import type { RequestFileOutline } from '../../core/requestFile';
import { redact } from '../../core/security';
import type { RequestFileStore } from '../services/requestFileStore';

const DELAY_MS = 250;

export class LiveProblems implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('Bedrock');
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly files: RequestFileStore,
    private readonly isRequestFile: (uri: vscode.Uri) => boolean,
    private readonly onError: (error: unknown) => void,
  ) {
    this.subscriptions = [
      vscode.workspace.onDidOpenTextDocument((d) => this.schedule(d, 0)),
      vscode.workspace.onDidChangeTextDocument((e) => e.contentChanges.length && this.schedule(e.document)),
      vscode.workspace.onDidCloseTextDocument((d) => {
        clearTimeout(this.timers.get(d.uri.toString()));
        this.timers.delete(d.uri.toString());
        this.collection.delete(d.uri);
      }),
    ];
    for (const document of vscode.workspace.textDocuments) this.schedule(document, 0);
  }

  private schedule(document: vscode.TextDocument, delay = DELAY_MS): void {
    if (!this.isRequestFile(document.uri)) return;
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        void this.update(document).catch(this.onError);
      }, delay),
    );
  }

  private async update(document: vscode.TextDocument): Promise<void> {
    const version = document.version;
    const outline = await this.files.outline(document);
    if (document.isClosed || document.version !== version) return;
    this.collection.set(document.uri, diagnosticsOf(document, outline));
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    for (const s of this.subscriptions) s.dispose();
    this.collection.dispose();
  }
}

export function diagnosticsOf(document: vscode.TextDocument, outline: RequestFileOutline): vscode.Diagnostic[] {
  return outline.problems.map((p) => {
    const range = new vscode.Range(
      document.positionAt(p.range.offset),
      document.positionAt(p.range.offset + p.range.length),
    );
    const d = new vscode.Diagnostic(range, redact(p.message), vscode.DiagnosticSeverity.Error);
    d.source = 'Bedrock';
    d.code = p.kind === 'duplicate' ? 'duplicateKey' : 'limit';
    return d;
  });
}
