// Entry point: builds the shared context and lets each feature register itself. Nothing else.
import type * as vscode from 'vscode';
import { createContext } from './features/context';
import * as invokeSelection from './features/invokeSelection';
import * as settings from './features/settings';

const features = [settings, invokeSelection];

/** What activate() returns: where this extension host writes its logs (tests read the Output channel's log there). */
export interface BedrockInvokeApi {
  readonly logUri: vscode.Uri;
}

export function activate(extensionContext: vscode.ExtensionContext): BedrockInvokeApi {
  const ctx = createContext(extensionContext);
  for (const feature of features) feature.register(ctx);
  return { logUri: extensionContext.logUri };
}

export function deactivate(): void {
  // Every disposable is owned by context.subscriptions; VS Code disposes them.
}
