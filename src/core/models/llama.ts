// Meta Llama 3 and later: the caller writes the chat template into `prompt` (docs/bedrock-protocol.md §4.4).
import { asString, at, defined, usageOf } from './json';
import { streamParser } from './streamParser';
import type { ModelFamily, ParsedResponse, PromptInput, StreamDelta } from './types';

function llamaPrompt(input: PromptInput): string {
  const turn = (role: string, text: string) => `<|start_header_id|>${role}<|end_header_id|>\n\n${text}<|eot_id|>`;
  return (
    '<|begin_of_text|>' +
    (input.system ? turn('system', input.system) : '') +
    turn('user', input.prompt) +
    '<|start_header_id|>assistant<|end_header_id|>\n\n'
  );
}

export const llama: ModelFamily = {
  id: 'llama',
  displayName: 'Meta Llama 3+',
  kind: 'text',
  streams: true,
  // Llama 2 used a different prompt template, so only Llama 3 and later are served here.
  matches: (baseModelId) => /^meta\.llama([3-9]|\d{2})/.test(baseModelId),

  buildBody(input: PromptInput) {
    return defined({
      prompt: llamaPrompt(input),
      max_gen_len: input.maxTokens,
      temperature: input.temperature,
      top_p: input.topP,
    });
  },

  parseResponse(body: unknown): ParsedResponse {
    return defined({
      text: asString(at(body, 'generation')) ?? '',
      stopReason: asString(at(body, 'stop_reason')),
      usage: usageOf(at(body, 'prompt_token_count'), at(body, 'generation_token_count')),
    });
  },

  createStreamParser: streamParser(() => (event): StreamDelta => ({
    text: asString(event.generation),
    stopReason: asString(event.stop_reason),
    usage: usageOf(event.prompt_token_count, event.generation_token_count),
  })),
};
