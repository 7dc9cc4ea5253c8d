// The Bedrock API keys the user stored (Bedrock: Set API Key), kept in VS Code's SecretStorage (the OS keychain, or
// VS Code's encrypted store) and never in settings or files. One secret holds them all: a key per region and one
// for every region that has none of its own. The client pool reads them synchronously from the copy kept here.
import * as vscode from 'vscode';
import type { ApiKeyScope, ApiKeySource } from '../../core/bedrock';

/** The secret's name in SecretStorage. */
export const API_KEYS_SECRET = 'bedrock.apiKeys';
/** The entry that applies to every region without its own key. */
export const ALL_REGIONS = '*';

export interface StoredApiKey {
  key: string;
  /** Short-term keys: when the key stops working (ISO 8601). Long-term keys: absent. */
  expiresAt?: string;
}

type Stored = Record<string, StoredApiKey>;

function parse(text: string | undefined): Stored {
  if (!text) return {};
  try {
    const value: unknown = JSON.parse(text);
    if (!value || typeof value !== 'object') return {};
    const out: Stored = {};
    for (const [where, entry] of Object.entries(value as Record<string, unknown>)) {
      const e = entry as Partial<StoredApiKey> | undefined;
      if (typeof e?.key === 'string' && e.key)
        out[where] = { key: e.key, ...(typeof e.expiresAt === 'string' ? { expiresAt: e.expiresAt } : {}) };
    }
    return out;
  } catch {
    return {};
  }
}

function lapsed(entry: StoredApiKey): boolean {
  return entry.expiresAt !== undefined && Date.parse(entry.expiresAt) <= Date.now();
}

export class ApiKeys implements ApiKeySource, vscode.Disposable {
  private stored: Stored = {};
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly watch: vscode.Disposable;
  /** The store is read once at activation without blocking it; the pool waits for this before its first call. */
  readonly ready: Promise<void>;
  /** Fires when a key is set or cleared (here or in another window). */
  readonly onDidChange = this.changed.event;

  constructor(private readonly secrets: vscode.SecretStorage) {
    this.ready = this.reload();
    this.watch = secrets.onDidChange((e) => {
      if (e.key === API_KEYS_SECRET) void this.reload().then(() => this.changed.fire());
    });
  }

  /** The key that signs requests to `region`; a short-term key that has lapsed signs nothing (the profile does again). */
  keyFor(region: string): { key: string; scope: ApiKeyScope } | undefined {
    const own = region ? this.stored[region] : undefined;
    if (own && !lapsed(own)) return { key: own.key, scope: 'region' };
    const all = this.stored[ALL_REGIONS];
    return all && !lapsed(all) ? { key: all.key, scope: 'allRegions' } : undefined;
  }

  /** Lets everyone who shows or uses keys know that one has lapsed (nothing in the store changed). */
  lapse(): void {
    this.changed.fire();
  }

  /** Where keys are stored (`*` for all regions), with their expiry; never the keys themselves. */
  list(): Array<{ where: string; expiresAt?: string }> {
    return Object.entries(this.stored).map(([where, e]) => ({
      where,
      ...(e.expiresAt ? { expiresAt: e.expiresAt } : {}),
    }));
  }

  async set(where: string, entry: StoredApiKey): Promise<void> {
    await this.reload();
    this.stored = { ...this.stored, [where]: entry };
    await this.secrets.store(API_KEYS_SECRET, JSON.stringify(this.stored));
    this.changed.fire();
  }

  /** Removes the key of `where` (a region or `*`), or every key when `where` is undefined. */
  async clear(where?: string): Promise<void> {
    await this.reload();
    const next = { ...this.stored };
    if (where === undefined) for (const k of Object.keys(next)) delete next[k];
    else delete next[where];
    this.stored = next;
    if (Object.keys(next).length) await this.secrets.store(API_KEYS_SECRET, JSON.stringify(next));
    else await this.secrets.delete(API_KEYS_SECRET);
    this.changed.fire();
  }

  private async reload(): Promise<void> {
    try {
      this.stored = parse(await this.secrets.get(API_KEYS_SECRET));
    } catch {
      // No keychain (some Linux desktops): nothing stored, and Set API Key will say why it failed.
      this.stored = {};
    }
  }

  dispose(): void {
    this.watch.dispose();
    this.changed.dispose();
  }
}
