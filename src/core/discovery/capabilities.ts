// What each well-known model supports through Converse, and its context window: AWS's "Supported models and model
// features" table (https://docs.aws.amazon.com/bedrock/latest/userguide/conversation-inference-supported-models-features.html),
// the CountTokens model list (https://docs.aws.amazon.com/bedrock/latest/userguide/count-tokens.html) and each
// model's card in the Bedrock user guide. ListFoundationModels says none of this, so it is kept here, by the bare
// foundation-model ID (an inference profile or ARN resolves to it). Unknown models have no entry: nothing is claimed.
import { baseModelIdOf } from '../models/resolve';
import type { Catalog } from './types';

export type ConverseFeature = 'system' | 'documents' | 'images' | 'tools' | 'streamingTools' | 'countTokens';

export interface ModelCapabilities {
  system: boolean;
  documents: boolean;
  images: boolean;
  tools: boolean;
  /** Tool use over ConverseStream. */
  streamingTools: boolean;
  countTokens: boolean;
  /** Input tokens the model reads at most. */
  contextWindow?: number;
}

const T = true;
const F = false;
const row = (
  system: boolean,
  documents: boolean,
  images: boolean,
  tools: boolean,
  streamingTools: boolean,
  countTokens: boolean,
  contextWindow: number,
): ModelCapabilities => ({
  system,
  documents,
  images,
  tools,
  streamingTools,
  countTokens,
  contextWindow,
});

//                                                      system docs  images tools  stream-tools count  context
const KNOWN: Record<string, ModelCapabilities> = {
  'anthropic.claude-sonnet-4-5-20250929-v1:0': row(T, T, T, T, T, T, 200_000),
  'anthropic.claude-haiku-4-5-20251001-v1:0': row(T, T, T, T, T, T, 200_000),
  'anthropic.claude-sonnet-4-20250514-v1:0': row(T, T, T, T, T, T, 200_000),
  'anthropic.claude-3-7-sonnet-20250219-v1:0': row(T, T, T, T, T, T, 200_000),
  'anthropic.claude-3-5-haiku-20241022-v1:0': row(T, T, F, T, T, T, 200_000),
  'anthropic.claude-3-haiku-20240307-v1:0': row(T, T, T, T, T, T, 200_000),
  'anthropic.claude-3-opus-20240229-v1:0': row(T, T, T, T, T, F, 200_000),
  'amazon.nova-pro-v1:0': row(T, T, T, T, T, F, 300_000),
  'amazon.nova-lite-v1:0': row(T, T, T, T, T, F, 300_000),
  'amazon.nova-micro-v1:0': row(T, F, F, T, T, F, 128_000),
  'amazon.titan-text-express-v1': row(F, T, F, F, F, F, 8_192),
  'amazon.titan-text-lite-v1': row(F, T, F, F, F, F, 4_096),
  'meta.llama3-1-70b-instruct-v1:0': row(T, T, F, T, F, F, 128_000),
  'meta.llama3-8b-instruct-v1:0': row(T, T, F, F, F, F, 8_192),
  'mistral.mistral-large-2407-v1:0': row(T, T, F, T, F, F, 128_000),
  'mistral.mixtral-8x7b-instruct-v0:1': row(F, T, F, F, F, F, 32_000),
  'mistral.mistral-7b-instruct-v0:2': row(F, T, F, F, F, F, 32_000),
  'cohere.command-r-plus-v1:0': row(T, T, F, T, F, F, 128_000),
  'cohere.command-r-v1:0': row(T, T, F, T, F, F, 128_000),
  'ai21.jamba-1-5-large-v1:0': row(T, T, F, T, T, F, 256_000),
  'ai21.jamba-1-5-mini-v1:0': row(T, T, F, T, T, F, 256_000),
  'deepseek.r1-v1:0': row(T, T, F, F, F, F, 128_000),
  'openai.gpt-oss-120b-1:0': row(T, F, F, T, T, F, 128_000),
  'openai.gpt-oss-20b-1:0': row(T, F, F, T, T, F, 128_000),
};

/** What a model (foundation-model ID, inference profile ID or ARN) supports; undefined when it is not known. */
export function capabilitiesOf(modelId: string): ModelCapabilities | undefined {
  const base = baseModelIdOf(modelId);
  return base ? KNOWN[base] : undefined;
}

export const FEATURE_WORDS: Record<ConverseFeature, string> = {
  system: 'system prompts',
  documents: 'documents',
  images: 'images',
  tools: 'tool use',
  streamingTools: 'tool use while streaming',
  countTokens: 'CountTokens',
};

export interface CapableModel {
  /** The ID to write into a request: the bare ID when it runs on demand, else a system inference profile of the region. */
  id: string;
  name: string;
  provider: string;
}

/**
 * Text models of the catalog that support `feature`, callable as listed (on demand, or through a system inference
 * profile the catalog has), those of `sameProviderAs`'s provider first.
 */
export function modelsSupporting(catalog: Catalog, feature: ConverseFeature, sameProviderAs?: string): CapableModel[] {
  const provider = sameProviderAs
    ? catalog.models.find((m) => m.modelId === baseModelIdOf(sameProviderAs))?.provider
    : undefined;
  const out: Array<CapableModel & { rank: number }> = [];
  catalog.models.forEach((m, order) => {
    if (!m.outputModalities.includes('TEXT') || !KNOWN[m.modelId]?.[feature]) return;
    const profile = catalog.profiles.find((p) => p.type === 'SYSTEM_DEFINED' && p.modelIds.includes(m.modelId));
    const id = m.inferenceTypes.includes('ON_DEMAND') ? m.modelId : profile?.id;
    if (!id || id === sameProviderAs) return;
    out.push({
      id,
      name: m.name,
      provider: m.provider,
      rank: (provider && m.provider === provider ? 0 : 1000) + order,
    });
  });
  return out.sort((a, b) => a.rank - b.rank).map(({ id, name, provider: p }) => ({ id, name, provider: p }));
}
