// Amazon Titan Text Embeddings (G1, V2) and Multimodal Embeddings with text input (docs/bedrock-protocol.md §4.10).
import { describeEmbeddings, parseEmbeddings } from './embeddings';
import { createRawStreamParser } from './raw';
import type { ModelFamily, ParsedResponse, PromptInput } from './types';

export const titanEmbed: ModelFamily = {
  id: 'titan-embed',
  displayName: 'Amazon Titan Embeddings',
  kind: 'embedding',
  streams: false,
  matches: (baseModelId) => /^amazon\.titan-embed-/.test(baseModelId),

  // System prompt and sampling settings have no meaning for an embedding, so only the text is sent.
  buildBody: (input: PromptInput) => ({ inputText: input.prompt }),

  parseResponse(body: unknown): ParsedResponse {
    const embeddings = parseEmbeddings(body);
    const inputTokens = embeddings[0]?.inputTokens;
    return inputTokens === undefined
      ? { text: describeEmbeddings(embeddings) }
      : { text: describeEmbeddings(embeddings), usage: { inputTokens } };
  },

  createStreamParser: createRawStreamParser,
};
