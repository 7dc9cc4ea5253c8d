/** Cohere Embed v3 (docs/bedrock-protocol.md §4.10); 1024 dimensions. */
import { validation } from '../errors';
import { estimateTokens } from '../generation';
import { checkSchema, S } from '../schema';
import { embed } from '../vectors';
import { hexId, type Json, type OneShotFamily } from './family';

const DIMENSIONS = 1024;
const schema = S.obj(
  {
    texts: S.arr(S.str({ maxLength: 2048 }), 0, 96),
    images: S.arr(S.str(), 0, 1),
    input_type: S.str({ enum: ['search_document', 'search_query', 'classification', 'clustering', 'image'] }),
    truncate: S.str({ enum: ['NONE', 'START', 'END'] }),
    embedding_types: S.arr(S.str({ enum: ['float', 'int8', 'uint8', 'binary', 'ubinary'] }), 1),
  },
  ['input_type'],
);

function packBits(v: number[], signed: boolean): number[] {
  const out: number[] = [];
  for (let i = 0; i < v.length; i += 8) {
    let byte = 0;
    for (let j = 0; j < 8; j++) byte = (byte << 1) | (v[i + j] > 0 ? 1 : 0);
    out.push(signed ? byte - 128 : byte);
  }
  return out;
}

const ENCODE: Record<string, (v: number[]) => number[]> = {
  float: (v) => v,
  int8: (v) => v.map((x) => Math.max(-128, Math.min(127, Math.round(x * 127)))),
  uint8: (v) => v.map((x) => Math.max(0, Math.min(255, Math.round((x + 1) * 127.5)))),
  binary: (v) => packBits(v, true),
  ubinary: (v) => packBits(v, false),
};

export const cohereEmbed: OneShotFamily = {
  kind: 'oneshot',
  promptOf: (body) => (Array.isArray((body as Json)?.texts) ? ((body as Json).texts as string[]).join('\n') : ''),
  invoke(body, ctx) {
    checkSchema(body, schema);
    const b = body as Json;
    const texts = (b.texts as string[] | undefined) ?? [];
    const images = (b.images as string[] | undefined) ?? [];
    if (texts.length === 0 && images.length === 0)
      throw validation('invalid request: at least one of texts or images must be provided');
    const inputs = texts.length ? texts : images;
    const vectors = inputs.map((t) => embed(t, DIMENSIONS, true));
    const types = b.embedding_types as string[] | undefined;
    const embeddings = types ? Object.fromEntries(types.map((t) => [t, vectors.map(ENCODE[t])])) : vectors;
    return {
      body: {
        id: `${hexId(ctx.requestId, 8)}-${hexId(ctx.requestId, 32).slice(8)}`,
        embeddings,
        texts,
        ...(images.length
          ? { images: images.map(() => ({ width: 64, height: 64, format: 'png', bit_depth: 8 })) }
          : {}),
        response_type: types ? 'embeddings_by_type' : 'embeddings_floats',
      },
      inputTokens: inputs.reduce((n, t) => n + estimateTokens(t), 0),
    };
  },
};
