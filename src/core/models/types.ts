// Contracts between the model families and the rest of the extension. Plain TypeScript: no vscode here.

/** What a user asks for, before it is turned into a family's native request body. */
export interface PromptInput {
  /** The user message (the selection, or a request file's `prompt`). */
  prompt: string;
  system?: string;
  maxTokens?: number;
  temperature?: number;
  topP?: number;
}

/** Token counts. In a stream they are running totals: a later count replaces an earlier one. */
export interface Usage {
  inputTokens?: number;
  outputTokens?: number;
  /** Prompt caching (Converse): input tokens read from / written to the cache. */
  cacheReadInputTokens?: number;
  cacheWriteInputTokens?: number;
}

/** A whole InvokeModel answer, reduced to what the user reads. */
export interface ParsedResponse {
  text: string;
  /** Reasoning shown apart from the answer (DeepSeek R1 `<think>`, gpt-oss reasoning), if any. */
  reasoning?: string;
  stopReason?: string;
  usage?: Usage;
}

/** What one decoded stream event contributes. Every field is optional; most events carry one of them. */
export interface StreamDelta {
  text?: string;
  reasoning?: string;
  stopReason?: string;
  usage?: Usage;
  /** An error reported inside a chunk (Anthropic `{"type":"error"}`), to be raised by the caller. */
  error?: { type: string; message: string };
}

export type ModelKind = 'text' | 'embedding' | 'image';

export type FamilyId =
  | 'anthropic'
  | 'nova'
  | 'titan-text'
  | 'llama'
  | 'mistral'
  | 'mistral-chat'
  | 'cohere-command-r'
  | 'ai21-jamba'
  | 'deepseek'
  | 'gpt-oss'
  | 'titan-embed'
  | 'cohere-embed'
  | 'titan-image'
  | 'stability';

export interface ModelFamily {
  readonly id: FamilyId;
  /** Shown to users, e.g. "Anthropic Claude (Messages API)". */
  readonly displayName: string;
  readonly kind: ModelKind;
  /** Whether InvokeModelWithResponseStream works for this family. */
  readonly streams: boolean;
  /** True when this family serves the given base model ID (geo prefix and ARN already stripped). */
  matches(baseModelId: string): boolean;
  /** Turns a prompt into this family's native request body. */
  buildBody(input: PromptInput): Record<string, unknown>;
  /** Reads a whole InvokeModel response body (already JSON-parsed). */
  parseResponse(body: unknown): ParsedResponse;
  /** Returns a stateful parser for one stream: call it with each decoded chunk (JSON-parsed `chunk.bytes`). */
  createStreamParser(): (event: unknown) => StreamDelta;
}

/** How a model ID given by the user was understood. */
export interface ModelResolution {
  /** The ID exactly as the user gave it; this is what is sent to Bedrock. */
  modelId: string;
  /** The foundation model ID inside it (`us.anthropic.claude-…` -> `anthropic.claude-…`), when it names one. */
  baseModelId?: string;
  /** The family serving it, when known. */
  family?: ModelFamily;
  /** True for ARNs that do not name the model (application inference profile, provisioned throughput, ...): the user picks the family once. */
  needsFamilyChoice: boolean;
}
