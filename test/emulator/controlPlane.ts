/**
 * The control-plane operations the extension uses (`bedrock`, docs/bedrock-protocol.md §5.2). Request parameters
 * (query strings and URI labels) are checked against the operation's input shape in botocore's `bedrock` service
 * model (test/emulator/model/bedrock-2023-04-20.json); answers are built from the catalog, whose values stay inside
 * the output shapes (test/unit/emulator/controlPlane.test.ts and test/conformance/test_control_plane.py check that).
 */
import {
  APPLICATION_PROFILE_ARN,
  foundationModelArn,
  MODELS,
  PROFILES,
  profileArn,
  type CatalogModel,
  type CatalogProfile,
} from './catalog';
import { BedrockError, validation } from './errors';
import { operationShapes, shape, violationError, violations } from './serviceModel';

const CREATED_AT = '2024-11-01T00:00:00Z';
const UPDATED_AT = '2025-06-01T00:00:00Z';

export function modelSummary(m: CatalogModel, region: string) {
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

export function profileSummary(p: CatalogProfile, region: string) {
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

/**
 * The operation's query-string and URI-label members, read from the request and checked against their shapes (enum,
 * length, range, pattern), every violation in one ValidationException as the service's validation layer words it.
 * Keys are the members' names (`typeEquals`, sent as `type`).
 */
function readParams(
  operation: string,
  q: URLSearchParams,
  labels: Record<string, string> = {},
): Record<string, string | number | undefined> {
  const input = operationShapes(operation, 'bedrock').input;
  const members = input ? (shape(input, 'bedrock').members ?? {}) : {};
  const out: Record<string, string | number | undefined> = {};
  const found: string[] = [];
  for (const [name, member] of Object.entries(members)) {
    const wire = member.locationName ?? name;
    const raw =
      member.location === 'uri'
        ? labels[wire]
        : member.location === 'querystring'
          ? (q.get(wire) ?? undefined)
          : undefined;
    if (raw === undefined) continue;
    const type = shape(member.shape, 'bedrock').type;
    let value: string | number = raw;
    if (type === 'integer' || type === 'long') {
      if (!/^-?\d+$/.test(raw)) {
        found.push(`Value '${raw}' at '${name}' failed to satisfy constraint: Member must be a number`);
        continue;
      }
      value = Number(raw);
    }
    found.push(...violations(value, member.shape, { at: name, service: 'bedrock' }));
    out[name] = value;
  }
  if (found.length) throw violationError(found);
  return out;
}

/** Whether `byProvider` names the model's provider: by name or by the model ID's prefix, case-insensitively. */
function fromProvider(m: CatalogModel, provider: string): boolean {
  const p = provider.toLowerCase();
  return m.providerName.toLowerCase() === p || m.modelId.startsWith(`${p}.`);
}

export function listFoundationModels(q: URLSearchParams, region: string) {
  const { byProvider, byOutputModality, byInferenceType, byCustomizationType } = readParams('ListFoundationModels', q);
  const models = MODELS.filter(
    (m) =>
      (byProvider === undefined || fromProvider(m, String(byProvider))) &&
      (byOutputModality === undefined || (m.outputModalities as string[]).includes(String(byOutputModality))) &&
      (byInferenceType === undefined || (m.inferenceTypesSupported as string[]).includes(String(byInferenceType))) &&
      (byCustomizationType === undefined ||
        (m.customizationsSupported as string[]).includes(String(byCustomizationType))),
  );
  return { modelSummaries: models.map((m) => modelSummary(m, region)) };
}

export function getFoundationModel(identifier: string, region: string) {
  readParams('GetFoundationModel', new URLSearchParams(), { modelIdentifier: identifier });
  const id = /^arn:[^:]+:bedrock:[^:]*::foundation-model\/(.+)$/.exec(identifier)?.[1] ?? identifier;
  const m = MODELS.find((x) => x.modelId === id);
  if (!m) throw BedrockError.of('ResourceNotFoundException', `The model ${identifier} does not exist.`);
  return { modelDetails: modelSummary(m, region) };
}

const TOKEN = /^emu:(SYSTEM_DEFINED|APPLICATION):(\d+)$/;

export function listInferenceProfiles(q: URLSearchParams, region: string) {
  const params = readParams('ListInferenceProfiles', q);
  // Without typeEquals the service lists the system-defined profiles.
  const type = (params.typeEquals as string | undefined) ?? 'SYSTEM_DEFINED';
  const max = (params.maxResults as number | undefined) ?? 1000;
  const all = PROFILES.filter((p) => p.type === type);
  let start = 0;
  if (params.nextToken !== undefined) {
    // A token is good for the listing it came from only.
    const decoded = TOKEN.exec(Buffer.from(String(params.nextToken), 'base64').toString('utf8'));
    if (!decoded || decoded[1] !== type || Number(decoded[2]) > all.length)
      throw validation('The pagination token is invalid.');
    start = Number(decoded[2]);
  }
  const page = all.slice(start, start + max);
  const end = start + page.length;
  return {
    inferenceProfileSummaries: page.map((p) => profileSummary(p, region)),
    ...(end < all.length ? { nextToken: Buffer.from(`emu:${type}:${end}`).toString('base64') } : {}),
  };
}

export function getInferenceProfile(identifier: string, region: string) {
  readParams('GetInferenceProfile', new URLSearchParams(), { inferenceProfileIdentifier: identifier });
  const id =
    /^arn:[^:]+:bedrock:[^:]*:[0-9]{12}:(?:application-)?inference-profile\/(.+)$/.exec(identifier)?.[1] ?? identifier;
  const p = PROFILES.find(
    (x) => x.inferenceProfileId === id || (x.type === 'APPLICATION' && identifier === APPLICATION_PROFILE_ARN),
  );
  if (!p) throw BedrockError.of('ResourceNotFoundException', `Inference profile ${identifier} not found.`);
  return profileSummary(p, region);
}
