// Cohere Embed v3/v4 (docs/bedrock-protocol.md §4.10).
import { describeEmbeddings, parseEmbeddings } from './embeddings';
import { createRawStreamParser } from './raw';
import type { ModelFamily, ParsedResponse, PromptInput } from './types';

/** What the text is embedded for; a document store is the common case for text sent from an editor. */
const COHERE_EMBED_DEFAULTS = { inputType: 'search_document' } as const;

export const cohereEmbed: ModelFamily = {
  id: 'cohere-embed',
  displayName: 'Cohere Embed',
  kind: 'embedding',
  streams: false,
  matches: (baseModelId) => /^cohere\.embed-/.test(baseModelId),

  buildBody: (input: PromptInput) => ({ texts: [input.prompt], input_type: COHERE_EMBED_DEFAULTS.inputType }),

  parseResponse(body: unknown): ParsedResponse {
    const embeddings = parseEmbeddings(body);
    const inputTokens = embeddings[0]?.inputTokens;
    return inputTokens === undefined
      ? { text: describeEmbeddings(embeddings) }
      : { text: describeEmbeddings(embeddings), usage: { inputTokens } };
  },

  createStreamParser: createRawStreamParser,
};
