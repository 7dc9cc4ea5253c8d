// One way to show the extension's pickers: a QuickPick whose items may arrive later (busy meanwhile), with title
// buttons, resolving to the accepted item or undefined. The open picker is reachable through the internal command
// `_bedrock.activePicker`, which the integration tests use to read the real items and accept one of them through the
// workbench's own accept command, the way a keyboard user would.
import * as vscode from 'vscode';
import { INTERNAL_COMMANDS, WORKBENCH_COMMANDS } from '../commands';

export interface PickButton extends vscode.QuickInputButton {
  /** Runs when the button is clicked; the picker stays open. */
  run(): void;
}

export interface PickOptions<T extends vscode.QuickPickItem = vscode.QuickPickItem> {
  title: string;
  placeholder: string;
  buttons?: PickButton[];
  matchOnDescription?: boolean;
  matchOnDetail?: boolean;
  /** Called on accept; return 'keep' to leave the picker open (e.g. an entry that reloads the list). */
  onAccept?: (item: T) => 'close' | 'keep';
}

export interface OpenPicker<T extends vscode.QuickPickItem> {
  readonly quickPick: vscode.QuickPick<T>;
  /** Replaces the items (and the active item, when one is given). */
  show(items: readonly T[], active?: T): void;
  busy(placeholder: string): void;
  done: Promise<T | undefined>;
}

let active: vscode.QuickPick<vscode.QuickPickItem> | undefined;

export function openPicker<T extends vscode.QuickPickItem>(options: PickOptions<T>): OpenPicker<T> {
  const quickPick = vscode.window.createQuickPick<T>();
  quickPick.title = options.title;
  quickPick.placeholder = options.placeholder;
  quickPick.matchOnDescription = options.matchOnDescription ?? true;
  quickPick.matchOnDetail = options.matchOnDetail ?? false;
  quickPick.ignoreFocusOut = true;
  quickPick.buttons = options.buttons ?? [];
  const done = new Promise<T | undefined>((resolve) => {
    let accepted: T | undefined;
    quickPick.onDidTriggerButton((button) => (button as PickButton).run?.());
    quickPick.onDidAccept(() => {
      const item = quickPick.selectedItems[0] ?? quickPick.activeItems[0];
      if (!item || options.onAccept?.(item) === 'keep') return;
      accepted = item;
      quickPick.hide();
    });
    quickPick.onDidHide(() => {
      if (active === (quickPick as unknown)) active = undefined;
      quickPick.dispose();
      resolve(accepted);
    });
  });
  active = quickPick as unknown as vscode.QuickPick<vscode.QuickPickItem>;
  quickPick.busy = true;
  quickPick.show();
  return {
    quickPick,
    done,
    busy: (placeholder) => {
      quickPick.busy = true;
      quickPick.placeholder = placeholder;
    },
    show: (items, activeItem) => {
      quickPick.items = items;
      quickPick.busy = false;
      quickPick.placeholder = options.placeholder;
      if (activeItem) quickPick.activeItems = [activeItem];
    },
  };
}

/**
 * A multi-select QuickPick (`canSelectMany`) with the given items checked, resolving to the checked items when
 * accepted, or undefined when dismissed. Reachable through `_bedrock.activePicker` like the single-choice pickers.
 */
export function openMultiPicker<T extends vscode.QuickPickItem>(options: {
  title: string;
  placeholder: string;
  items: readonly T[];
  selected: readonly T[];
}): Promise<T[] | undefined> {
  const quickPick = vscode.window.createQuickPick<T>();
  quickPick.title = options.title;
  quickPick.placeholder = options.placeholder;
  quickPick.canSelectMany = true;
  quickPick.matchOnDescription = true;
  quickPick.ignoreFocusOut = true;
  quickPick.items = options.items;
  quickPick.selectedItems = options.selected;
  const done = new Promise<T[] | undefined>((resolve) => {
    let accepted: T[] | undefined;
    quickPick.onDidAccept(() => {
      accepted = [...quickPick.selectedItems];
      quickPick.hide();
    });
    quickPick.onDidHide(() => {
      if (active === (quickPick as unknown)) active = undefined;
      quickPick.dispose();
      resolve(accepted);
    });
  });
  active = quickPick as unknown as vscode.QuickPick<vscode.QuickPickItem>;
  quickPick.show();
  return done;
}

/** What the test hook reports about the open picker. */
export interface PickerSnapshot {
  title?: string;
  placeholder?: string;
  busy: boolean;
  items: { label: string; description?: string; detail?: string; kind?: 'separator' }[];
  active?: string;
  /** A multi-select picker's checked items (labels). */
  selected?: string[];
}

/**
 * `_bedrock.activePicker` (not contributed, not in the palette): the open picker's items, or, given
 * `{ accept: label }`, makes the first item with that label (or description) active and accepts it with the
 * workbench's `workbench.action.acceptSelectedQuickOpenItem`. For a multi-select picker, `{ select: [labels] }`
 * checks exactly those items (by label or description) and accepts.
 */
export function registerPickerProbe(): vscode.Disposable {
  return vscode.commands.registerCommand(
    INTERNAL_COMMANDS.activePicker,
    async (args?: { accept?: string; select?: string[] }): Promise<PickerSnapshot | undefined> => {
      const picker = active;
      if (!picker) return undefined;
      if (args?.select !== undefined) {
        const wanted = new Set(args.select);
        picker.selectedItems = picker.items.filter(
          (i) => wanted.has(i.label) || (i.description !== undefined && wanted.has(i.description)),
        );
        await new Promise((r) => setTimeout(r, 50));
        await vscode.commands.executeCommand(WORKBENCH_COMMANDS.acceptQuickOpenItem);
      }
      if (args?.accept !== undefined) {
        const item = picker.items.find(
          (i) =>
            i.kind !== vscode.QuickPickItemKind.Separator && (i.label === args.accept || i.description === args.accept),
        );
        if (!item) throw new Error(`The open picker has no item "${args.accept}".`);
        picker.activeItems = [item];
        // The new active item travels to the workbench before the accept command does (same channel, in order).
        await new Promise((r) => setTimeout(r, 50));
        await vscode.commands.executeCommand(WORKBENCH_COMMANDS.acceptQuickOpenItem);
      }
      return {
        title: picker.title,
        placeholder: picker.placeholder,
        busy: picker.busy,
        items: picker.items.map((i) => ({
          label: i.label,
          description: i.description,
          detail: i.detail,
          ...(i.kind === vscode.QuickPickItemKind.Separator ? { kind: 'separator' as const } : {}),
        })),
        active: picker.activeItems[0]?.label,
        ...(picker.canSelectMany ? { selected: picker.selectedItems.map((i) => i.label) } : {}),
      };
    },
  );
}
