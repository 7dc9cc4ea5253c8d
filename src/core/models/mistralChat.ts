// Mistral's chat models (Mistral Large 2407 and later, Pixtral, ...): chat messages (reference §4.5).
import { chatMessages, readChatChoice } from './chatCompletions';
import { defined } from './json';
import { isMistralInstructModel } from './mistral';
import { streamParser } from './streamParser';
import type { ModelFamily, ParsedResponse, PromptInput, StreamDelta } from './types';

export const mistralChat: ModelFamily = {
  id: 'mistral-chat',
  displayName: 'Mistral (chat messages)',
  kind: 'text',
  streams: true,
  matches: (baseModelId) => /^mistral\./.test(baseModelId) && !isMistralInstructModel(baseModelId),

  buildBody(input: PromptInput) {
    return defined({
      messages: chatMessages(input),
      max_tokens: input.maxTokens,
      temperature: input.temperature,
      top_p: input.topP,
    });
  },

  parseResponse(body: unknown): ParsedResponse {
    const choice = readChatChoice(body);
    return defined({ text: choice.content ?? '', stopReason: choice.stopReason, usage: choice.usage });
  },

  createStreamParser: streamParser(() => (event): StreamDelta => {
    const choice = readChatChoice(event);
    return { text: choice.content, stopReason: choice.stopReason, usage: choice.usage };
  }),
};
