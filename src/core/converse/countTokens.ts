// CountTokens for what a request would send: its InvokeModel body or its Converse input, to the bare foundation
// model (CountTokens takes no inference profile or ARN), with the model's context window where it is known.
// Nothing is invoked. https://docs.aws.amazon.com/bedrock/latest/userguide/count-tokens.html
import { capabilitiesOf } from '../discovery/capabilities';
import { baseModelIdOf } from '../models/resolve';
import type { ConverseCaller, ConverseInput, CountTokensInput } from './types';
import type { ConnectionSettings } from '../bedrock/types';

/** What a request would send: an InvokeModel body (its JSON text) or a Converse input. */
export type TokenCountRequest =
  { modelId: string; invokeModelBody: string } | { modelId: string; converse: ConverseInput };

export type TokenCount =
  | { kind: 'counted'; modelId: string; inputTokens: number; contextWindow?: number }
  | { kind: 'unsupported'; modelId: string; message: string };

const UNSUPPORTED = /doesn't support counting tokens|does not support counting tokens/i;

function unsupported(modelId: string, why: string): TokenCount {
  return {
    kind: 'unsupported',
    modelId,
    message: `${modelId} does not support CountTokens${why}. Nothing was sent to the model.`,
  };
}

/** The CountTokens input of a request (Converse: the members CountTokens reads). */
export function countTokensInput(request: TokenCountRequest): CountTokensInput {
  if ('invokeModelBody' in request) return { invokeModel: { body: new TextEncoder().encode(request.invokeModelBody) } };
  const { messages, system, toolConfig, additionalModelRequestFields } = request.converse;
  return {
    converse: { messages, system, toolConfig, additionalModelRequestFields } as NonNullable<
      CountTokensInput['converse']
    >,
  };
}

/**
 * Counts the request's input tokens. Unsupported models (by the capability table, an inference profile of an
 * unknown model, or the service's own answer) are a result, not an error; other errors are thrown as the SDK raised
 * them.
 */
export async function countRequestTokens(
  caller: Pick<ConverseCaller, 'countTokens'>,
  connection: ConnectionSettings,
  request: TokenCountRequest,
  signal?: AbortSignal,
): Promise<TokenCount> {
  const base = baseModelIdOf(request.modelId);
  if (!base) return unsupported(request.modelId, ' for an ARN that does not name its model');
  const capabilities = capabilitiesOf(base);
  if (capabilities && !capabilities.countTokens) return unsupported(request.modelId, '');
  try {
    const inputTokens = await caller.countTokens(connection, base, countTokensInput(request), signal);
    return {
      kind: 'counted',
      modelId: request.modelId,
      inputTokens,
      ...(capabilities?.contextWindow ? { contextWindow: capabilities.contextWindow } : {}),
    };
  } catch (error) {
    if ((error as Error).name === 'ValidationException' && UNSUPPORTED.test((error as Error).message))
      return unsupported(request.modelId, '');
    throw error;
  }
}

/** `1,234 tokens` and, where known, `of 200,000`. */
export function tokenCountText(count: TokenCount): string {
  if (count.kind === 'unsupported') return 'CountTokens not supported';
  const of = count.contextWindow ? ` of ${count.contextWindow.toLocaleString('en-US')}` : '';
  return `${count.inputTokens.toLocaleString('en-US')} input tokens${of}`;
}
