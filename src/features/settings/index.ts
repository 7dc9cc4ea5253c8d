// `Bedrock: Open Settings` shows this extension's settings in the Settings editor.
import * as vscode from 'vscode';
import { COMMANDS, EXTENSION_ID, WORKBENCH_COMMANDS } from '../commands';
import type { Ctx } from '../context';

export function register(ctx: Ctx): void {
  ctx.own(
    vscode.commands.registerCommand(COMMANDS.openSettings, () =>
      vscode.commands.executeCommand(WORKBENCH_COMMANDS.openSettings, `@ext:${EXTENSION_ID}`),
    ),
  );
}
