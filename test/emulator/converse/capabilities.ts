/**
 * What each emulated model supports through Converse: AWS's "Supported models and model features" table
 * (https://docs.aws.amazon.com/bedrock/latest/userguide/conversation-inference-supported-models-features.html),
 * prompt caching (https://docs.aws.amazon.com/bedrock/latest/userguide/prompt-caching.html) and CountTokens
 * (https://docs.aws.amazon.com/bedrock/latest/userguide/count-tokens.html).
 */
import type { CatalogModel, FamilyName } from '../catalog';

export interface ConverseCapabilities {
  system: boolean;
  documents: boolean;
  images: boolean;
  tools: boolean;
  /** Tool use over ConverseStream (several models take tools only without streaming). */
  streamingTools: boolean;
  /** `toolChoice.any` / `toolChoice.tool`. */
  forcedToolChoice: boolean;
  /** Extended thinking through additionalModelRequestFields.thinking (Claude) or always (R1, gpt-oss). */
  reasoning: 'no' | 'on-request' | 'always';
  /** Explicit prompt caching: the fewest tokens a checkpoint must close, or undefined (cachePoint ignored). */
  cacheMinTokens?: number;
  /** `ttl: "1h"` checkpoints. */
  extendedCacheTtl: boolean;
  /** outputConfig.textFormat (structured output). */
  structuredOutput: boolean;
  /** CountTokens answers for this model (by its bare foundation-model ID). */
  countTokens: boolean;
}

const NONE: ConverseCapabilities = {
  system: false,
  documents: false,
  images: false,
  tools: false,
  streamingTools: false,
  forcedToolChoice: false,
  reasoning: 'no',
  extendedCacheTtl: false,
  structuredOutput: false,
  countTokens: false,
};

/** Families Converse does not serve at all (embeddings, images). */
const NOT_CONVERSATIONAL: FamilyName[] = ['titan-embed', 'cohere-embed', 'titan-image', 'stability'];

const BY_MODEL: Record<string, Partial<ConverseCapabilities>> = {
  'anthropic.claude-3-haiku-20240307-v1:0': {
    system: true,
    documents: true,
    images: true,
    tools: true,
    streamingTools: true,
    forcedToolChoice: true,
    countTokens: true,
  },
  'anthropic.claude-3-5-haiku-20241022-v1:0': {
    system: true,
    documents: true,
    tools: true,
    streamingTools: true,
    forcedToolChoice: true,
    cacheMinTokens: 2048,
    countTokens: true,
  },
  'anthropic.claude-sonnet-4-20250514-v1:0': {
    system: true,
    documents: true,
    images: true,
    tools: true,
    streamingTools: true,
    forcedToolChoice: true,
    reasoning: 'on-request',
    cacheMinTokens: 1024,
    countTokens: true,
  },
  'anthropic.claude-sonnet-4-5-20250929-v1:0': {
    system: true,
    documents: true,
    images: true,
    tools: true,
    streamingTools: true,
    forcedToolChoice: true,
    reasoning: 'on-request',
    cacheMinTokens: 1024,
    extendedCacheTtl: true,
    structuredOutput: true,
    countTokens: true,
  },
  'anthropic.claude-3-opus-20240229-v1:0': {
    system: true,
    documents: true,
    images: true,
    tools: true,
    streamingTools: true,
    forcedToolChoice: true,
  },
  'amazon.nova-micro-v1:0': {
    system: true,
    tools: true,
    streamingTools: true,
    forcedToolChoice: true,
    cacheMinTokens: 1000,
  },
  'amazon.nova-lite-v1:0': {
    system: true,
    documents: true,
    images: true,
    tools: true,
    streamingTools: true,
    forcedToolChoice: true,
    cacheMinTokens: 1000,
  },
  'amazon.nova-pro-v1:0': {
    system: true,
    documents: true,
    images: true,
    tools: true,
    streamingTools: true,
    forcedToolChoice: true,
    cacheMinTokens: 1000,
  },
  'amazon.titan-text-express-v1': { documents: true },
  'amazon.titan-text-lite-v1': { documents: true },
  'meta.llama3-8b-instruct-v1:0': { system: true, documents: true },
  'meta.llama3-1-70b-instruct-v1:0': { system: true, documents: true, tools: true },
  'mistral.mistral-7b-instruct-v0:2': { documents: true },
  'mistral.mixtral-8x7b-instruct-v0:1': { documents: true },
  'mistral.mistral-large-2407-v1:0': { system: true, documents: true, tools: true, forcedToolChoice: true },
  'cohere.command-r-v1:0': { system: true, documents: true, tools: true },
  'cohere.command-r-plus-v1:0': { system: true, documents: true, tools: true },
  'ai21.jamba-1-5-mini-v1:0': { system: true, documents: true, tools: true, streamingTools: true },
  'ai21.jamba-1-5-large-v1:0': { system: true, documents: true, tools: true, streamingTools: true },
  'deepseek.r1-v1:0': { system: true, documents: true, reasoning: 'always' },
  'openai.gpt-oss-20b-1:0': { system: true, tools: true, streamingTools: true, reasoning: 'always' },
  'openai.gpt-oss-120b-1:0': { system: true, tools: true, streamingTools: true, reasoning: 'always' },
};

export function isConversational(model: CatalogModel): boolean {
  return !NOT_CONVERSATIONAL.includes(model.family);
}

export function capabilitiesOf(model: CatalogModel): ConverseCapabilities {
  return { ...NONE, ...(BY_MODEL[model.modelId] ?? {}) };
}
