// `Test` above each request of a request file (runs it as a test in the Test Explorer), `Cancel Test` while it runs.
import * as vscode from 'vscode';
import { testName } from '../../core/testing';
import type { RequestFileOutline } from '../../core/requestFile';
import type { RequestFileStore } from '../services/requestFileStore';
import { COMMANDS } from '../commands';
import { requestItemId } from './items';

export class TestCodeLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;

  constructor(
    private readonly files: RequestFileStore,
    private readonly isRunning: (id: string) => boolean,
  ) {}

  refresh(): void {
    this.changed.fire();
  }

  /** From the document store's outline: parsed once per version, a large file in a worker thread. */
  provideCodeLenses(
    document: vscode.TextDocument,
    token?: vscode.CancellationToken,
  ): vscode.CodeLens[] | Promise<vscode.CodeLens[]> {
    if (document.uri.scheme !== 'file' || !vscode.workspace.getWorkspaceFolder(document.uri)) return [];
    const now = this.files.outlineNow(document);
    if (now) return this.lenses(document, now);
    return this.files
      .outline(document)
      .then((file) => (token?.isCancellationRequested ? [] : this.lenses(document, file)));
  }

  private lenses(document: vscode.TextDocument, file: RequestFileOutline): vscode.CodeLens[] {
    return file.requests.map((spec) => {
      const at = document.positionAt(spec.range.offset);
      const range = new vscode.Range(at, at);
      const name = testName(spec, file);
      return this.isRunning(requestItemId(document.uri, spec.index))
        ? new vscode.CodeLens(range, {
            title: '$(debug-stop) Cancel Test',
            tooltip: `Stop testing ${name}`,
            command: COMMANDS.cancelTests,
            arguments: [document.uri, spec.index],
          })
        : new vscode.CodeLens(range, {
            title: '$(beaker) Test',
            tooltip: spec.expect
              ? `Run ${name} and check its expectations`
              : `Run ${name}: it passes when Bedrock answers without error`,
            command: COMMANDS.runTests,
            arguments: [document.uri, spec.index],
          });
    });
  }

  dispose(): void {
    this.changed.dispose();
  }
}
