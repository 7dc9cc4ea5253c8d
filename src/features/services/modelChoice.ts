// Which model an invocation uses, and which family builds its body when the ID does not say.
import * as vscode from 'vscode';
import {
  allFamilies,
  familyChoiceMessage,
  resolveModel,
  unknownModelMessage,
  type FamilyId,
  type ModelFamily,
} from '../../core/models';
import { COMMANDS, WORKBENCH_COMMANDS } from '../commands';
import { config, settingId } from '../config';
import type { Ctx } from '../context';

const FAMILY_MEMORY_KEY = 'bedrock.familyByModelId';

/**
 * The configured model, or one the user picks now with `Bedrock: Select Model` (the models the account can call,
 * recent ones first, or any ID typed in); the choice is saved to settings. Undefined when they give up.
 */
export async function currentModelId(): Promise<string | undefined> {
  const configured = config.modelId();
  if (configured) return configured;
  const picked = await vscode.commands.executeCommand<string | undefined>(COMMANDS.selectModel, { purpose: 'text' });
  return picked?.trim() || undefined;
}

/**
 * The family serving a model ID. For ARNs that do not name the model the user picks it once and the choice is
 * remembered; for unknown models the user is told to use a request file. Undefined when there is none.
 */
export async function familyFor(
  ctx: Ctx,
  modelId: string,
  kinds: ModelFamily['kind'][] = ['text'],
): Promise<ModelFamily | undefined> {
  const memory = ctx.extension.globalState.get<Record<string, FamilyId>>(FAMILY_MEMORY_KEY, {});
  let resolution = resolveModel(modelId, memory[modelId]);
  if (!resolution.family && resolution.needsFamilyChoice) {
    const picked = await vscode.window.showQuickPick(
      allFamilies
        .filter((f) => kinds.includes(f.kind))
        .map((f) => ({ label: f.displayName, description: f.id, family: f })),
      {
        title: 'Which model family does this ARN run?',
        placeHolder: familyChoiceMessage(modelId),
        ignoreFocusOut: true,
      },
    );
    if (!picked) return undefined;
    await ctx.extension.globalState.update(FAMILY_MEMORY_KEY, { ...memory, [modelId]: picked.family.id });
    resolution = resolveModel(modelId, picked.family.id);
  }
  if (!resolution.family) {
    void vscode.window.showErrorMessage(unknownModelMessage(modelId), 'Open Settings').then((choice) => {
      if (choice) void vscode.commands.executeCommand(WORKBENCH_COMMANDS.openSettings, settingId('modelId'));
    });
    return undefined;
  }
  return resolution.family;
}
