// Anthropic Claude through the Messages API (docs/bedrock-protocol.md §4.1).
import { asArray, asObject, asString, at, defined, usageOf } from './json';
import { streamParser } from './streamParser';
import type { ModelFamily, ParsedResponse, PromptInput, StreamDelta } from './types';

/** Keys the Messages API requires; used when the user has not set them. */
const ANTHROPIC_DEFAULTS = {
  anthropicVersion: 'bedrock-2023-05-31',
  maxTokens: 1024,
} as const;

export const anthropic: ModelFamily = {
  id: 'anthropic',
  displayName: 'Anthropic Claude (Messages API)',
  kind: 'text',
  streams: true,
  matches: (baseModelId) => /^anthropic\.claude/.test(baseModelId),

  buildBody(input: PromptInput) {
    return defined({
      anthropic_version: ANTHROPIC_DEFAULTS.anthropicVersion,
      max_tokens: input.maxTokens ?? ANTHROPIC_DEFAULTS.maxTokens,
      system: input.system || undefined,
      messages: [{ role: 'user', content: [{ type: 'text', text: input.prompt }] }],
      temperature: input.temperature,
      top_p: input.topP,
    });
  },

  parseResponse(body: unknown): ParsedResponse {
    let text = '';
    let reasoning = '';
    for (const block of asArray(at(body, 'content')) ?? []) {
      const type = asString(at(block, 'type'));
      if (type === 'text') text += asString(at(block, 'text')) ?? '';
      else if (type === 'thinking') reasoning += asString(at(block, 'thinking')) ?? '';
    }
    return defined({
      text,
      reasoning: reasoning || undefined,
      stopReason: asString(at(body, 'stop_reason')),
      usage: usageOf(at(body, 'usage', 'input_tokens'), at(body, 'usage', 'output_tokens')),
    });
  },

  createStreamParser: streamParser(() => (event): StreamDelta => {
    switch (event.type) {
      case 'message_start':
        // output_tokens here is a placeholder; the real count comes with message_delta.
        return { usage: usageOf(at(event, 'message', 'usage', 'input_tokens'), undefined) };
      case 'content_block_start':
        return {
          text: asString(at(event, 'content_block', 'text')),
          reasoning: asString(at(event, 'content_block', 'thinking')),
        };
      case 'content_block_delta': {
        const delta = asObject(event.delta);
        if (delta?.type === 'text_delta') return { text: asString(delta.text) };
        if (delta?.type === 'thinking_delta') return { reasoning: asString(delta.thinking) };
        return {};
      }
      case 'message_delta':
        return {
          stopReason: asString(at(event, 'delta', 'stop_reason')),
          usage: usageOf(at(event, 'usage', 'input_tokens'), at(event, 'usage', 'output_tokens')),
        };
      case 'error':
        return {
          error: {
            type: asString(at(event, 'error', 'type')) ?? 'error',
            message: asString(at(event, 'error', 'message')) ?? 'The model reported an error in the stream.',
          },
        };
      default:
        return {};
    }
  }),
};
