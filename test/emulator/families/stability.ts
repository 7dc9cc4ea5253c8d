/** Stability SD3.5 Large text-to-image (docs/bedrock-protocol.md §4.11); always answers PNG bytes. */
import { estimateTokens } from '../generation';
import { png } from '../png';
import { checkSchema, S } from '../schema';
import { seedOf } from '../vectors';
import type { Json, OneShotFamily } from './family';

const ASPECT: Record<string, [number, number]> = {
  '16:9': [64, 36],
  '1:1': [64, 64],
  '21:9': [64, 27],
  '2:3': [43, 64],
  '3:2': [64, 43],
  '4:5': [51, 64],
  '5:4': [64, 51],
  '9:16': [36, 64],
  '9:21': [27, 64],
};

const schema = S.obj(
  {
    prompt: S.str({ minLength: 1, maxLength: 10000 }),
    negative_prompt: S.str({ maxLength: 10000 }),
    aspect_ratio: S.str({ enum: Object.keys(ASPECT) }),
    mode: S.str({ enum: ['text-to-image', 'image-to-image'] }),
    output_format: S.str({ enum: ['jpeg', 'png', 'webp'] }),
    seed: S.int(0, 4294967294),
    image: S.str(),
    strength: S.num(0, 1),
  },
  ['prompt'],
);

export const stability: OneShotFamily = {
  kind: 'oneshot',
  promptOf: (body) => String((body as Json)?.prompt ?? ''),
  invoke(body) {
    checkSchema(body, schema);
    const b = body as Json;
    const prompt = b.prompt as string;
    const seed = (b.seed as number) ?? seedOf(prompt);
    const [w, h] = ASPECT[(b.aspect_ratio as string) ?? '1:1'];
    return {
      body: { seeds: [seed], finish_reasons: [null], images: [png(w, h, seed).toString('base64')] },
      inputTokens: estimateTokens(prompt),
      outputTokens: 1,
    };
  },
};
