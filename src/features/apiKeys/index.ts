// Bedrock: Set API Key / Bedrock: Clear API Key / Bedrock: Generate Short-Term API Key. A Bedrock API key is stored in SecretStorage (services/apiKeys.ts),
// for one region or for all regions, and from then on signs that region's requests as a bearer token instead of the
// profile (core/bedrock/auth.ts). The key is never shown, logged or written to settings or files.
import * as vscode from 'vscode';
import { apiKeyFormatProblem } from '../../core/bedrock';
import { classify, messageOf } from '../../core/errors';
import { COMMANDS } from '../commands';
import { config } from '../config';
import type { Ctx } from '../context';
import { ALL_REGIONS } from '../services/apiKeys';
import { openPicker } from '../ui/quickPick';

/** Arguments for scripts and tests; without them the command asks. */
export interface SetApiKeyArgs {
  key?: string;
  /** `region`: only `region` (default: the current one); `allRegions`: every region without a key of its own. */
  scope?: 'region' | 'allRegions';
  region?: string;
}

export interface GenerateApiKeyArgs {
  /** How long the key lives, at most 12 hours (the default). */
  expiresInSeconds?: number;
}

/** How long before a short-term key lapses the user is warned. */
const WARN_BEFORE_MS = 5 * 60 * 1000;

export interface ClearApiKeyArgs {
  /** `region`: the key of `region` (default: the current one); `allRegions`: the key for all regions; `all`: every key. */
  scope?: 'region' | 'allRegions' | 'all';
  region?: string;
}

function describeWhere(where: string): string {
  return where === ALL_REGIONS ? 'all regions' : where;
}

async function currentRegion(ctx: Ctx): Promise<string | undefined> {
  try {
    return (await ctx.bedrock.resolve(config.connection())).region;
  } catch {
    return undefined;
  }
}

async function pickScope(region: string | undefined): Promise<string | undefined> {
  const items: Array<vscode.QuickPickItem & { where: string }> = [];
  if (region) items.push({ label: `Only ${region}`, description: 'requests to this region', where: region });
  items.push({ label: 'All regions', description: 'every region that has no key of its own', where: ALL_REGIONS });
  const picker = openPicker<vscode.QuickPickItem & { where: string }>({
    title: 'Bedrock: Set API Key',
    placeholder: 'Where should this key sign requests?',
  });
  picker.show(items);
  return (await picker.done)?.where;
}

async function setApiKey(ctx: Ctx, args: SetApiKeyArgs = {}): Promise<string | undefined> {
  const key =
    args.key ??
    (await vscode.window.showInputBox({
      title: 'Bedrock: Set API Key',
      prompt:
        "A Bedrock API key (ABSK... or bedrock-api-key-...). It is kept in VS Code's secret storage and signs requests instead of the AWS profile.",
      password: true,
      ignoreFocusOut: true,
      validateInput: (value) => apiKeyFormatProblem(value.trim()),
    }));
  if (key === undefined) return undefined;
  const trimmed = key.trim();
  const problem = apiKeyFormatProblem(trimmed);
  if (problem) {
    void vscode.window.showErrorMessage(`Not stored: ${problem}`);
    return undefined;
  }
  const region = args.region ?? (await currentRegion(ctx));
  const where =
    args.scope === 'allRegions' ? ALL_REGIONS : args.scope === 'region' && region ? region : await pickScope(region);
  if (!where) return undefined;
  try {
    await ctx.apiKeys.set(where, { key: trimmed });
  } catch (error) {
    void vscode.window.showErrorMessage(
      `The Bedrock API key could not be stored in VS Code's secret storage: ${messageOf(error)}`,
    );
    return undefined;
  }
  void vscode.window.showInformationMessage(
    `Requests to ${describeWhere(where)} are now signed with this Bedrock API key instead of the AWS profile. "Bedrock: Clear API Key" removes it.`,
  );
  return where;
}

async function generateApiKey(
  ctx: Ctx,
  args: GenerateApiKeyArgs = {},
): Promise<{ region: string; expiresAt: string } | undefined> {
  const settings = config.connection();
  let made: Awaited<ReturnType<Ctx['bedrock']['shortTermApiKey']>>;
  try {
    made = await vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: 'Bedrock: making a short-term API key from the profile...',
      },
      () => ctx.bedrock.shortTermApiKey(settings, args.expiresInSeconds),
    );
  } catch (error) {
    const problem = classify(error, { profile: settings.profile });
    void vscode.window.showErrorMessage(`No short-term API key was made: ${problem.message} ${problem.hint}`);
    return undefined;
  }
  const expiresAt = made.expiresAt.toISOString();
  try {
    await ctx.apiKeys.set(made.region, { key: made.key, expiresAt });
  } catch (error) {
    void vscode.window.showErrorMessage(
      `The short-term API key could not be stored in VS Code's secret storage: ${messageOf(error)}`,
    );
    return undefined;
  }
  void vscode.window.showInformationMessage(
    `A short-term Bedrock API key for ${made.region}, made from profile "${made.profile}", now signs requests to ${made.region}. It expires at ${made.expiresAt.toLocaleString()}; you are warned before.`,
  );
  return { region: made.region, expiresAt };
}

