// Quick fixes (CodeActions of kind quickfix) for the diagnostics of the `Bedrock` collection. Actions that run code
// (retry, sign in, pick a model...) go through one command that takes the id of the prepared action.
import * as vscode from 'vscode';
import { INTERNAL_COMMANDS } from '../commands';
import { fixesFor, type FixAction, type FixDeps } from '../fixes/actions';
import type { DiagnosticsModel } from './model';
import { SOURCE } from './placement';

const KEPT_ACTIONS = 200;

export class FixRegistry {
  private readonly runs = new Map<string, () => Promise<unknown>>();
  private next = 1;

  add(run: () => Promise<unknown>): string {
    const id = `f${this.next++}`;
    this.runs.set(id, run);
    // Old menus are gone long before this many newer fixes were offered.
    if (this.runs.size > KEPT_ACTIONS) this.runs.delete(this.runs.keys().next().value as string);
    return id;
  }

  run(id: string): Promise<unknown> {
    const run = this.runs.get(id);
    if (!run) {
      void vscode.window.showInformationMessage(
        'This fix belongs to an older result. Run the request again to get fresh fixes.',
      );
      return Promise.resolve(undefined);
    }
    return run();
  }
}

function toCommand(registry: FixRegistry, action: FixAction): vscode.Command | undefined {
  return action.run
    ? { title: action.title, command: INTERNAL_COMMANDS.runFix, arguments: [registry.add(action.run)] }
    : undefined;
}

export class BedrockCodeActions implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = {
    providedCodeActionKinds: [vscode.CodeActionKind.QuickFix],
  };

  constructor(
    private readonly model: DiagnosticsModel,
    private readonly deps: FixDeps,
    private readonly registry: FixRegistry,
  ) {}

  async provideCodeActions(
    document: vscode.TextDocument,
    _range: vscode.Range,
    context: vscode.CodeActionContext,
  ): Promise<vscode.CodeAction[]> {
    const out: vscode.CodeAction[] = [];
    for (const diagnostic of context.diagnostics) {
      if (diagnostic.source !== SOURCE) continue;
      const entry = this.model.find(document.uri, diagnostic);
      if (!entry) continue;
      let fixes: FixAction[];
      try {
        fixes = await fixesFor(this.deps, entry, document);
      } catch (error) {
        this.deps.ctx.log.error('Could not prepare the quick fixes', error);
        continue;
      }
      for (const fix of fixes) {
        const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
        action.diagnostics = [diagnostic];
        if (fix.edit) action.edit = fix.edit;
        const command = toCommand(this.registry, fix);
        if (command) action.command = command;
        if (fix.preferred) action.isPreferred = true;
        out.push(action);
      }
    }
    return out;
  }
}
