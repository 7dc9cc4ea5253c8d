// Which models the current profile can call in the current region, listed once per (profile, region, endpoint) and
// kept until refreshed. A listing that fails yields the built-in list with the reason, so the picker always has
// something to offer and can say why it is not the account's own list.
import type { BedrockClients } from '../bedrock/clients';
import { loadSdk } from '../bedrock/sdk';
import type { ConnectionSettings, ResolvedConnection } from '../bedrock/types';
import { classify, type Problem } from '../errors/classify';
import { builtInCatalog } from './builtIn';
import { listAccount } from './listing';
import type { Catalog, DiscoveryFailure } from './types';

export interface DiscoveryOptions {
  /** Gives up on a listing after this long (default 20 s) and uses the built-in list. */
  timeoutMs?: number;
}

/** What the picker says when the built-in list stands in; by kind, never by message text (see core/errors). */
export function failureOf(problem: Problem, connection: ResolvedConnection): DiscoveryFailure {
  const where = `profile "${connection.profile}" in ${connection.region}`;
  let reason: string;
  switch (problem.kind) {
    case 'accessDenied':
    case 'modelAccessNotGranted':
      reason = `P${where.slice(1)} is not allowed to list models (${problem.errorName}). Grant bedrock:ListFoundationModels and bedrock:ListInferenceProfiles, or switch profile.`;
      break;
    default:
      reason = `Listing models failed for ${where}: ${problem.message} ${problem.hint}`;
  }
  return { kind: problem.kind, errorName: problem.errorName, reason };
}

export class ModelDiscovery {
  private readonly cache = new Map<string, Promise<Catalog>>();
  /** The listings that have finished, by the same key: what `settled` may answer without waiting. */
  private readonly done = new Map<string, Catalog>();

  constructor(
    private readonly bedrock: BedrockClients,
    private readonly options: DiscoveryOptions = {},
  ) {}

  /** The catalog for these settings: cached, or listed now (`refresh` forces a new listing). Throws only when no region is known. */
  async catalog(settings: ConnectionSettings, refresh = false): Promise<Catalog> {
    const connection = await this.bedrock.resolve(settings);
    const key = JSON.stringify([connection.profile, connection.region, connection.endpoint ?? '']);
    const cached = this.cache.get(key);
    if (cached && !refresh) return cached;
    const pending = this.list(settings, connection);
    this.cache.set(key, pending);
    void pending.then(
      (catalog) => {
        if (this.cache.get(key) === pending) this.done.set(key, catalog);
      },
      () => undefined,
    );
    return pending;
  }

  /** The cached catalog, if one was listed already; never lists. */
  async cached(settings: ConnectionSettings): Promise<Catalog | undefined> {
    try {
      const connection = await this.bedrock.resolve(settings);
      return await this.cache.get(JSON.stringify([connection.profile, connection.region, connection.endpoint ?? '']));
    } catch {
      return undefined;
    }
  }

  /**
   * The catalog of a listing that has already finished; undefined while one is still under way or none was made.
   * Never lists and never waits on a listing (a run must not wait for the picker's listing to decide how to send).
   */
  async settled(settings: ConnectionSettings): Promise<Catalog | undefined> {
    try {
      const connection = await this.bedrock.resolve(settings);
      return this.done.get(JSON.stringify([connection.profile, connection.region, connection.endpoint ?? '']));
    } catch {
      return undefined;
    }
  }

  /** Forgets every listing, e.g. after the profile or region changed. */
  invalidate(): void {
    this.cache.clear();
    this.done.clear();
  }

  private async list(settings: ConnectionSettings, connection: ResolvedConnection): Promise<Catalog> {
    const signal = AbortSignal.timeout(this.options.timeoutMs ?? 20_000);
    let client: Awaited<ReturnType<BedrockClients['controlClient']>> | undefined;
    try {
      const [sdk, control] = await Promise.all([loadSdk(), this.bedrock.controlClient(settings)]);
      client = control;
      const listing = await listAccount(sdk, client, signal);
      return {
        profile: connection.profile,
        region: connection.region,
        ...listing,
        source: 'live',
        fetchedAt: Date.now(),
      };
    } catch (error) {
      const problem = classify(error, {
        profile: connection.profile,
        region: connection.region,
        endpoint: connection.endpoint,
        ssoSession: connection.ssoSession,
      });
      return builtInCatalog(connection.profile, connection.region, failureOf(problem, connection));
    } finally {
      client?.destroy();
    }
  }
}
