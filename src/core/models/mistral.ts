// Mistral's text-completion models (Mistral 7B, Mixtral 8x7B, Mistral Large/Small 2402): an `[INST]` prompt (docs/bedrock-protocol.md §4.5).
import { asString, at, defined } from './json';
import { streamParser } from './streamParser';
import type { ModelFamily, ParsedResponse, PromptInput, StreamDelta } from './types';

function mistralInstructPrompt(input: PromptInput): string {
  return '<s>[INST] ' + (input.system ? `${input.system}\n\n` : '') + input.prompt + ' [/INST]';
}

/** The Mistral models that still take a raw prompt; every other Mistral model takes chat messages. */
export function isMistralInstructModel(baseModelId: string): boolean {
  return /^mistral\.(mistral-7b-instruct|mixtral-8x7b-instruct|mistral-large-2402|mistral-small-2402)/.test(
    baseModelId,
  );
}

export const mistral: ModelFamily = {
  id: 'mistral',
  displayName: 'Mistral (instruct prompt)',
  kind: 'text',
  streams: true,
  matches: isMistralInstructModel,

  buildBody(input: PromptInput) {
    return defined({
      prompt: mistralInstructPrompt(input),
      max_tokens: input.maxTokens,
      temperature: input.temperature,
      top_p: input.topP,
    });
  },

  parseResponse(body: unknown): ParsedResponse {
    return defined({
      text: asString(at(body, 'outputs', 0, 'text')) ?? '',
      stopReason: asString(at(body, 'outputs', 0, 'stop_reason')),
    });
  },

  createStreamParser: streamParser(() => (event): StreamDelta => ({
    text: asString(at(event, 'outputs', 0, 'text')),
    stopReason: asString(at(event, 'outputs', 0, 'stop_reason')),
  })),
};
