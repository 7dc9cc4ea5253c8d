// OpenAI gpt-oss: an OpenAI Chat Completions body (docs/bedrock-protocol.md §4.9). Bedrock returns the reasoning inline as
// `<reasoning>…</reasoning>` before the answer; it is moved apart so the answer reads cleanly.
import { chatMessages, readChatChoice } from './chatCompletions';
import { defined } from './json';
import { ReasoningSplitter, splitReasoning, type SplitterRule } from './reasoningSplitter';
import { streamParser } from './streamParser';
import type { ModelFamily, ParsedResponse, PromptInput, StreamDelta } from './types';

const GPT_OSS_REASONING: SplitterRule = {
  initial: 'text',
  transitions: {
    text: [{ tag: '<reasoning>', to: 'reasoning' }],
    reasoning: [{ tag: '</reasoning>', to: 'text' }],
  },
};

export const gptOss: ModelFamily = {
  id: 'gpt-oss',
  displayName: 'OpenAI gpt-oss',
  kind: 'text',
  streams: true,
  matches: (baseModelId) => /^openai\.gpt-oss/.test(baseModelId),

  buildBody(input: PromptInput) {
    return defined({
      messages: chatMessages(input),
      max_completion_tokens: input.maxTokens,
      temperature: input.temperature,
      top_p: input.topP,
    });
  },

  parseResponse(body: unknown): ParsedResponse {
    const choice = readChatChoice(body);
    const split = splitReasoning(GPT_OSS_REASONING, choice.content ?? '');
    const reasoning = (choice.reasoningContent ?? '') + split.reasoning;
    return defined({
      text: split.text,
      reasoning: reasoning || undefined,
      stopReason: choice.stopReason,
      usage: choice.usage,
    });
  },

  createStreamParser: streamParser(() => {
    const splitter = new ReasoningSplitter(GPT_OSS_REASONING);
    return (event): StreamDelta => {
      const choice = readChatChoice(event);
      const part = splitter.push(choice.content ?? '');
      if (choice.stopReason) {
        const rest = splitter.finish();
        part.text += rest.text;
        part.reasoning += rest.reasoning;
      }
      return {
        text: part.text,
        reasoning: (choice.reasoningContent ?? '') + part.reasoning,
        stopReason: choice.stopReason,
        usage: choice.usage,
      };
    };
  }),
};
