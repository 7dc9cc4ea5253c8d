// Bedrock models in VS Code's chat and for every extension using `vscode.lm`: the `bedrock` language-model chat
// provider, refreshed when the profile, region, endpoint, the chosen models or workspace trust change, and
// `Bedrock: Choose Chat Models` (the provider's management command) to pick which models are offered.
import * as vscode from 'vscode';
import { chatModelsOf, chosenChatModels } from '../../core/discovery';
import { COMMANDS } from '../commands';
import { config } from '../config';
import type { Ctx } from '../context';
import { resolveConnection } from '../services/connection';
import { openMultiPicker } from '../ui/quickPick';
import { BedrockChatProvider, VENDOR } from './provider';

type ModelItem = vscode.QuickPickItem & { id: string };

/** The multi-select picker of the models offered to chat; saves the choice to `bedrock.languageModels.models`. */
async function chooseModels(ctx: Ctx, provider: BedrockChatProvider): Promise<string[] | undefined> {
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showWarningMessage(
      'Bedrock chat models are not offered in Restricted Mode: trust the workspace to choose them.',
    );
    return undefined;
  }
  const connection = await resolveConnection(ctx);
  if (!connection) return undefined;
  const catalog = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Window, title: 'Listing Bedrock models…' },
    () => ctx.discovery.catalog(connection.settings),
  );
  const all = chatModelsOf(catalog);
  const chosen = new Set(chosenChatModels(all, config.languageModels()).map((m) => m.id));
  const items: ModelItem[] = all.map((m) => ({
    id: m.id,
    label: m.name,
    description: m.id,
    detail: [
      m.provider,
      m.toolCalling ? 'tools' : undefined,
      m.imageInput ? 'images' : undefined,
      `${Math.round(m.maxInputTokens / 1000)}K context`,
    ]
      .filter(Boolean)
      .join(' · '),
    picked: chosen.has(m.id),
  }));
  const picked = await openMultiPicker({
    items,
    selected: items.filter((i) => i.picked),
    title: `Bedrock: Chat Models (profile ${catalog.profile} · ${catalog.region}${catalog.source === 'builtIn' ? ' · built-in list' : ''})`,
    placeholder:
      'The models offered to VS Code chat and other extensions (all checked: every text model, new ones included)',
  });
  if (!picked) return undefined;
  if (picked.length === 0) {
    void vscode.window.showWarningMessage('No model selected: the choice was not changed. Select at least one model.');
    return undefined;
  }
  const value = picked.length === all.length ? [] : picked.map((p) => p.id);
  await config.update('languageModels.models', value);
  provider.refresh();
  return value;
}

export function register(ctx: Ctx): void {
  const provider = new BedrockChatProvider(ctx);
  ctx.own(
    provider,
    vscode.lm.registerLanguageModelChatProvider(VENDOR, provider),
    vscode.commands.registerCommand(COMMANDS.manageLanguageModels, () => chooseModels(ctx, provider)),
    config.onDidChange((affects) => {
      if (affects('profile', 'region', 'endpoint', 'languageModels.models')) provider.refresh();
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => provider.refresh()),
  );
}
