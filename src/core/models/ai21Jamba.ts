// AI21 Jamba 1.5: OpenAI-like chat messages (reference §4.7).
import { chatMessages, readChatChoice } from './chatCompletions';
import { defined } from './json';
import { streamParser } from './streamParser';
import type { ModelFamily, ParsedResponse, PromptInput, StreamDelta } from './types';

export const ai21Jamba: ModelFamily = {
  id: 'ai21-jamba',
  displayName: 'AI21 Jamba',
  kind: 'text',
  streams: true,
  matches: (baseModelId) => /^ai21\.jamba/.test(baseModelId),

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
