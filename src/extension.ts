// Entry point: builds the shared context and lets each feature register itself. Nothing else.
import type * as vscode from 'vscode';
import { createContext } from './features/context';
import * as apiKeys from './features/apiKeys';
import * as diagnostics from './features/diagnostics';
import * as invokeSelection from './features/invokeSelection';
import * as languageModels from './features/languageModels';
import * as modelSwitcher from './features/modelSwitcher';
import * as requestFiles from './features/requestFiles';
import * as settings from './features/settings';
import * as testing from './features/testing';

const features = [
  settings,
  invokeSelection,
  modelSwitcher,
  requestFiles,
  diagnostics,
  testing,
  languageModels,
  apiKeys,
];

/** What activate() returns, for tests and benchmarks: where this extension host writes its logs, how long activate() took. */
export interface BedrockInvokeApi {
  readonly logUri: vscode.Uri;
  readonly activationMs: number;
}

export function activate(extensionContext: vscode.ExtensionContext): BedrockInvokeApi {
  const started = performance.now();
  const ctx = createContext(extensionContext);
  for (const feature of features) feature.register(ctx);
  return { logUri: extensionContext.logUri, activationMs: performance.now() - started };
}

export function deactivate(): void {
  // Every disposable is owned by context.subscriptions; VS Code disposes them.
}