/**
 * Warns WARN_BEFORE_MS before each short-term key lapses (with a button to make a new one), and when it has lapsed
 * tells the pool and the status bar: from then on the profile signs that region's requests again.
 */
function watchExpiry(ctx: Ctx): vscode.Disposable {
  let timers: NodeJS.Timeout[] = [];
  const warned = new Set<string>();
  const schedule = () => {
    for (const t of timers) clearTimeout(t);
    timers = [];
    for (const { where, expiresAt } of ctx.apiKeys.list()) {
      if (!expiresAt) continue;
      const at = Date.parse(expiresAt);
      const left = at - Date.now();
      if (left <= 0) continue;
      const warn = async () => {
        if (warned.has(where + expiresAt)) return;
        warned.add(where + expiresAt);
        const choice = await vscode.window.showWarningMessage(
          `The short-term Bedrock API key for ${describeWhere(where)} expires at ${new Date(at).toLocaleTimeString()}. After that the AWS profile signs again.`,
          'Generate a New Key',
        );
        if (choice) await vscode.commands.executeCommand(COMMANDS.generateApiKey);
      };
      timers.push(setTimeout(() => void warn(), Math.max(0, left - WARN_BEFORE_MS)));
      timers.push(setTimeout(() => ctx.apiKeys.lapse(), left + 50));
    }
  };
  void ctx.apiKeys.ready.then(schedule);
  const changed = ctx.apiKeys.onDidChange(schedule);
  return {
    dispose: () => {
      changed.dispose();
      for (const t of timers) clearTimeout(t);
    },
  };
}

async function clearApiKey(ctx: Ctx, args: ClearApiKeyArgs = {}): Promise<string[]> {
  await ctx.apiKeys.ready;
  const stored = ctx.apiKeys.list();
  if (!stored.length) {
    void vscode.window.showInformationMessage('No Bedrock API key is stored.');
    return [];
  }
  let targets: string[];
  if (args.scope === 'all') targets = stored.map((s) => s.where);
  else if (args.scope === 'allRegions') targets = [ALL_REGIONS];
  else if (args.scope === 'region') {
    const region = args.region ?? (await currentRegion(ctx));
    targets = region ? [region] : [];
  } else if (stored.length === 1) targets = [stored[0].where];
  else {
    const items: Array<vscode.QuickPickItem & { targets: string[] }> = stored.map((s) => ({
      label: describeWhere(s.where),
      ...(s.expiresAt ? { description: `expires ${new Date(s.expiresAt).toLocaleString()}` } : {}),
      targets: [s.where],
    }));
    items.push({ label: 'All of them', targets: stored.map((s) => s.where) });
    const picker = openPicker<vscode.QuickPickItem & { targets: string[] }>({
      title: 'Bedrock: Clear API Key',
      placeholder: 'Which key should be removed?',
    });
    picker.show(items);
    targets = (await picker.done)?.targets ?? [];
  }
  targets = targets.filter((t) => stored.some((s) => s.where === t));
  if (!targets.length) return [];
  if (targets.length === stored.length) await ctx.apiKeys.clear();
  else for (const t of targets) await ctx.apiKeys.clear(t);
  void vscode.window.showInformationMessage(
    `Removed the Bedrock API key of ${targets.map(describeWhere).join(', ')}: those requests are signed with the AWS profile again.`,
  );
  return targets;
}

export function register(ctx: Ctx): void {
  ctx.own(
    vscode.commands.registerCommand(COMMANDS.setApiKey, (args?: SetApiKeyArgs) => setApiKey(ctx, args)),
    vscode.commands.registerCommand(COMMANDS.clearApiKey, (args?: ClearApiKeyArgs) => clearApiKey(ctx, args)),
    vscode.commands.registerCommand(COMMANDS.generateApiKey, (args?: GenerateApiKeyArgs) => generateApiKey(ctx, args)),
    watchExpiry(ctx),
  );
}
