/** Amazon Titan Text Embeddings V2 (docs/bedrock-protocol.md §4.10). */
import { estimateTokens } from '../generation';
import { checkSchema, S } from '../schema';
import { embed } from '../vectors';
import type { Json, OneShotFamily } from './family';

const schema = S.obj(
  {
    inputText: S.str({ minLength: 1, maxLength: 50000 }),
    dimensions: S.intEnum([256, 512, 1024]),
    normalize: S.bool(),
    embeddingTypes: S.arr(S.str({ enum: ['float', 'binary'] }), 1, 2),
  },
  ['inputText'],
);

export const titanEmbed: OneShotFamily = {
  kind: 'oneshot',
  promptOf: (body) => String((body as Json)?.inputText ?? ''),
  invoke(body) {
    checkSchema(body, schema);
    const b = body as Json;
    const text = b.inputText as string;
    const vector = embed(text, (b.dimensions as number) ?? 1024, (b.normalize as boolean) ?? true);
    const types = (b.embeddingTypes as string[]) ?? ['float'];
    const byType: Json = {};
    if (types.includes('float')) byType.float = vector;
    if (types.includes('binary')) byType.binary = vector.map((v) => (v > 0 ? 1 : 0));
    const inputTokens = estimateTokens(text);
    return { body: { embedding: vector, inputTextTokenCount: inputTokens, embeddingsByType: byType }, inputTokens };
  },
};
