// The model, profile and region switcher: status bar items showing what the next request uses, and the
// `Bedrock: Select Model / Select AWS Profile / Select Region` pickers behind them.
import * as vscode from 'vscode';
import type { PickerPurpose } from '../../core/discovery';
import { config } from '../config';
import type { Ctx } from '../context';
import { selectProfile, selectRegion, switchConnection } from '../ui/connectionPickers';
import { pickModel } from '../ui/modelPicker';
import { openPicker, registerPickerProbe } from '../ui/quickPick';
import { RecentModels } from '../services/recentModels';
import { isRequestFile, requestFileModel, writeModelId, type RequestFileModel } from './requestFileModel';
import { SwitcherStatusBar } from './statusBar';
import { COMMANDS } from '../commands';

export interface SelectModelArgs {
  /** `text` when a prompt is about to be sent (Invoke Model on Selection): text models only, saved to settings. */
  purpose?: PickerPurpose;
}

/** With a request file active: write the choice into the file (undoable), or make it the default instead. */
async function applyToRequestFile(file: RequestFileModel, modelId: string): Promise<void> {
  type Choice = vscode.QuickPickItem & { value: 'file' | 'settings' };
  const picker = openPicker<Choice>({
    title: `Bedrock: Use ${modelId}`,
    placeholder: `Where should ${modelId} be used?`,
  });
  picker.show([
    {
      label: `$(file-code) Write into ${file.name}`,
      description: file.request?.modelId ? `replaces ${file.request.modelId}` : 'adds "modelId"',
      detail: 'An edit you can undo; the file is not saved.',
      value: 'file',
    },
    {
      label: '$(settings-gear) Set as the default model',
      description: 'setting bedrock.modelId',
      detail: 'For Invoke Model on Selection and request files without "modelId".',
      value: 'settings',
    },
  ]);
  const choice = (await picker.done)?.value;
  if (choice === 'file') {
    if (!(await writeModelId(file, modelId)))
      void vscode.window.showErrorMessage(`Could not edit ${file.name}: it may be read-only.`);
  } else if (choice === 'settings') {
    await config.update('modelId', modelId);
  }
}

export function register(ctx: Ctx): void {
  const discovery = ctx.discovery;
  const recents = new RecentModels(ctx.extension.globalState);
  const statusBar = new SwitcherStatusBar(ctx, discovery);

  const selectModel = async (args: SelectModelArgs = {}): Promise<string | undefined> => {
    const file = args.purpose ? undefined : await requestFileModel(ctx.requestFiles, vscode.window.activeTextEditor);
    const modelId = await pickModel(
      { ctx, discovery, recents },
      {
        purpose: args.purpose ?? (file ? 'any' : 'text'),
        current: file?.modelId ?? config.modelId(),
        forWhat: file ? `for ${file.name}` : undefined,
      },
    );
    if (!modelId) return undefined;
    await recents.add(modelId);
    if (file) await applyToRequestFile(file, modelId);
    else await config.update('modelId', modelId);
    // The catalog may be new: show its name for the model.
    statusBar.schedule(0);
    return modelId;
  };

  ctx.own(
    statusBar,
    registerPickerProbe(),
    vscode.commands.registerCommand(COMMANDS.selectModel, selectModel),
    vscode.commands.registerCommand(COMMANDS.selectProfile, () => selectProfile(ctx)),
    vscode.commands.registerCommand(COMMANDS.selectRegion, () => selectRegion(ctx)),
    vscode.commands.registerCommand(COMMANDS.switchConnection, () =>
      switchConnection(ctx, () => {
        discovery.invalidate();
        statusBar.schedule(0);
      }),
    ),
    config.onDidChange((affects) => {
      // Listings belong to a profile and region: after a change the next picker lists again.
      if (affects('profile', 'region', 'endpoint')) discovery.invalidate();
      statusBar.schedule(0);
    }),
    // A Bedrock API key set or cleared signs differently: list again, and show who signs.
    ctx.apiKeys.onDidChange(() => {
      discovery.invalidate();
      statusBar.schedule(0);
    }),
    vscode.window.onDidChangeActiveTextEditor(() => statusBar.schedule(0)),
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (isRequestFile(e.document) && e.document === vscode.window.activeTextEditor?.document) statusBar.schedule();
    }),
    vscode.window.onDidChangeTextEditorSelection((e) => {
      // In a file of several requests, the one under the cursor decides.
      if (isRequestFile(e.textEditor.document)) statusBar.schedule();
    }),
  );
  // After activation returns: resolving the profile's region loads the AWS SDK.
  statusBar.schedule(0);
}
