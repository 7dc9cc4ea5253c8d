// The model calls that grade an answer: a text model that judges it against a rubric, and an embeddings model that
// measures how close it is to a reference text. Each call goes through the same client pool and family code as any
// request, and returns its tokens so they count in the run's totals.
import type { ConnectionSettings } from '../bedrock/types';
import { runTextInvocation, type BedrockCaller } from '../invoke/textInvocation';
import {
  parseEmbeddings,
  resolveModel,
  type ModelFamily,
  type ModelKind,
  type PromptInput,
  type Usage,
} from '../models';

export interface Graders {
  /** The text of a text model's answer to a prompt. Throws what the call threw (the runner classifies it). */
  complete(modelId: string, input: PromptInput, signal?: AbortSignal): Promise<{ text: string; usage: Usage }>;
  /** One embedding vector per text, in order. */
  embed(modelId: string, texts: string[], signal?: AbortSignal): Promise<{ vectors: number[][]; usage: Usage }>;
}

/** A grader model that is not of the kind needed: the request file names it, so the message says what to write. */
export class GraderModelError extends Error {
  override readonly name = 'GraderModelError';
}

function familyOf(modelId: string, kind: ModelKind, role: string): ModelFamily {
  const family = resolveModel(modelId).family;
  if (!family)
    throw new GraderModelError(
      `Bedrock Invoke does not know the request format of "${modelId}", so it cannot use it as ${role}. Name a model of a known family.`,
    );
  if (family.kind !== kind) {
    throw new GraderModelError(
      `"${modelId}" is ${family.kind === 'text' ? 'a text' : `an ${family.kind}`} model; ${role} must be ${kind === 'text' ? 'a text' : 'an embeddings'} model.`,
    );
  }
  return family;
}

const NO_SINK = { append: () => undefined, appendReasoning: () => undefined };
const decoder = new TextDecoder();

export function graders(caller: BedrockCaller, connection: ConnectionSettings): Graders {
  return {
    async complete(modelId, input, signal) {
      const family = familyOf(modelId, 'text', 'the judge');
      const request = {
        modelId,
        body: JSON.stringify(family.buildBody(input)),
        contentType: 'application/json',
        accept: 'application/json',
      };
      const result = await runTextInvocation({
        caller,
        connection,
        request,
        family,
        stream: false,
        sink: NO_SINK,
        signal,
      });
      if (result.outcome !== 'completed') throw result.error ?? new Error('The grading request was cancelled.');
      return { text: result.text, usage: result.usage };
    },
    async embed(modelId, texts, signal) {
      const family = familyOf(modelId, 'embedding', 'the similarity model');
      const vectors: number[][] = [];
      const usage: Usage = { inputTokens: 0 };
      // One call per text: Titan embeds one text a call, and Cohere's batch shape is the family's to decide.
      for (const text of texts) {
        const request = {
          modelId,
          body: JSON.stringify(family.buildBody({ prompt: text })),
          contentType: 'application/json',
          accept: 'application/json',
        };
        const response = await caller.invoke(connection, request, signal);
        const [embedding] = parseEmbeddings(JSON.parse(decoder.decode(response.body)));
        if (!embedding) throw new GraderModelError(`"${modelId}" answered without an embedding vector.`);
        vectors.push(embedding.vector);
        usage.inputTokens =
          (usage.inputTokens ?? 0) + (embedding.inputTokens ?? response.metadata.inputTokenCount ?? 0);
      }
      return { vectors, usage };
    },
  };
}

/** Cosine similarity of two vectors of the same length (0 when either is all zeros). */
export function cosineSimilarity(a: readonly number[], b: readonly number[]): number {
  if (a.length !== b.length)
    throw new GraderModelError(`The embeddings have different lengths (${a.length} and ${b.length}).`);
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i] * b[i];
    na += a[i] * a[i];
    nb += b[i] * b[i];
  }
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}
