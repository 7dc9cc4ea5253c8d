// The OpenAI-like chat shape shared by Mistral's chat models, AI21 Jamba and gpt-oss: `messages` in,
// `choices[0]` out. The families differ in key names (Mistral says `stop_reason` and streams `message`,
// the others say `finish_reason` and stream `delta`), so every reader accepts both spellings.
import { asString, at, usageOf } from './json';
import type { PromptInput, Usage } from './types';

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
