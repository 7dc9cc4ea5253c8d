// `Bedrock: Open Settings` shows this extension's settings in the Settings editor.
import * as vscode from 'vscode';
import type { Ctx } from '../context';

export const EXTENSION_ID = 'bedrock-invoke.bedrock-invoke';

export function register(ctx: Ctx): void {
  ctx.own(
    vscode.commands.registerCommand('bedrock.openSettings', () =>
      vscode.commands.executeCommand('workbench.action.openSettings', `@ext:${EXTENSION_ID}`),
    ),
  );
}
