// The one object every feature receives: the VS Code extension context plus shared, lazily built services.
import * as vscode from 'vscode';

export interface Ctx {
  readonly extension: vscode.ExtensionContext;
  /** Adds disposables to the extension's lifetime. */
  own(...disposables: vscode.Disposable[]): void;
}

export function createContext(extension: vscode.ExtensionContext): Ctx {
  return {
    extension,
    own: (...disposables) => extension.subscriptions.push(...disposables),
  };
}
