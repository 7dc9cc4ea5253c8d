// Cohere Command R and R+: a chat `message` with an optional `preamble` (docs/bedrock-protocol.md §4.6).
import { asNumber, asString, at, defined, usageOf } from './json';
import { streamParser } from './streamParser';
import type { ModelFamily, ParsedResponse, PromptInput, StreamDelta, Usage } from './types';

/** Cohere reports tokens under `meta`, as billed units or raw tokens depending on the version. */
function cohereUsage(response: unknown): Usage | undefined {
  const billed = at(response, 'meta', 'billed_units');
  const tokens = at(response, 'meta', 'tokens');
  return usageOf(
    asNumber(at(billed, 'input_tokens')) ?? at(tokens, 'input_tokens'),
    asNumber(at(billed, 'output_tokens')) ?? at(tokens, 'output_tokens'),
  );
}

export const cohereCommandR: ModelFamily = {
  id: 'cohere-command-r',
  displayName: 'Cohere Command R',
  kind: 'text',
  streams: true,
  matches: (baseModelId) => /^cohere\.command-r/.test(baseModelId),

  buildBody(input: PromptInput) {
    return defined({
      message: input.prompt,
      preamble: input.system || undefined,
      max_tokens: input.maxTokens,
      temperature: input.temperature,
      p: input.topP,
    });
  },

  parseResponse(body: unknown): ParsedResponse {
    return defined({
      text: asString(at(body, 'text')) ?? '',
      stopReason: asString(at(body, 'finish_reason')),
      usage: cohereUsage(body),
    });
  },

  createStreamParser: streamParser(() => (event): StreamDelta => {
    switch (event.event_type) {
      case 'text-generation':
        return { text: asString(event.text) };
      case 'stream-end':
        // The full `response` repeats the whole text; only its finish reason and token counts are new.
        return {
          stopReason: asString(event.finish_reason) ?? asString(at(event, 'response', 'finish_reason')),
          usage: cohereUsage(event.response),
        };
      default:
        return {};
    }
  }),
};
