// Entry point: builds the shared context and lets each feature register itself. Nothing else.
import type * as vscode from 'vscode';
import { createContext } from './features/context';
import * as invokeSelection from './features/invokeSelection';
import * as settings from './features/settings';

const features = [settings, invokeSelection];

export function activate(extensionContext: vscode.ExtensionContext): void {
  const ctx = createContext(extensionContext);
  for (const feature of features) feature.register(ctx);
}

export function deactivate(): void {
  // Every disposable is owned by context.subscriptions; VS Code disposes them.
}
