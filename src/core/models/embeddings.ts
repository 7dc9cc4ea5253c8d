// Reads embedding vectors from Titan Embeddings and Cohere Embed responses (docs/bedrock-protocol.md §4.10), for features that
// write them out; the families' parseResponse only summarises them for reading.
import { asArray, asNumber, asObject, at } from './json';

export interface Embedding {
  vector: number[];
  dimension: number;
  inputTokens?: number;
}

function asVector(value: unknown): number[] | undefined {
  const items = asArray(value);
  return items && items.length > 0 && items.every((n) => typeof n === 'number') ? (items as number[]) : undefined;
}

/** Every vector in the response, in input order: one for Titan, one per input text for Cohere. */
export function parseEmbeddings(body: unknown): Embedding[] {
  const inputTokens =
    asNumber(at(body, 'inputTextTokenCount')) ?? asNumber(at(body, 'meta', 'billed_units', 'input_tokens'));
  const withTokens = (vector: number[]): Embedding =>
    inputTokens === undefined
      ? { vector, dimension: vector.length }
      : { vector, dimension: vector.length, inputTokens };

  const titan = asVector(at(body, 'embedding')) ?? asVector(at(body, 'embeddingsByType', 'float'));
  if (titan) return [withTokens(titan)];

  // Cohere: a list of vectors, or (with embedding_types) an object of lists by type; floats are preferred.
  const embeddings = at(body, 'embeddings');
  const byType = asObject(embeddings);
  const lists = byType ? (byType.float ?? Object.values(byType)[0]) : embeddings;
  return (asArray(lists) ?? [])
    .map(asVector)
    .filter((v): v is number[] => v !== undefined)
    .map(withTokens);
}

export function describeEmbeddings(embeddings: Embedding[]): string {
  if (embeddings.length === 0) return 'The response holds no embedding vector.';
  const [first] = embeddings;
  const count = embeddings.length === 1 ? 'One embedding' : `${embeddings.length} embeddings`;
  const preview = first.vector
    .slice(0, 5)
    .map((n) => Number(n.toFixed(6)))
    .join(', ');
  return `${count} of ${first.dimension} dimensions: [${preview}${first.dimension > 5 ? ', …' : ''}]`;
}
