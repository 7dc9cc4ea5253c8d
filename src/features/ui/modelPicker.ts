// `Bedrock: Select Model`'s picker: the models the current profile can call in the current region, listed by
// discovery (built-in list with the reason when that fails), recent choices first, a refresh button, and
// "Enter a model ID or ARN..." for anything else.
import * as vscode from 'vscode';
import { messageOf } from '../../core/errors';
import {
  buildPickerEntries,
  type Catalog,
  type ModelDiscovery,
  type PickerEntry,
  type PickerPurpose,
} from '../../core/discovery';
import type { Ctx } from '../context';
import { resolveConnection } from '../services/connection';
import { openPicker, type PickButton } from './quickPick';
import type { RecentModels } from '../services/recentModels';

export interface ModelPickerDeps {
  ctx: Ctx;
  discovery: ModelDiscovery;
  recents: RecentModels;
}

export interface ModelPickerOptions {
  purpose: PickerPurpose;
  /** The model in use now, marked and made active. */
  current?: string;
  /** Says what the choice is for, e.g. "for hello.bedrock.json". */
  forWhat?: string;
}

type EntryItem = vscode.QuickPickItem & { entry?: PickerEntry };

function toItem(entry: PickerEntry): EntryItem {
  switch (entry.type) {
    case 'separator':
      return { label: entry.label, kind: vscode.QuickPickItemKind.Separator };
    case 'model':
      return {
        label: `${entry.current ? '$(check) ' : ''}${entry.label}`,
        description: entry.modelId,
        detail: entry.detail,
        entry,
      };
    case 'enterId':
      return { label: `$(edit) ${entry.label}`, detail: entry.detail, alwaysShow: true, entry };
    case 'notice':
      return { label: `$(warning) ${entry.label}`, detail: entry.detail, alwaysShow: true, entry };
  }
}

async function enterModelId(value?: string): Promise<string | undefined> {
  const entered = await vscode.window.showInputBox({
    title: 'Bedrock: Enter a model ID or ARN',
    prompt:
      'A model ID, an inference profile ID (us., eu., global. ...) or the ARN of an inference profile, provisioned or custom model.',
    placeHolder: 'us.anthropic.claude-sonnet-4-5-20250929-v1:0',
    value,
    ignoreFocusOut: true,
    validateInput: (text) =>
      text.trim() ? undefined : 'Enter a model ID, for example anthropic.claude-3-haiku-20240307-v1:0',
  });
  return entered?.trim() || undefined;
}

/** Shows the picker; resolves to the chosen model ID, or undefined when the user gives up. Saves nothing. */
export async function pickModel(deps: ModelPickerDeps, options: ModelPickerOptions): Promise<string | undefined> {
  const connection = await resolveConnection(deps.ctx);
  if (!connection) return undefined;
  const { profile, region } = connection.resolved;
  const where = `${profile} · ${region}`;
  const baseTitle = `Bedrock: Select Model${options.forWhat ? ` ${options.forWhat}` : ''} (${where})`;
  let load: (refresh: boolean) => void = () => undefined;
  const refreshButton: PickButton = {
    iconPath: new vscode.ThemeIcon('refresh'),
    tooltip: `List the models of profile ${profile} in ${region} again`,
    run: () => load(true),
  };
  const picker = openPicker<EntryItem>({
    title: baseTitle,
    placeholder:
      options.purpose === 'text'
        ? 'Pick a text model (type to filter by name, ID or provider)'
        : 'Pick a model (type to filter by name, ID or provider)',
    buttons: [refreshButton],
    matchOnDetail: true,
    onAccept: (item) => {
      if (item.entry?.type !== 'notice') return 'close';
      load(true);
      return 'keep';
    },
  });
  let generation = 0;
  load = (refresh) => {
    const mine = ++generation;
    picker.busy(`Listing the models of profile ${profile} in ${region}...`);
    void deps.discovery.catalog(connection.settings, refresh).then(
      (catalog: Catalog) => {
        if (mine !== generation) return;
        const items = buildPickerEntries(catalog, {
          purpose: options.purpose,
          recents: deps.recents.list(),
          current: options.current,
        }).map(toItem);
        picker.quickPick.title = catalog.source === 'live' ? baseTitle : `${baseTitle}: built-in list`;
        picker.show(
          items,
          items.find((i) => i.entry?.type === 'model' && i.entry.current),
        );
      },
      (error: unknown) => {
        if (mine !== generation) return;
        picker.show([
          toItem({
            type: 'enterId',
            label: 'Enter a model ID or ARN...',
            detail: `Listing failed: ${messageOf(error)}`,
          }),
        ]);
      },
    );
  };
  load(false);
  const picked = await picker.done;
  generation++;
  const entry = picked?.entry;
  if (!entry) return undefined;
  if (entry.type === 'enterId') return enterModelId();
  return entry.type === 'model' ? entry.modelId : undefined;
}
