// DeepSeek-R1: a raw prompt in DeepSeek's template; the model thinks first, then writes `</think>` and the answer
// (docs/bedrock-protocol.md §4.8). The prompt already opens `<think>`, so the output starts in the reasoning.
import { asString, at, defined } from './json';
import { ReasoningSplitter, splitReasoning, type SplitterRule } from './reasoningSplitter';
import { streamParser } from './streamParser';
import type { ModelFamily, ParsedResponse, PromptInput, StreamDelta } from './types';

function deepseekPrompt(input: PromptInput): string {
  return '<｜begin▁of▁sentence｜>' + (input.system ?? '') + '<｜User｜>' + input.prompt + '<｜Assistant｜><think>\n';
}

const DEEPSEEK_REASONING: SplitterRule = {
  initial: 'reasoning',
  transitions: {
    // A model that repeats the opening tag should not show it.
    reasoning: [
      { tag: '</think>', to: 'text' },
      { tag: '<think>', to: 'reasoning' },
    ],
    text: [],
  },
};

export const deepseek: ModelFamily = {
  id: 'deepseek',
  displayName: 'DeepSeek-R1',
  kind: 'text',
  streams: true,
  matches: (baseModelId) => /^deepseek\.r1/.test(baseModelId),

  buildBody(input: PromptInput) {
    return defined({
      prompt: deepseekPrompt(input),
      max_tokens: input.maxTokens,
      temperature: input.temperature,
      top_p: input.topP,
    });
  },

  parseResponse(body: unknown): ParsedResponse {
    const split = splitReasoning(DEEPSEEK_REASONING, asString(at(body, 'choices', 0, 'text')) ?? '');
    return defined({
      text: split.text,
      reasoning: split.reasoning || undefined,
      stopReason: asString(at(body, 'choices', 0, 'stop_reason')),
    });
  },

  createStreamParser: streamParser(() => {
    const splitter = new ReasoningSplitter(DEEPSEEK_REASONING);
    return (event): StreamDelta => {
      const stopReason = asString(at(event, 'choices', 0, 'stop_reason'));
      const part = splitter.push(asString(at(event, 'choices', 0, 'text')) ?? '');
      if (stopReason) {
        const rest = splitter.finish();
        part.text += rest.text;
        part.reasoning += rest.reasoning;
      }
      return { text: part.text, reasoning: part.reasoning, stopReason };
    };
  }),
};
