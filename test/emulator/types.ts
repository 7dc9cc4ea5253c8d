/** Public types of the Bedrock emulator. Kept in one place so the API shape is easy to review. */

export interface EmulatorCredential {
  accessKeyId: string;
  secretAccessKey: string;
  /** When set, requests signed with this key must carry exactly this x-amz-security-token. */
  sessionToken?: string;
  /** Every request signed with this key fails with ExpiredTokenException. */
  expired?: boolean;
}

export interface PacingConfig {
  /** Delay before the response headers and first chunk of a stream. */
  firstByteDelayMs?: number;
  /** Content chunks per second; 0 = as fast as the client reads. */
  chunksPerSecond?: number;
  /** Number of content (text) chunks per stream; unset = one chunk per generated token. */
  chunks?: number;
}

export interface EmulatorConfig {
  /** Filler tokens generated after the echoed user message. */
  fillerTokens: number;
  pacing: { firstByteDelayMs: number; chunksPerSecond: number; chunks: number | undefined };
  /** Substring of the prompt that makes a guardrail-enabled request come back INTERVENED. */
  guardrailTriggerWord: string;
  /** Canned answers: a text model whose last user message contains `whenPromptContains` answers `text` instead of the echo. */
  replies: ScriptedReply[];
}

/**
 * A model's judgement cannot exist here, so a test that needs one (a grader's verdict) scripts it: the first reply
 * whose `whenPromptContains` occurs in the last user message is the whole answer (no filler).
 */
export interface ScriptedReply {
  whenPromptContains: string;
  text: string;
}

export interface ConfigUpdate {
  fillerTokens?: number;
  pacing?: PacingConfig;
  guardrailTriggerWord?: string;
  /** Replaces the scripted replies ([] removes them). */
  replies?: ScriptedReply[];
}

export interface EmulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Defaults to 127.0.0.1. */
  host?: string;
  /** Accepted SigV4 key pairs; defaults to [DEFAULT_CREDENTIAL]. Given pairs replace the default. */
  credentials?: EmulatorCredential[];
  /** Accepted Bedrock API keys (Authorization: Bearer ...). */
  bearerTokens?: string[];
  fillerTokens?: number;
  pacing?: PacingConfig;
  guardrailTriggerWord?: string;
  /** One line per request; defaults to no logging. */
  log?: (line: string) => void;
}

export type AuthType = 'sigv4' | 'bearer' | 'none';

export interface RecordedRequest {
  /** Sequence number, 1-based, in arrival order. */
  seq: number;
  time: string;
  /** InvokeModel, InvokeModelWithResponseStream, ListFoundationModels, ... or 'Unknown'. */
  operation: string;
  /** Decoded model ID / identifier from the path, as the client sent it. */
  modelId?: string;
  /** Foundation model the request was routed to, when it resolved. */
  resolvedModelId?: string;
  method: string;
  path: string;
  httpVersion: '1.1' | '2';
  /** Request headers without authorization, x-amz-security-token or any other secret. */
  headers: Record<string, string>;
  authType: AuthType;
  accessKeyId?: string;
  region?: string;
  hasSessionToken: boolean;
  /** Parsed JSON when the body is JSON, else the UTF-8 text (undefined when empty). */
  body?: unknown;
  /** From amz-sdk-request: attempt=N; max=M. */
  attempt?: number;
  maxAttempts?: number;
  invocationId?: string;
  requestId: string;
  status?: number;
  errorType?: string;
  errorMessage?: string;
  /** Name of the injected fault that shaped this response, if any. */
  fault?: string;
  /** chunk frames written (streams only). */
  chunksSent?: number;
  /** The client closed/reset the stream or connection before the server finished. */
  aborted: boolean;
  /** The server finished writing the response. */
  completed: boolean;
  durationMs?: number;
}

/** HTTP-level faults: the ten InvokeModel exceptions (+ ModelStreamErrorException for the stream operation). */
export type HttpFaultName =
  | 'AccessDeniedException'
  | 'InternalServerException'
  | 'ModelErrorException'
  | 'ModelNotReadyException'
  | 'ModelTimeoutException'
  | 'ResourceNotFoundException'
  | 'ServiceQuotaExceededException'
  | 'ServiceUnavailableException'
  | 'ThrottlingException'
  | 'ValidationException'
  | 'ModelStreamErrorException';

export type StreamExceptionName =
  | 'internalServerException'
  | 'modelStreamErrorException'
  | 'validationException'
  | 'throttlingException'
  | 'modelTimeoutException'
  | 'serviceUnavailableException';

export type TransportFaultName = 'truncate' | 'badCrc' | 'reset' | 'stall';

export interface FaultSpec {
  fault: HttpFaultName | StreamExceptionName | TransportFaultName | string;
  /** How many matching request attempts fail (default 1). */
  count?: number;
  /** Only requests for this model (as sent, or the foundation model it resolves to). */
  modelId?: string;
  /** Only this operation (default: InvokeModel and InvokeModelWithResponseStream). */
  operation?: string;
  /** Mid-stream: fire after this many chunk frames (stream operation only). */
  afterChunks?: number;
  /** Delay before the fault fires; for 'stall' the silence length (default 30000). */
  delayMs?: number;
  /** Override the error message. */
  message?: string;
  /** ModelErrorException / modelStreamErrorException extras. */
  originalStatusCode?: number;
  resourceName?: string;
  originalMessage?: string;
}

export interface RunningEmulator {
  url: string;
  host: string;
  port: number;
  /** Copies of every recorded request, oldest first. */
  requests(): RecordedRequest[];
  addFault(f: FaultSpec | FaultSpec[]): void;
  /** Clears queued faults and recorded requests (configuration stays). */
  reset(): void;
  configure(c: ConfigUpdate): void;
  config(): EmulatorConfig;
  close(): Promise<void>;
}
