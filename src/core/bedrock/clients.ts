// The pool of Bedrock Runtime clients: one per (profile, region, endpoint), created on first use with the
// user's profile, and dropped on invalidate() so that the next call re-reads config files and credentials.
import type { BedrockClient, BedrockClientConfig } from '@aws-sdk/client-bedrock';
import type {
  BedrockRuntimeClient,
  BedrockRuntimeClientConfig,
  InvokeModelCommandInput,
} from '@aws-sdk/client-bedrock-runtime';
import type {
  ConverseCallResult,
  ConverseCaller,
  ConverseInput,
  ConverseStreamResult,
  CountTokensInput,
} from '../converse/types';
import { converseEvents } from './converseStream';
import { authConfig, BEARER_TOKEN_VARIABLE, credentialSource } from './auth';

/** Short-term Bedrock API keys live at most 12 hours (@aws/bedrock-token-generator's limit, and AWS's). */
export const MAX_SHORT_TERM_SECONDS = 43_200;
import { environmentOverrides } from './environment';
import { RegionMissingError } from './errors';
import { type ConfigFiles, type Env, explicitProfile, type ProfileInfo, readProfile } from './profile';
import { guardedEventStreamSerde } from './eventStream';
import { captureResponseHeaders, guardResponseStream } from './response';
import { loadConfigModules, loadSdk, type Sdk } from './sdk';
import { modelEvents } from './stream';
import { StreamGuard, type StreamLimits } from './streamGuard';
import type {
  ApiKeySource,
  ConnectionSettings,
  EnvironmentOverride,
  InvokeMetadata,
  InvokeRequest,
  InvokeResult,
  ResolvedConnection,
  StreamResult,
} from './types';

export interface BedrockClientsOptions extends ConfigFiles {
  /** Environment to read AWS_* variables from; default process.env. Never written to. */
  env?: Env;
  /** Attempts per call including the first (SDK default 3, or AWS_MAX_ATTEMPTS). */
  maxAttempts?: number;
  /**
   * Stored Bedrock API keys (Bedrock: Set API Key): a region's key signs its requests as a bearer token instead of
   * the profile. Call invalidate() when they change.
   */
  apiKeys?: ApiKeySource;
}

interface Resolution {
  connection: ResolvedConnection;
  profileInfo: ProfileInfo;
  /** The stored API key that signs, kept out of `connection` (which is shown and never holds a secret). */
  apiKey?: string;
}

interface PooledClient {
  client: BedrockRuntimeClient;
  profile: string;
  inFlight: number;
  retired: boolean;
}

interface Lease {
  client: BedrockRuntimeClient;
  release(): void;
}

/** What the service says it applied: the output members bound to `X-Amzn-Bedrock-Service-Tier` / `-PerformanceConfig-Latency`. */
function applied(metadata: InvokeMetadata, out: { serviceTier?: string; performanceConfigLatency?: string }): void {
  if (out.serviceTier) metadata.serviceTier = out.serviceTier;
  if (out.performanceConfigLatency) metadata.performanceConfigLatency = out.performanceConfigLatency;
}

export class BedrockClients implements ConverseCaller {
  private readonly env: Env;
  private readonly resolutions = new Map<string, { profile: string; pending: Promise<Resolution> }>();
  private readonly clients = new Map<string, PooledClient>();

  constructor(private readonly options: BedrockClientsOptions = {}) {
    this.env = options.env ?? process.env;
  }

  /** Profile, region and endpoint a call with these settings goes to; throws RegionMissingError when no region is known. */
  async resolve(settings: ConnectionSettings): Promise<ResolvedConnection> {
    return { ...(await this.resolution(settings)).connection };
  }

  async invoke(settings: ConnectionSettings, request: InvokeRequest, signal?: AbortSignal): Promise<InvokeResult> {
    const [{ runtime }, lease] = await Promise.all([loadSdk(), this.lease(settings)]);
    try {
      const command = new runtime.InvokeModelCommand(commandInput(request));
      const metadata: InvokeMetadata = {};
      const started = performance.now();
      captureResponseHeaders(command, metadata, started);
      const out = await lease.client.send(command, { abortSignal: signal });
      metadata.totalMs = performance.now() - started;
      metadata.requestId = out.$metadata.requestId ?? metadata.requestId;
      applied(metadata, out);
      return { body: out.body, contentType: out.contentType, metadata };
    } finally {
      lease.release();
    }
  }

