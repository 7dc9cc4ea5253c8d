// The models a chat (VS Code's language-model API) can use: the text models of a catalog that stream through
// ConverseStream, one entry per foundation model (its bare ID, or the region's own inference profile when the model
// needs one) plus application inference profiles, with what is known about their context window and tool use.
// Plain TypeScript: no vscode here.
import { capabilitiesOf } from './capabilities';
import { buildPickerEntries } from './items';
import { shortNameFromId } from './names';
import type { Catalog, DiscoveredModel } from './types';

export interface ChatModel {
  /** What is sent as Converse's modelId: a foundation-model ID, an inference-profile ID, or an application profile's ARN. */
  id: string;
  /** The foundation model behind it (CountTokens takes this one). */
  foundationModelId: string;
  name: string;
  /** Opaque family for selectors: the model ID without provider, geography, date and version (`claude-3-haiku`). */
  family: string;
  provider: string;
  /** The foundation-model ID, which changes with every release of a model. */
  version: string;
  /** e.g. `Anthropic · inference profile US`. */
  detail: string;
  maxInputTokens: number;
  maxOutputTokens: number;
  /** Tool use over ConverseStream. */
  toolCalling: boolean;
  imageInput: boolean;
  /** Whether CountTokens is worth asking (it answers for some models only; a refusal falls back to the estimate). */
  countTokens: boolean;
}

/** Limits by model family, for what the per-model table (./capabilities) does not say: output limits, and newer releases. */
interface Known {
  /** Matched against the foundation-model ID's start. */
  prefix: string;
  context: number;
  output: number;
  /** Tool use in ConverseStream (AWS's "Supported models and model features" table: "Streaming tool use"). */
  tools: boolean;
}

/**
 * Context windows, output limits and streaming tool use of the model families Bedrock documents
 * (https://docs.aws.amazon.com/bedrock/latest/userguide/conversation-inference-supported-models-features.html and
 * each model's card in https://docs.aws.amazon.com/bedrock/latest/userguide/model-cards.html). The per-model table of
 * ./capabilities wins where it has the model; the first matching prefix wins, so more specific prefixes come first.
 */
const KNOWN: Known[] = [
  { prefix: 'anthropic.claude-opus-4', context: 200_000, output: 32_000, tools: true },
  { prefix: 'anthropic.claude-sonnet-4', context: 200_000, output: 64_000, tools: true },
  { prefix: 'anthropic.claude-haiku-4', context: 200_000, output: 64_000, tools: true },
  { prefix: 'anthropic.claude-3-7-sonnet', context: 200_000, output: 64_000, tools: true },
  { prefix: 'anthropic.claude-3-5', context: 200_000, output: 8_192, tools: true },
  { prefix: 'anthropic.claude-3', context: 200_000, output: 4_096, tools: true },
  { prefix: 'anthropic.claude', context: 100_000, output: 4_096, tools: false },
  { prefix: 'amazon.nova-premier', context: 1_000_000, output: 32_000, tools: true },
  { prefix: 'amazon.nova-2', context: 1_000_000, output: 65_536, tools: true },
  { prefix: 'amazon.nova-micro', context: 128_000, output: 10_000, tools: true },
  { prefix: 'amazon.nova-', context: 300_000, output: 10_000, tools: true },
  { prefix: 'amazon.titan-text-premier', context: 32_000, output: 3_072, tools: false },
  { prefix: 'amazon.titan-text-express', context: 8_192, output: 8_192, tools: false },
  { prefix: 'amazon.titan-text-lite', context: 4_096, output: 4_096, tools: false },
  { prefix: 'meta.llama4', context: 1_000_000, output: 8_192, tools: false },
  { prefix: 'meta.llama3-1', context: 128_000, output: 2_048, tools: false },
  { prefix: 'meta.llama3-2', context: 128_000, output: 2_048, tools: false },
  { prefix: 'meta.llama3-3', context: 128_000, output: 2_048, tools: false },
  { prefix: 'meta.llama3', context: 8_192, output: 2_048, tools: false },
  { prefix: 'mistral.mistral-large', context: 128_000, output: 8_192, tools: false },
  { prefix: 'mistral.pixtral', context: 128_000, output: 8_192, tools: false },
  { prefix: 'mistral.', context: 32_000, output: 8_192, tools: false },
  { prefix: 'cohere.command-r', context: 128_000, output: 4_096, tools: false },
  { prefix: 'ai21.jamba', context: 256_000, output: 4_096, tools: true },
  { prefix: 'deepseek.r1', context: 128_000, output: 32_768, tools: false },
  { prefix: 'openai.gpt-oss', context: 128_000, output: 32_768, tools: true },
];

