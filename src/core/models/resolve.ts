// Understands every form of model ID Bedrock accepts (docs/bedrock-protocol.md §5.1) well enough to pick the family that builds
// its body. The ID itself is never rewritten: it is sent to Bedrock exactly as given.
import { allFamilies, getFamily } from './families';
import type { FamilyId, ModelResolution } from './types';

/** Providers whose model IDs may follow a geographic inference-profile prefix (`us.`, `eu.`, `global.`, ...). */
const PROVIDERS = new Set([
  'ai21',
  'amazon',
  'anthropic',
  'cohere',
  'deepseek',
  'google',
  'luma',
  'meta',
  'minimax',
  'mistral',
  'moonshot',
  'moonshotai',
  'nvidia',
  'openai',
  'qwen',
  'stability',
  'twelvelabs',
  'writer',
  'zai',
]);

const ARN = /^arn:aws[a-z-]*:([a-z0-9-]+):[^:]*:[^:]*:(.+)$/i;

/** Removes a geographic prefix (`us.`, `us-gov.`, `apac.`, `global.`, ...) when what follows names a known provider. */
export function stripGeoPrefix(id: string): string {
  const match = /^([a-z]{2,8}(?:-[a-z]{2,8})?)\.([a-z0-9-]+)\./i.exec(id);
  if (!match) return id;
  const [, prefix, provider] = match;
  const isProfile = !PROVIDERS.has(prefix.toLowerCase()) && PROVIDERS.has(provider.toLowerCase());
  return isProfile ? id.slice(prefix.length + 1) : id;
}

/** The foundation-model ID an ID or ARN names, or undefined for ARNs that do not say which model they run. */
export function baseModelIdOf(modelId: string): string | undefined {
  const id = modelId.trim();
  const arn = ARN.exec(id);
  if (!arn) return stripGeoPrefix(id);
  const [, service, resource] = arn;
  if (service.toLowerCase() !== 'bedrock') return undefined;
  const named = /^(foundation-model|inference-profile)\/(.+)$/.exec(resource);
  if (named) return stripGeoPrefix(named[2]);
  // A custom model's ARN embeds the model it was trained from: custom-model/{base model ID}/{suffix}.
  const custom = /^custom-model\/(.+)\/[a-z0-9]+$/i.exec(resource);
  return custom ? custom[1] : undefined;
}

/**
 * Recognises the family of a model ID, inference-profile ID or ARN. A given `familyOverride` (the user's choice,
 * e.g. for an application inference profile) always wins; `needsFamilyChoice` still says the ID alone does not tell.
 */
export function resolveModel(modelId: string, familyOverride?: FamilyId): ModelResolution {
  const baseModelId = baseModelIdOf(modelId);
  const needsFamilyChoice = baseModelId === undefined && ARN.test(modelId.trim());
  const recognised = baseModelId ? allFamilies.find((family) => family.matches(baseModelId.toLowerCase())) : undefined;
  const family = familyOverride ? getFamily(familyOverride) : recognised;
  const resolution: ModelResolution = { modelId, needsFamilyChoice };
  if (baseModelId) resolution.baseModelId = baseModelId;
  if (family) resolution.family = family;
  return resolution;
}

/** What to tell a user whose model ID names no known family. */
export function unknownModelMessage(modelId: string): string {
  return (
    `Bedrock Invoke does not recognise the model family of "${modelId}", so it cannot turn a prompt into that ` +
    `model's request body. To call it anyway, write a request file (a *.bedrock.json file) with "modelId" and the ` +
    `model's native request in "body", exactly as the model's documentation shows it. The response is then shown ` +
    `as raw JSON, with any text found in it shown as well.`
  );
}

/** What to tell a user whose model ARN does not say which model it runs. */
export function familyChoiceMessage(modelId: string): string {
  return (
    `"${modelId}" does not say which model it runs, so Bedrock Invoke cannot tell how to build its request body. ` +
    `Pick the model family it serves, for example Anthropic Claude for a profile that routes to a Claude model.`
  );
}
