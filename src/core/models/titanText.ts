// Amazon Titan Text (Express, Lite, Premier): one `inputText` in the "User:/Bot:" convention (docs/bedrock-protocol.md §4.3).
import { asString, at, defined, usageOf } from './json';
import { streamParser } from './streamParser';
import type { ModelFamily, ParsedResponse, PromptInput, StreamDelta } from './types';

function titanInputText(input: PromptInput): string {
  return (input.system ? `${input.system}\n\n` : '') + `User: ${input.prompt}\nBot:`;
}

export const titanText: ModelFamily = {
  id: 'titan-text',
  displayName: 'Amazon Titan Text',
  kind: 'text',
  streams: true,
  matches: (baseModelId) => /^amazon\.titan-(text|tg1)-/.test(baseModelId),

  buildBody(input: PromptInput) {
    const config = defined({ maxTokenCount: input.maxTokens, temperature: input.temperature, topP: input.topP });
    return defined({
      inputText: titanInputText(input),
      textGenerationConfig: Object.keys(config).length ? config : undefined,
    });
  },

  parseResponse(body: unknown): ParsedResponse {
    return defined({
      text: asString(at(body, 'results', 0, 'outputText')) ?? '',
      stopReason: asString(at(body, 'results', 0, 'completionReason')),
      usage: usageOf(at(body, 'inputTextTokenCount'), at(body, 'results', 0, 'tokenCount')),
    });
  },

  createStreamParser: streamParser(() => (event): StreamDelta => ({
    text: asString(event.outputText),
    stopReason: asString(event.completionReason),
    usage: usageOf(event.inputTextTokenCount, event.totalOutputTextTokenCount),
  })),
};