/** For a model Bedrock documents nothing about here: small enough not to overfill it, stated in the README. */
export const UNKNOWN_CONTEXT_TOKENS = 8_192;
export const UNKNOWN_OUTPUT_TOKENS = 4_096;

function knownOf(foundationModelId: string): Known | undefined {
  return KNOWN.find((k) => foundationModelId.startsWith(k.prefix));
}

/** Text in, text out, streamed: what ConverseStream can serve as a chat model. */
export function isChatModel(model: DiscoveredModel): boolean {
  return model.outputModalities.includes('TEXT') && model.inputModalities.includes('TEXT') && model.streaming;
}

function familyOf(foundationModelId: string): string {
  return shortNameFromId(foundationModelId);
}

function chatModel(id: string, model: DiscoveredModel, detail: string): ChatModel {
  const exact = capabilitiesOf(model.modelId);
  const known = knownOf(model.modelId);
  return {
    id,
    foundationModelId: model.modelId,
    name: model.name,
    family: familyOf(model.modelId),
    provider: model.provider,
    version: model.modelId,
    detail,
    maxInputTokens: exact?.contextWindow ?? known?.context ?? UNKNOWN_CONTEXT_TOKENS,
    maxOutputTokens: known?.output ?? UNKNOWN_OUTPUT_TOKENS,
    toolCalling: exact?.streamingTools ?? known?.tools ?? false,
    imageInput: model.inputModalities.includes('IMAGE'),
    // CountTokens serves Anthropic's Claude models (https://docs.aws.amazon.com/bedrock/latest/userguide/count-tokens.html);
    // a model it refuses is estimated from then on.
    countTokens: exact?.countTokens ?? model.modelId.startsWith('anthropic.'),
  };
}

/**
 * Every chat model of the catalog, sorted by provider then name. A model that needs an inference profile is offered
 * once, as the profile of the region's own geography (the picker's first choice), never as its bare ID, which fails.
 */
export function chatModelsOf(catalog: Catalog): ChatModel[] {
  const seen = new Set<string>();
  const models: ChatModel[] = [];
  for (const entry of buildPickerEntries(catalog, { purpose: 'text' })) {
    if (entry.type !== 'model' || !entry.model || !isChatModel(entry.model)) continue;
    const application = entry.modelId.startsWith('arn:');
    // The picker lists a model's own profiles in preference order: the first is the one to offer.
    const key = application ? entry.modelId : entry.model.modelId;
    if (seen.has(key)) continue;
    seen.add(key);
    const via = application
      ? `application inference profile ${entry.label}`
      : entry.modelId !== entry.model.modelId
        ? `inference profile ${entry.modelId}`
        : entry.modelId;
    const model = chatModel(entry.modelId, entry.model, `${entry.model.provider} · ${via}`);
    models.push(application ? { ...model, name: entry.label } : model);
  }
  return models;
}

/**
 * The models a choice of IDs keeps (an empty choice keeps all). An ID is a model's offered ID, or the foundation
 * model of an inference profile on offer (never of an application profile, which is chosen by its ARN).
 */
export function chosenChatModels(models: readonly ChatModel[], chosen: readonly string[]): ChatModel[] {
  if (chosen.length === 0) return [...models];
  const wanted = new Set(chosen);
  return models.filter((m) => wanted.has(m.id) || (!m.id.startsWith('arn:') && wanted.has(m.foundationModelId)));
}
