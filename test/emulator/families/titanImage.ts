/** Titan Image Generator v2 and Nova Canvas, TEXT_IMAGE task (docs/bedrock-protocol.md §4.11). */
import { validation } from '../errors';
import { estimateTokens } from '../generation';
import { png } from '../png';
import { checkSchema, S } from '../schema';
import { seedOf } from '../vectors';
import type { Json, OneShotFamily } from './family';

const schema = S.obj(
  {
    taskType: S.str({
      enum: [
        'TEXT_IMAGE',
        'INPAINTING',
        'OUTPAINTING',
        'IMAGE_VARIATION',
        'COLOR_GUIDED_GENERATION',
        'BACKGROUND_REMOVAL',
        'VIRTUAL_TRY_ON',
      ],
    }),
    textToImageParams: S.obj(
      {
        text: S.str({ minLength: 1, maxLength: 1024 }),
        negativeText: S.str({ minLength: 1, maxLength: 1024 }),
        style: S.str(),
        conditionImage: S.str(),
        controlMode: S.str(),
        controlStrength: S.num(0, 1),
      },
      ['text'],
    ),
    imageGenerationConfig: S.obj({
      numberOfImages: S.int(1, 5),
      width: S.int(256, 4096),
      height: S.int(256, 4096),
      cfgScale: S.num(1.1, 10),
      seed: S.int(0, 2147483646),
      quality: S.str({ enum: ['standard', 'premium'] }),
    }),
    inPaintingParams: S.any(),
    outPaintingParams: S.any(),
    imageVariationParams: S.any(),
    colorGuidedGenerationParams: S.any(),
    backgroundRemovalParams: S.any(),
  },
  ['taskType'],
);

export const titanImage: OneShotFamily = {
  kind: 'oneshot',
  promptOf: (body) => String(((body as Json)?.textToImageParams as Json | undefined)?.text ?? ''),
  invoke(body) {
    checkSchema(body, schema);
    const b = body as Json;
    if (b.taskType !== 'TEXT_IMAGE')
      throw validation(`The emulator only generates TEXT_IMAGE tasks, not ${b.taskType as string}.`);
    if (!b.textToImageParams)
      throw validation(
        'Malformed input request: #: required key [textToImageParams] not found, please reformat your input and try again.',
      );
    const text = ((b.textToImageParams as Json).text as string) ?? '';
    const cfg = (b.imageGenerationConfig as Json | undefined) ?? {};
    const n = (cfg.numberOfImages as number) ?? 1;
    const seed = (cfg.seed as number) ?? seedOf(text);
    const images = Array.from({ length: n }, (_, i) =>
      png((cfg.width as number) ?? 1024, (cfg.height as number) ?? 1024, seed + i * 7919).toString('base64'),
    );
    return { body: { images, error: null }, inputTokens: estimateTokens(text), outputTokens: n };
  },
};