  /**
   * Starts a streaming call. Iterate `events` to the end, or abort `signal`; either frees the connection. `limits`:
   * the idle timeout and the answer-size limit's frame cap (see StreamGuard; the text limit is the consumer's).
   */
  async stream(
    settings: ConnectionSettings,
    request: InvokeRequest,
    signal?: AbortSignal,
    limits?: StreamLimits,
  ): Promise<StreamResult> {
    return this.openStream(
      settings,
      signal,
      limits,
      async (client, runtime, controller, metadata, started, end, guard) => {
        const command = new runtime.InvokeModelWithResponseStreamCommand(commandInput(request));
        guardResponseStream(command, guard);
        const out = await client.send(command, { abortSignal: controller.signal });
        metadata.requestId = out.$metadata.requestId;
        applied(metadata, out);
        if (!out.body) throw new Error('Bedrock returned a stream response without a body.');
        return {
          events: modelEvents(out.body, metadata, started, controller, end, guard),
          contentType: out.contentType,
          metadata,
        };
      },
    );
  }

  /**
   * Runs `start` on a leased client with our own AbortController, so that a consumer who stops iterating can reset
   * the stream too (see sdkStreamEvents), and a StreamGuard whose idle clock starts now; `end` (release the lease,
   * stop the clock) runs once, also when the stream is aborted before anyone iterates it or `start` throws.
   */
  private async openStream<T>(
    settings: ConnectionSettings,
    signal: AbortSignal | undefined,
    limits: StreamLimits | undefined,
    start: (
      client: BedrockRuntimeClient,
      runtime: Sdk['runtime'],
      controller: AbortController,
      metadata: InvokeMetadata,
      started: number,
      end: () => void,
      guard: StreamGuard,
    ) => Promise<T>,
  ): Promise<T> {
    const [{ runtime }, lease] = await Promise.all([loadSdk(), this.lease(settings)]);
    const controller = new AbortController();
    const guard = new StreamGuard(controller, limits);
    let ended = false;
    const end = () => {
      if (ended) return;
      ended = true;
      guard.stop();
      signal?.removeEventListener('abort', forwardAbort);
      lease.release();
    };
    const forwardAbort = () => {
      controller.abort();
      end();
    };
    signal?.addEventListener('abort', forwardAbort, { once: true });
    if (signal?.aborted) controller.abort();
    guard.start();
    try {
      return await start(lease.client, runtime, controller, {}, performance.now(), end, guard);
    } catch (err) {
      // A broken or oversized first event ends the request too; a stall's AbortError is the stall.
      const failure = guard.explain(err);
      controller.abort();
      end();
      throw failure;
    }
  }

  /** Converse: one whole answer. */
  async converse(
    settings: ConnectionSettings,
    input: ConverseInput,
    signal?: AbortSignal,
  ): Promise<ConverseCallResult> {
    const [{ runtime }, lease] = await Promise.all([loadSdk(), this.lease(settings)]);
    try {
      const metadata: InvokeMetadata = {};
      const started = performance.now();
      const response = await lease.client.send(new runtime.ConverseCommand(input), { abortSignal: signal });
      metadata.totalMs = metadata.firstByteMs = performance.now() - started;
      metadata.requestId = response.$metadata.requestId;
      if (response.usage?.inputTokens !== undefined) metadata.inputTokenCount = response.usage.inputTokens;
      if (response.usage?.outputTokens !== undefined) metadata.outputTokenCount = response.usage.outputTokens;
      if (response.metrics?.latencyMs !== undefined) metadata.invocationLatencyMs = response.metrics.latencyMs;
      if (response.serviceTier?.type) metadata.serviceTier = response.serviceTier.type;
      return { response, metadata };
    } finally {
      lease.release();
    }
  }

  /** ConverseStream. Iterate `events` to the end, or abort `signal`; either frees the connection. */
  async converseStream(
    settings: ConnectionSettings,
    input: ConverseInput,
    signal?: AbortSignal,
    limits?: StreamLimits,
  ): Promise<ConverseStreamResult> {
    return this.openStream(
      settings,
      signal,
      limits,
      async (client, runtime, controller, metadata, started, end, guard) => {
        const command = new runtime.ConverseStreamCommand(input);
        guardResponseStream(command, guard);
        const out = await client.send(command, { abortSignal: controller.signal });
        metadata.requestId = out.$metadata.requestId;
        if (!out.stream) throw new Error('Bedrock returned a ConverseStream response without a stream.');
        return { events: converseEvents(out.stream, metadata, started, controller, end, guard), metadata };
      },
    );
  }

  /** CountTokens: the input tokens the model would be charged for `input`; nothing is invoked. */
  async countTokens(
    settings: ConnectionSettings,
    modelId: string,
    input: CountTokensInput,
    signal?: AbortSignal,
  ): Promise<number> {
    const [{ runtime }, lease] = await Promise.all([loadSdk(), this.lease(settings)]);
    try {
      const out = await lease.client.send(new runtime.CountTokensCommand({ modelId, input }), { abortSignal: signal });
      return out.inputTokens ?? 0;
    } finally {
      lease.release();
    }
  }

