// Contracts for calling Bedrock Runtime. Plain TypeScript: no vscode here.

/** Where requests go and who signs them; one client is kept per distinct value of this. */
export interface ConnectionSettings {
  /** AWS profile name; empty: AWS_PROFILE, then `default`. */
  profile?: string;
  /** Region; empty: the profile's region. */
  region?: string;
  /** Custom endpoint URL (VPC endpoint, proxy, emulator); empty: AWS. */
  endpoint?: string;
}

/** The resolved connection, as shown to the user (header lines, status bar). Never holds a secret. */
export interface ResolvedConnection {
  profile: string;
  region: string;
  endpoint?: string;
  /** The profile's `sso_session`, when it has one: `aws sso login --sso-session` renews it. */
  ssoSession?: string;
  /**
   * What signs the requests: the profile, AWS_ACCESS_KEY_ID/SECRET from the environment, AWS_BEARER_TOKEN_BEDROCK, or
   * a Bedrock API key the user stored (Bedrock: Set API Key).
   */
  credentialSource?: 'profile' | 'environmentKeys' | 'bearerToken' | 'apiKey';
  /** With credentialSource 'apiKey': whether the stored key is this region's or the one for every region. */
  apiKeyScope?: ApiKeyScope;
}

/** A stored Bedrock API key applies to one region, or to every region that has none of its own. */
export type ApiKeyScope = 'region' | 'allRegions';

/** The stored Bedrock API keys, looked up synchronously (the extension keeps them in memory from SecretStorage). */
export interface ApiKeySource {
  /** Settles once the keys are loaded; the first resolution waits for it. */
  readonly ready?: Promise<void>;
  /** The key that signs requests to this region: the region's own, else the one for all regions. */
  keyFor(region: string): { key: string; scope: ApiKeyScope } | undefined;
}

export interface InvokeRequest {
  modelId: string;
  /** The native request body, serialized. */
  body: string;
  contentType?: string;
  accept?: string;
  trace?: 'ENABLED' | 'DISABLED' | 'ENABLED_FULL';
  guardrailIdentifier?: string;
  guardrailVersion?: string;
  performanceConfigLatency?: 'standard' | 'optimized';
  serviceTier?: 'priority' | 'default' | 'flex' | 'reserved';
}

/** Metadata of one call: from response headers (InvokeModel) or the stream's invocation metrics. */
/**
 * The service-added `amazon-bedrock-invocationMetrics` of a stream's last chunk (docs/bedrock-protocol.md §2.4).
 * Read in one place, `modelEvents` in stream.ts, into InvokeMetadata.
 */
export interface InvocationMetrics {
  inputTokenCount?: number;
  outputTokenCount?: number;
  invocationLatency?: number;
  firstByteLatency?: number;
}

export interface InvokeMetadata {
  requestId?: string;
  inputTokenCount?: number;
  outputTokenCount?: number;
  invocationLatencyMs?: number;
  /** Time from sending the request to the first response byte or chunk, measured by us. */
  firstByteMs?: number;
  /** Time from sending the request to the end of the response, measured by us. */
  totalMs?: number;
  /**
   * The service tier that served the request, when the service says: InvokeModel's `X-Amzn-Bedrock-Service-Tier`
   * response header, Converse's `serviceTier.type`.
   */
  serviceTier?: string;
  /**
   * What a guardrail did (`INTERVENED` | `NONE`): the `amazon-bedrock-guardrailAction` key of the response body or of
   * the stream's last chunk; undefined when no guardrail ran.
   */
  guardrailAction?: string;
  /** The latency mode applied (`standard` | `optimized`): InvokeModel's `X-Amzn-Bedrock-PerformanceConfig-Latency`. */
  performanceConfigLatency?: string;
}

export interface InvokeResult {
  /** Raw response body bytes (the model's JSON). */
  body: Uint8Array;
  contentType?: string;
  metadata: InvokeMetadata;
}

export interface StreamResult {
  /** Each decoded model event (JSON-parsed `chunk.bytes`), in order. Throws in-stream errors as the SDK raises them. */
  events: AsyncIterable<unknown>;
  contentType?: string;
  metadata: InvokeMetadata;
}

/** Environment variables that would silently override the chosen profile. */
export interface EnvironmentOverride {
  variable: 'AWS_BEARER_TOKEN_BEDROCK' | 'AWS_ACCESS_KEY_ID';
  /** Plain explanation, e.g. "AWS_BEARER_TOKEN_BEDROCK is set: requests use that API key, not profile X". */
  message: string;
}
