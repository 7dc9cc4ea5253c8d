/** The @aws-sdk/client-bedrock operations the extension uses (paths and fields from the client's schemas). */
import {
  APPLICATION_PROFILE_ARN, foundationModelArn, MODELS, PROFILES, profileArn,
  type CatalogModel, type CatalogProfile,
} from './catalog';
import { BedrockError, validation } from './errors';

const CREATED_AT = '2024-11-01T00:00:00Z';
const UPDATED_AT = '2025-06-01T00:00:00Z';

function modelSummary(m: CatalogModel, region: string) {
  return {
    modelArn: foundationModelArn(region, m.modelId),
    modelId: m.modelId,
    modelName: m.modelName,
    providerName: m.providerName,
    inputModalities: m.inputModalities,
    outputModalities: m.outputModalities,
    responseStreamingSupported: m.responseStreamingSupported,
    customizationsSupported: m.customizationsSupported,
    inferenceTypesSupported: m.inferenceTypesSupported,
    modelLifecycle: { status: 'ACTIVE' },
  };
}

function profileSummary(p: CatalogProfile, region: string) {
  return {
    inferenceProfileName: p.inferenceProfileName,
    description: p.description,
    createdAt: CREATED_AT,
    updatedAt: UPDATED_AT,
    inferenceProfileArn: profileArn(region, p),
    models: p.regions.map((r) => ({ modelArn: foundationModelArn(r, p.model.modelId) })),
    inferenceProfileId: p.inferenceProfileId,
    status: 'ACTIVE',
    type: p.type,
  };
}

function enumParam(q: URLSearchParams, name: string, allowed: string[]): string | undefined {
  const v = q.get(name) ?? undefined;
  if (v !== undefined && !allowed.includes(v)) {
    throw validation(`1 validation error detected: Value '${v}' at '${name}' failed to satisfy constraint: Member must satisfy enum value set: [${allowed.join(', ')}]`);
  }
  return v;
}

export function listFoundationModels(q: URLSearchParams, region: string) {
  const byProvider = q.get('byProvider')?.toLowerCase();
  const byOutputModality = enumParam(q, 'byOutputModality', ['TEXT', 'IMAGE', 'EMBEDDING']);
  const byInferenceType = enumParam(q, 'byInferenceType', ['ON_DEMAND', 'PROVISIONED']);
  const byCustomizationType = enumParam(q, 'byCustomizationType', ['FINE_TUNING', 'CONTINUED_PRE_TRAINING', 'DISTILLATION']);
  const models = MODELS.filter(
    (m) =>
      // The service matches the provider by name or by the model ID prefix, case-insensitively.
      (!byProvider || m.providerName.toLowerCase() === byProvider || m.modelId.startsWith(`${byProvider}.`)) &&
      (!byOutputModality || (m.outputModalities as string[]).includes(byOutputModality)) &&
      (!byInferenceType || (m.inferenceTypesSupported as string[]).includes(byInferenceType)) &&
      (!byCustomizationType || m.customizationsSupported.includes(byCustomizationType)),
  );
  return { modelSummaries: models.map((m) => modelSummary(m, region)) };
}

export function getFoundationModel(identifier: string, region: string) {
  const id = /^arn:[^:]+:bedrock:[^:]*::foundation-model\/(.+)$/.exec(identifier)?.[1] ?? identifier;
  const m = MODELS.find((x) => x.modelId === id);
  if (!m) throw BedrockError.of('ResourceNotFoundException', `The model ${identifier} does not exist.`);
  return { modelDetails: modelSummary(m, region) };
}

export function listInferenceProfiles(q: URLSearchParams, region: string) {
  const type = enumParam(q, 'type', ['SYSTEM_DEFINED', 'APPLICATION']) ?? 'SYSTEM_DEFINED';
  const maxRaw = q.get('maxResults');
  const max = maxRaw === null ? 1000 : Number(maxRaw);
  if (!Number.isInteger(max) || max < 1 || max > 1000) {
    throw validation(`1 validation error detected: Value '${maxRaw}' at 'maxResults' failed to satisfy constraint: Member must have value between 1 and 1000`);
  }
  const all = PROFILES.filter((p) => p.type === type);
  const token = q.get('nextToken');
  let start = 0;
  if (token) {
    const decoded = /^emu:(\d+)$/.exec(Buffer.from(token, 'base64').toString('utf8'));
    if (!decoded) throw validation('The pagination token is invalid.');
    start = Number(decoded[1]);
  }
  const page = all.slice(start, start + max);
  const end = start + page.length;
  return {
    inferenceProfileSummaries: page.map((p) => profileSummary(p, region)),
    ...(end < all.length ? { nextToken: Buffer.from(`emu:${end}`).toString('base64') } : {}),
  };
}

export function getInferenceProfile(identifier: string, region: string) {
  const id = /^arn:[^:]+:bedrock:[^:]*:[0-9]{12}:(?:application-)?inference-profile\/(.+)$/.exec(identifier)?.[1] ?? identifier;
  const p = PROFILES.find((x) => x.inferenceProfileId === id || (x.type === 'APPLICATION' && identifier === APPLICATION_PROFILE_ARN));
  if (!p) throw BedrockError.of('ResourceNotFoundException', `Inference profile ${identifier} not found.`);
  return profileSummary(p, region);
}