  /**
   * The pooled SDK client for these settings, for calls this class does not wrap. It is destroyed on
   * invalidate()/dispose(), so fetch it per use rather than keeping it.
   */
  async client(settings: ConnectionSettings): Promise<BedrockRuntimeClient> {
    const lease = await this.lease(settings);
    lease.release();
    return lease.client;
  }

  /**
   * A new control-plane client (`@aws-sdk/client-bedrock`: model and inference-profile listings) signed exactly like
   * the runtime client for these settings. Listings are rare and cached by their callers, so it is not pooled: the
   * caller destroys it when done.
   */
  async controlClient(settings: ConnectionSettings): Promise<BedrockClient> {
    const [sdk, { connection, profileInfo, apiKey }] = await Promise.all([loadSdk(), this.resolution(settings)]);
    const config: BedrockClientConfig = {
      profile: connection.profile,
      region: connection.region,
      ...authConfig(sdk, settings.profile, connection.profile, profileInfo, this.options, this.env, apiKey),
    };
    const endpoint = connection.endpoint && controlPlaneEndpoint(connection.endpoint);
    if (endpoint) config.endpoint = endpoint;
    if (this.options.maxAttempts !== undefined) config.maxAttempts = this.options.maxAttempts;
    return new sdk.control.BedrockClient(config);
  }

  /**
   * A short-term Bedrock API key for the settings' region, made from the profile's credentials (or the environment's
   * keys, as they would sign) by @aws/bedrock-token-generator: valid for `expiresInSeconds` (at most 12 hours), or
   * until the credentials themselves expire when that is sooner. Nothing is sent: the key is a presigned URL.
   */
  async shortTermApiKey(
    settings: ConnectionSettings,
    expiresInSeconds = MAX_SHORT_TERM_SECONDS,
  ): Promise<{ key: string; region: string; profile: string; expiresAt: Date }> {
    const seconds = Math.min(Math.max(1, Math.floor(expiresInSeconds)), MAX_SHORT_TERM_SECONDS);
    const [sdk, { connection, profileInfo }] = await Promise.all([loadSdk(), this.resolution(settings)]);
    // The profile's own credentials, not a stored key or AWS_BEARER_TOKEN_BEDROCK: a key cannot make a key.
    const env = { ...this.env, [BEARER_TOKEN_VARIABLE]: undefined };
    const provider = authConfig(sdk, settings.profile, connection.profile, profileInfo, this.options, env).credentials;
    const credentials = typeof provider === 'function' ? await provider() : provider;
    if (!credentials)
      throw new Error(`Profile "${connection.profile}" has no credentials to make a short-term API key with.`);
    const signedAt = Date.now();
    const key = await sdk.tokens.getToken({ credentials, region: connection.region, expiresInSeconds: seconds });
    const requested = signedAt + seconds * 1000;
    const lapses = credentials.expiration ? Math.min(requested, credentials.expiration.getTime()) : requested;
    return { key, region: connection.region, profile: connection.profile, expiresAt: new Date(lapses) };
  }

  /** Environment variables that make requests ignore the chosen profile, so the UI can say so. */
  environmentOverrides(settings: ConnectionSettings): EnvironmentOverride[] {
    // A stored key for the settings' region (or all regions) signs instead of the variables: nothing overrides it.
    if (this.options.apiKeys?.keyFor(settings.region?.trim() ?? '')) return [];
    return environmentOverrides(settings, this.env);
  }

  /**
   * Forgets resolved regions and clients (all, or those of the settings' profile), so the next call re-reads the
   * config files and credentials, e.g. after `aws sso login`. Calls in flight finish on their old client.
   */
  invalidate(settings?: ConnectionSettings): void {
    const profile = settings ? this.profileName(settings) : undefined;
    for (const [key, entry] of this.resolutions) {
      if (profile === undefined || entry.profile === profile) this.resolutions.delete(key);
    }
    for (const [key, pooled] of this.clients) {
      if (profile !== undefined && pooled.profile !== profile) continue;
      this.clients.delete(key);
      pooled.retired = true;
      if (pooled.inFlight === 0) pooled.client.destroy();
    }
  }

  dispose(): void {
    this.invalidate();
  }

  private profileName(settings: ConnectionSettings): string {
    return explicitProfile(settings.profile, this.env) ?? 'default';
  }

  private resolution(settings: ConnectionSettings): Promise<Resolution> {
    const profile = this.profileName(settings);
    // Who signs is part of the key: a bearer token or env keys appearing (or going) must not reuse the old client.
    const key = JSON.stringify([
      profile,
      settings.region?.trim() ?? '',
      settings.endpoint?.trim() ?? '',
      credentialSource(settings.profile, this.env),
    ]);
    const cached = this.resolutions.get(key);
    if (cached) return cached.pending;
    const pending = this.readResolution(settings, profile);
    this.resolutions.set(key, { profile, pending });
    // A failure (no region yet) must not stick: the user is about to fix it.
    pending.catch(() => {
      if (this.resolutions.get(key)?.pending === pending) this.resolutions.delete(key);
    });
    return pending;
  }

