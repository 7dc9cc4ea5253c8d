/** What every model family provides: request validation and response / stream-event shapes. */
import type { CatalogModel } from '../catalog';
import type { Generation } from '../generation';

export type Json = Record<string, unknown>;

export interface CallContext {
  model: CatalogModel;
  /** Per-request id used in generated ids (msg_bdrk_..., chatcmpl-...). */
  requestId: string;
  /** Unix seconds, for OpenAI-style `created`. */
  created: number;
  /** A guardrail intervened (families report it in their stop reason where they have one). */
  intervened: boolean;
  /** The model's request body (without Bedrock's own keys). */
  body: Json;
}

/** The prompt as the model sees it. */
export interface Prompt {
  /** The last user message (echoed verbatim by the emulated model). */
  userText: string;
  /** Everything the model reads, for the input-token estimate. */
  promptText: string;
  /** Model text emitted before the echo (e.g. reasoning). */
  prefix?: string;
  /** Output tokens spent outside the text (e.g. Claude thinking). */
  extraOutputTokens?: number;
}

export interface TextFamily {
  kind: 'text';
  /** Throws a BedrockError (ValidationException) for bodies the real model rejects. */
  parse(body: unknown, model: CatalogModel, stream: boolean): Prompt;
  response(gen: Generation, ctx: CallContext): Json;
  /** Model events in order; the runtime adds amazon-bedrock-invocationMetrics to the last one. */
  streamEvents(gen: Generation, ctx: CallContext): Iterable<Json>;
}

export interface OneShotResult {
  body: Json;
  inputTokens: number;
  /** Undefined for embeddings (no output-token header). */
  outputTokens?: number;
}

/** Embeddings and images: no streaming. */
export interface OneShotFamily {
  kind: 'oneshot';
  /** Throws a BedrockError for invalid bodies, else answers. */
  invoke(body: unknown, ctx: CallContext): OneShotResult;
  /** Text that a guardrail would inspect (for the trigger word). */
  promptOf(body: unknown): string;
}

export type Family = TextFamily | OneShotFamily;

/** Text of a message content that is either a string or a list of typed blocks. */
export function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) {
    return content
      .map((b) =>
        b && typeof b === 'object' && typeof (b as Json).text === 'string' ? ((b as Json).text as string) : '',
      )
      .join('');
  }
  return '';
}

/** Last user message of a chat-style list, with a role field and content. */
export function lastUser(messages: unknown, roleKey = 'role', user = 'user', contentKey = 'content'): string {
  if (!Array.isArray(messages)) return '';
  for (let i = messages.length - 1; i >= 0; i--) {
    const msg = messages[i] as Json;
    if (msg && msg[roleKey] === user) return contentText(msg[contentKey]);
  }
  return '';
}

export function allText(messages: unknown, contentKey = 'content'): string {
  return Array.isArray(messages) ? messages.map((x) => contentText((x as Json)?.[contentKey])).join('\n') : '';
}

/** Deterministic hex id derived from the request id. */
export function hexId(requestId: string, len = 24): string {
  return requestId.replace(/-/g, '').slice(0, len).padEnd(len, '0');
}
