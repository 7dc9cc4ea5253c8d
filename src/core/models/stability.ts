// Stability AI's current models (SD3.5 Large, Stable Image Core/Ultra) (docs/bedrock-protocol.md §4.11). SDXL 1.0 takes a
// different body (`text_prompts`), so it is not served here.
import { describeImages } from './images';
import { createRawStreamParser } from './raw';
import type { ModelFamily, ParsedResponse, PromptInput } from './types';

/** PNG is asked for explicitly because the images are saved as .png files. */
const STABILITY_DEFAULTS = { outputFormat: 'png' } as const;

export const stability: ModelFamily = {
  id: 'stability',
  displayName: 'Stability AI (SD3.5, Stable Image)',
  kind: 'image',
  streams: false,
  matches: (baseModelId) => /^stability\./.test(baseModelId) && !/^stability\.stable-diffusion-xl/.test(baseModelId),

  buildBody: (input: PromptInput) => ({ prompt: input.prompt, output_format: STABILITY_DEFAULTS.outputFormat }),

  parseResponse: (body: unknown): ParsedResponse => ({ text: describeImages(body) }),

  createStreamParser: createRawStreamParser,
};