  private async readResolution(settings: ConnectionSettings, profile: string): Promise<Resolution> {
    const info = await readProfile(await loadConfigModules(), profile, this.options, this.env);
    const region = settings.region?.trim() || info.region || this.env.AWS_REGION;
    if (!region) throw new RegionMissingError(profile);
    const endpoint = settings.endpoint?.trim() || undefined;
    await this.options.apiKeys?.ready;
    const stored = this.options.apiKeys?.keyFor(region);
    const connection: ResolvedConnection = {
      profile,
      region,
      credentialSource: credentialSource(settings.profile, this.env, stored?.key),
    };
    if (stored) connection.apiKeyScope = stored.scope;
    if (endpoint) connection.endpoint = endpoint;
    if (info.ssoSession) connection.ssoSession = info.ssoSession;
    return stored ? { connection, profileInfo: info, apiKey: stored.key } : { connection, profileInfo: info };
  }

  private async lease(settings: ConnectionSettings): Promise<Lease> {
    const { connection, profileInfo, apiKey } = await this.resolution(settings);
    const key = JSON.stringify([
      connection.profile,
      connection.region,
      connection.endpoint ?? '',
      connection.credentialSource ?? '',
    ]);
    let pooled = this.clients.get(key);
    if (!pooled) {
      pooled = {
        client: await this.createClient(settings, connection, profileInfo, apiKey),
        profile: connection.profile,
        inFlight: 0,
        retired: false,
      };
      // Two first calls may race through createClient; keep the first client, drop the spare.
      const winner = this.clients.get(key);
      if (winner) {
        pooled.client.destroy();
        pooled = winner;
      } else {
        this.clients.set(key, pooled);
      }
    }
    const leased = pooled;
    leased.inFlight++;
    let released = false;
    return {
      client: leased.client,
      release: () => {
        if (released) return;
        released = true;
        if (--leased.inFlight === 0 && leased.retired) leased.client.destroy();
      },
    };
  }

  private async createClient(
    settings: ConnectionSettings,
    connection: ResolvedConnection,
    profileInfo: ProfileInfo,
    apiKey?: string,
  ): Promise<BedrockRuntimeClient> {
    const sdk = await loadSdk();
    const config: BedrockRuntimeClientConfig = {
      profile: connection.profile,
      region: connection.region,
      ...authConfig(sdk, settings.profile, connection.profile, profileInfo, this.options, this.env, apiKey),
    };
    if (connection.endpoint) config.endpoint = connection.endpoint;
    if (this.options.maxAttempts !== undefined) config.maxAttempts = this.options.maxAttempts;
    // Our event-stream decoder: limits, classified malformations, chunks decoded in place (see eventStream.ts).
    config.eventStreamSerdeProvider = guardedEventStreamSerde(
      sdk.runtime.eventStreamSerdeProvider,
    ) as BedrockRuntimeClientConfig['eventStreamSerdeProvider'];
    return new sdk.runtime.BedrockRuntimeClient(config);
  }
}

function commandInput(request: InvokeRequest): InvokeModelCommandInput {
  const input: InvokeModelCommandInput = {
    modelId: request.modelId,
    body: request.body,
    contentType: request.contentType ?? 'application/json',
    accept: request.accept ?? 'application/json',
  };
  if (request.trace) input.trace = request.trace;
  if (request.guardrailIdentifier) input.guardrailIdentifier = request.guardrailIdentifier;
  if (request.guardrailVersion) input.guardrailVersion = request.guardrailVersion;
  if (request.performanceConfigLatency) input.performanceConfigLatency = request.performanceConfigLatency;
  if (request.serviceTier) input.serviceTier = request.serviceTier;
  return input;
}

/**
 * Where the control plane is for a custom runtime endpoint. AWS serves it at `bedrock.<region>` beside
 * `bedrock-runtime.<region>`; a runtime VPC endpoint says nothing about the control plane's (another endpoint ID), so
 * that case uses the region's public endpoint; any other URL (a proxy, an emulator) is taken to serve both.
 */
export function controlPlaneEndpoint(runtimeEndpoint: string): string | undefined {
  let url: URL;
  try {
    url = new URL(runtimeEndpoint);
  } catch {
    return runtimeEndpoint;
  }
  if (/\.vpce\.amazonaws\.com$/i.test(url.hostname)) return undefined;
  const aws = /^bedrock-runtime(-fips)?\.(.+\.amazonaws\.com(\.cn)?)$/i.exec(url.hostname);
  if (!aws) return runtimeEndpoint;
  url.hostname = `bedrock${aws[1] ?? ''}.${aws[2]}`;
  return url.origin;
}
