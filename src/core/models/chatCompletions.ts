// The OpenAI-like chat shape shared by Mistral's chat models, AI21 Jamba and gpt-oss: `messages` in,
// `choices[0]` out. The families differ in key names (Mistral says `stop_reason` and streams `message`,
// the others say `finish_reason` and stream `delta`), so every reader accepts both spellings.
import { asString, at, defined, usageOf } from './json';
import { streamParser } from './streamParser';
import type { ModelFamily, ParsedResponse, PromptInput, StreamDelta, Usage } from './types';

export function chatMessages(input: PromptInput): { role: string; content: string }[] {
  return [
    ...(input.system ? [{ role: 'system', content: input.system }] : []),
    { role: 'user', content: input.prompt },
  ];
}

export interface ChatChoice {
  content?: string;
  /** Reasoning some OpenAI-compatible servers return in a field of its own. */
  reasoningContent?: string;
  stopReason?: string;
  usage?: Usage;
}

/** Reads a whole response (`choices[0].message`) or one stream chunk (`choices[0].delta` or `.message`). */
export function readChatChoice(body: unknown): ChatChoice {
  const choice = at(body, 'choices', 0);
  const message = at(choice, 'delta') ?? at(choice, 'message');
  return {
    content: asString(at(message, 'content')),
    reasoningContent: asString(at(message, 'reasoning_content')) ?? asString(at(message, 'reasoning')),
    stopReason: asString(at(choice, 'finish_reason')) ?? asString(at(choice, 'stop_reason')),
    usage: usageOf(at(body, 'usage', 'prompt_tokens'), at(body, 'usage', 'completion_tokens')),
  };
}

/**
 * A family whose body is plain chat completions (`messages`, `max_tokens`, `temperature`, `top_p`) and whose answers
 * and stream chunks are read as chat choices: AI21 Jamba and Mistral's chat models differ only in their IDs.
 */
export function chatCompletionsFamily(meta: Pick<ModelFamily, 'id' | 'displayName' | 'matches'>): ModelFamily {
  return {
    ...meta,
    kind: 'text',
    streams: true,
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
}
