// Contracts of the Converse path. Plain TypeScript: no vscode here. The request and response shapes are the AWS
// SDK's own (`import type` only: the SDK loads on the first call).
import type {
  ContentBlock,
  ConverseResponse,
  ConverseStreamCommandInput,
  CountTokensInput,
  Message,
  SystemContentBlock,
  Tool,
  ToolConfiguration,
} from '@aws-sdk/client-bedrock-runtime';
import type { StreamLimits } from '../bedrock/streamGuard';
import type { ConnectionSettings, InvokeMetadata } from '../bedrock/types';

/** One Converse / ConverseStream request: the SDK's input (blobs as Uint8Array, documents as plain JSON). */
export type ConverseInput = ConverseStreamCommandInput;
export type { ContentBlock, ConverseResponse, CountTokensInput, Message, SystemContentBlock, Tool, ToolConfiguration };

/** Token usage as Converse reports it; the cache fields only when the request had cache points. */
export interface ConverseUsage {
  inputTokens?: number;
  outputTokens?: number;
  totalTokens?: number;
  cacheReadInputTokens?: number;
  cacheWriteInputTokens?: number;
  /** Written tokens per cache TTL (1h first). */
  cacheDetails?: Array<{ ttl?: string; inputTokens?: number }>;
}

/** A tool call the model made, its input parsed (`input` is the raw text when it is not JSON: `inputError` says why). */
export interface ToolUse {
  toolUseId: string;
  name: string;
  input: unknown;
  inputError?: string;
}

/**
 * What a Converse answer is made of, in arrival order, the same for ConverseStream and Converse (whose response
 * is replayed as these events). `index` is the content block's index in the answer.
 */
export type ConverseEvent =
  | { type: 'text'; index: number; text: string }
  | { type: 'reasoning'; index: number; text: string }
  /** The signature that closes a reasoning block (Claude), or its redacted content. */
  | { type: 'reasoningSignature'; index: number; signature: string }
  /** A tool call begins: its name and ID are known, its input follows as toolInput pieces. */
  | { type: 'toolUseStart'; index: number; toolUseId: string; name: string }
  /** A piece of the tool call's input JSON, as text. */
  | { type: 'toolInput'; index: number; input: string }
  /** The tool call is complete (its block stopped): the whole input, parsed. */
  | { type: 'toolUse'; index: number; toolUse: ToolUse }
  | { type: 'stop'; stopReason: string; additionalModelResponseFields?: unknown }
  | {
      type: 'metadata';
      usage: ConverseUsage;
      latencyMs?: number;
      serviceTier?: string;
      performanceLatency?: string;
      trace?: unknown;
    };

export interface ConverseStreamResult {
  /** Throws in-stream errors as the SDK raises them, after the events before them. */
  events: AsyncIterable<ConverseEvent>;
  metadata: InvokeMetadata;
}

export interface ConverseCallResult {
  response: ConverseResponse;
  metadata: InvokeMetadata;
}

/** The part of the Bedrock client pool the Converse path needs (BedrockClients implements it). */
export interface ConverseCaller {
  converse(settings: ConnectionSettings, input: ConverseInput, signal?: AbortSignal): Promise<ConverseCallResult>;
  converseStream(
    settings: ConnectionSettings,
    input: ConverseInput,
    signal?: AbortSignal,
    limits?: StreamLimits,
  ): Promise<ConverseStreamResult>;
  countTokens(
    settings: ConnectionSettings,
    modelId: string,
    input: CountTokensInput,
    signal?: AbortSignal,
  ): Promise<number>;
}
