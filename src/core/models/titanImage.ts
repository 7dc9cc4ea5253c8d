// Amazon Titan Image Generator v2 and Nova Canvas share one request shape (docs/bedrock-protocol.md §4.11).
import { describeImages } from './images';
import { createRawStreamParser } from './raw';
import type { ModelFamily, ParsedResponse, PromptInput } from './types';

const TITAN_IMAGE_DEFAULTS = { numberOfImages: 1 } as const;

export const titanImage: ModelFamily = {
  id: 'titan-image',
  displayName: 'Amazon Titan Image Generator / Nova Canvas',
  kind: 'image',
  streams: false,
  matches: (baseModelId) => /^amazon\.(titan-image-generator|nova-canvas)/.test(baseModelId),

  // Size, quality and seed are left to the model's defaults; a request file can set them in its body.
  buildBody: (input: PromptInput) => ({
    taskType: 'TEXT_IMAGE',
    textToImageParams: { text: input.prompt },
    imageGenerationConfig: { numberOfImages: TITAN_IMAGE_DEFAULTS.numberOfImages },
  }),

  parseResponse: (body: unknown): ParsedResponse => ({ text: describeImages(body) }),

  createStreamParser: createRawStreamParser,
};
