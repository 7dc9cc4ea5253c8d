// Amazon Nova understanding models (Micro, Lite, Pro, Premier, Nova 2) through their native messages body (docs/bedrock-protocol.md §4.2).
import { asArray, asString, at, defined, usageOf } from './json';
import { streamParser } from './streamParser';
import type { ModelFamily, ParsedResponse, PromptInput, StreamDelta } from './types';

export const nova: ModelFamily = {
  id: 'nova',
  displayName: 'Amazon Nova',
  kind: 'text',
  streams: true,
  // Canvas and Reel make images and video, Sonic is speech-only, and the embedding models have their own body.
  matches: (baseModelId) => /^amazon\.nova-(?!canvas|reel|sonic|.*embed)/.test(baseModelId),

  buildBody(input: PromptInput) {
    const inferenceConfig = defined({ maxTokens: input.maxTokens, temperature: input.temperature, topP: input.topP });
    return defined({
      schemaVersion: 'messages-v1',
      system: input.system ? [{ text: input.system }] : undefined,
      messages: [{ role: 'user', content: [{ text: input.prompt }] }],
      inferenceConfig: Object.keys(inferenceConfig).length ? inferenceConfig : undefined,
    });
  },

  parseResponse(body: unknown): ParsedResponse {
    let text = '';
    let reasoning = '';
    for (const block of asArray(at(body, 'output', 'message', 'content')) ?? []) {
      text += asString(at(block, 'text')) ?? '';
      reasoning += asString(at(block, 'reasoningContent', 'reasoningText', 'text')) ?? '';
    }
    return defined({
      text,
      reasoning: reasoning || undefined,
      stopReason: asString(at(body, 'stopReason')),
      usage: usageOf(at(body, 'usage', 'inputTokens'), at(body, 'usage', 'outputTokens')),
    });
  },

  createStreamParser: streamParser(() => (event): StreamDelta => ({
    text: asString(at(event, 'contentBlockDelta', 'delta', 'text')),
    reasoning: asString(at(event, 'contentBlockDelta', 'delta', 'reasoningContent', 'text')),
    stopReason: asString(at(event, 'messageStop', 'stopReason')),
    usage: usageOf(at(event, 'metadata', 'usage', 'inputTokens'), at(event, 'metadata', 'usage', 'outputTokens')),
  })),
};
