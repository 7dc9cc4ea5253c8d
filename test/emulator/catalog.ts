/** The emulated model catalog (the models listed in test/emulator/README.md, "Catalog") and model-identifier resolution. */
import { BedrockError, validation } from './errors';
import { violations } from './serviceModel';

export const ACCOUNT_ID = '123456789012';
export const DEFAULT_REGION = 'us-east-1';

export type FamilyName =
  | 'anthropic'
  | 'nova'
  | 'titan-text'
  | 'llama'
  | 'mistral'
  | 'mistral-chat'
  | 'cohere-command-r'
  | 'ai21-jamba'
  | 'deepseek'
  | 'gpt-oss'
  | 'titan-embed'
  | 'cohere-embed'
  | 'titan-image'
  | 'stability';

export type Geo = 'us' | 'eu' | 'apac' | 'global';

/**
 * One foundation model as ListFoundationModels lists it. Every value stays inside the `bedrock` service model's
 * shapes (test/emulator/model/bedrock-2023-04-20.json): `modelName` and `providerName` are BrandedName (1-20
 * characters), modalities are ModelModality (`TEXT` | `IMAGE` | `EMBEDDING`; the service also lists `VIDEO` for Nova
 * inputs, which the model does not name), inference types are InferenceType (`ON_DEMAND` | `PROVISIONED`; the
 * service lists `INFERENCE_PROFILE` for profile-only models, which the model does not name either, so those list
 * none here). docs/bedrock-protocol.md §5.2.
 */
export interface CatalogModel {
  modelId: string;
  modelName: string;
  providerName: string;
  family: FamilyName;
  inputModalities: ('TEXT' | 'IMAGE' | 'EMBEDDING')[];
  outputModalities: ('TEXT' | 'IMAGE' | 'EMBEDDING')[];
  responseStreamingSupported: boolean;
  customizationsSupported: ('FINE_TUNING' | 'CONTINUED_PRE_TRAINING' | 'DISTILLATION')[];
  inferenceTypesSupported: ('ON_DEMAND' | 'PROVISIONED')[];
  /** Geographies with a system-defined inference profile. */
  profiles: Geo[];
  /** false = model access not granted: every call fails with AccessDeniedException. */
  granted: boolean;
  /** Anthropic: the model's max output tokens and its name in Anthropic's own messages. */
  maxOutputTokens?: number;
  anthropicName?: string;
}

const TEXT: CatalogModel['inputModalities'] = ['TEXT'];
const TEXT_IMAGE: CatalogModel['inputModalities'] = ['TEXT', 'IMAGE'];
function m(
  modelId: string,
  modelName: string,
  providerName: string,
  family: FamilyName,
  od: boolean,
  profiles: Geo[],
  extra: Partial<CatalogModel> = {},
): CatalogModel {
  const generative = !['titan-embed', 'cohere-embed', 'titan-image', 'stability'].includes(family);
  return {
    modelId,
    modelName,
    providerName,
    family,
    inputModalities: TEXT,
    outputModalities: ['TEXT'],
    responseStreamingSupported: generative,
    customizationsSupported: [],
    inferenceTypesSupported: od ? ['ON_DEMAND'] : [],
    profiles,
    granted: true,
    ...extra,
  };
}

const BASE: CatalogModel[] = [
  m('anthropic.claude-3-haiku-20240307-v1:0', 'Claude 3 Haiku', 'Anthropic', 'anthropic', true, ['us', 'eu'], {
    inputModalities: TEXT_IMAGE,
    customizationsSupported: ['FINE_TUNING'],
    maxOutputTokens: 4096,
    anthropicName: 'claude-3-haiku-20240307',
  }),
  m('anthropic.claude-3-5-haiku-20241022-v1:0', 'Claude 3.5 Haiku', 'Anthropic', 'anthropic', false, ['us'], {
    maxOutputTokens: 8192,
    anthropicName: 'claude-3-5-haiku-20241022',
  }),
  m(
    'anthropic.claude-sonnet-4-20250514-v1:0',
    'Claude Sonnet 4',
    'Anthropic',
    'anthropic',
    false,
    ['us', 'eu', 'apac', 'global'],
    { inputModalities: TEXT_IMAGE, maxOutputTokens: 64000, anthropicName: 'claude-sonnet-4' },
  ),
  m(
    'anthropic.claude-sonnet-4-5-20250929-v1:0',
    'Claude Sonnet 4.5',
    'Anthropic',
    'anthropic',
    false,
    ['us', 'eu', 'global'],
    { inputModalities: TEXT_IMAGE, maxOutputTokens: 64000, anthropicName: 'claude-sonnet-4-5' },
  ),
  m('anthropic.claude-3-opus-20240229-v1:0', 'Claude 3 Opus', 'Anthropic', 'anthropic', true, [], {
    inputModalities: TEXT_IMAGE,
    granted: false,
    maxOutputTokens: 4096,
    anthropicName: 'claude-3-opus-20240229',
  }),
  m('amazon.nova-micro-v1:0', 'Nova Micro', 'Amazon', 'nova', true, ['us', 'eu'], {
    customizationsSupported: ['FINE_TUNING', 'DISTILLATION'],
  }),
  m('amazon.nova-lite-v1:0', 'Nova Lite', 'Amazon', 'nova', true, ['us', 'eu'], {
    inputModalities: TEXT_IMAGE,
    customizationsSupported: ['FINE_TUNING', 'DISTILLATION'],
  }),
  m('amazon.nova-pro-v1:0', 'Nova Pro', 'Amazon', 'nova', true, ['us', 'eu'], {
    inputModalities: TEXT_IMAGE,
    customizationsSupported: ['FINE_TUNING', 'DISTILLATION'],
  }),
  m('amazon.nova-2-lite-v1:0', 'Nova 2 Lite', 'Amazon', 'nova', false, ['us', 'global'], {
    inputModalities: TEXT_IMAGE,
  }),
  m('amazon.titan-text-express-v1', 'Titan Text Express', 'Amazon', 'titan-text', true, [], {
    customizationsSupported: ['FINE_TUNING', 'CONTINUED_PRE_TRAINING'],
  }),
  m('amazon.titan-text-lite-v1', 'Titan Text Lite', 'Amazon', 'titan-text', true, [], {
    customizationsSupported: ['FINE_TUNING', 'CONTINUED_PRE_TRAINING'],
  }),
  m('meta.llama3-8b-instruct-v1:0', 'Llama 3 8B Instruct', 'Meta', 'llama', true, []),
  m('meta.llama3-1-70b-instruct-v1:0', 'Llama 3.1 70B', 'Meta', 'llama', false, ['us'], {
    customizationsSupported: ['FINE_TUNING'],
  }),
  // Streaming off, as the issue that added it reports of Llama 4 Instruct: the stream operation refuses it.
  m('meta.llama4-maverick-17b-instruct-v1:0', 'Llama 4 Maverick 17B', 'Meta', 'llama', false, ['us'], {
    inputModalities: TEXT_IMAGE,
    responseStreamingSupported: false,
  }),
  m('mistral.mistral-7b-instruct-v0:2', 'Mistral 7B Instruct', 'Mistral AI', 'mistral', true, []),
  m('mistral.mixtral-8x7b-instruct-v0:1', 'Mixtral 8x7B', 'Mistral AI', 'mistral', true, []),
  m('mistral.mistral-large-2407-v1:0', 'Mistral Large 24.07', 'Mistral AI', 'mistral-chat', true, []),
  m('cohere.command-r-v1:0', 'Command R', 'Cohere', 'cohere-command-r', true, []),
  m('cohere.command-r-plus-v1:0', 'Command R+', 'Cohere', 'cohere-command-r', true, []),
  m('ai21.jamba-1-5-mini-v1:0', 'Jamba 1.5 Mini', 'AI21 Labs', 'ai21-jamba', true, []),
  m('ai21.jamba-1-5-large-v1:0', 'Jamba 1.5 Large', 'AI21 Labs', 'ai21-jamba', true, []),
  m('deepseek.r1-v1:0', 'DeepSeek-R1', 'DeepSeek', 'deepseek', false, ['us']),
  m('openai.gpt-oss-20b-1:0', 'gpt-oss-20b', 'OpenAI', 'gpt-oss', true, []),
  m('openai.gpt-oss-120b-1:0', 'gpt-oss-120b', 'OpenAI', 'gpt-oss', true, []),
  m('amazon.titan-embed-text-v2:0', 'Titan Embeddings V2', 'Amazon', 'titan-embed', true, [], {
    outputModalities: ['EMBEDDING'],
  }),
  m('cohere.embed-english-v3', 'Embed English', 'Cohere', 'cohere-embed', true, [], {
    outputModalities: ['EMBEDDING'],
  }),
  m('amazon.titan-image-generator-v2:0', 'Titan Image G1 v2', 'Amazon', 'titan-image', true, [], {
    inputModalities: TEXT_IMAGE,
    outputModalities: ['IMAGE'],
    customizationsSupported: ['FINE_TUNING'],
  }),
  m('amazon.nova-canvas-v1:0', 'Nova Canvas', 'Amazon', 'titan-image', true, [], {
    inputModalities: TEXT_IMAGE,
    outputModalities: ['IMAGE'],
  }),
  m('stability.sd3-5-large-v1:0', 'SD3.5 Large', 'Stability AI', 'stability', true, [], {
    outputModalities: ['IMAGE'],
  }),
];

/**
 * Provisioned Throughput is bought for a context-window variant of a model, which ListFoundationModels lists as a
 * model of its own with PROVISIONED only, beside the on-demand base model ("Amazon Bedrock model IDs for purchasing
 * Provisioned Throughput", https://docs.aws.amazon.com/bedrock/latest/userguide/prov-thru-supported-models.html).
 */
const PROVISIONED_VARIANTS: Array<[string, string]> = [
  ['anthropic.claude-3-haiku-20240307-v1:0', ':200k'],
  ['amazon.nova-lite-v1:0', ':300k'],
  ['amazon.titan-text-express-v1', ':0:8k'],
];

export const MODELS: readonly CatalogModel[] = [
  ...BASE,
  ...PROVISIONED_VARIANTS.map(([base, suffix]): CatalogModel => {
    const b = BASE.find((x) => x.modelId === base)!;
    return { ...b, modelId: `${base}${suffix}`, inferenceTypesSupported: ['PROVISIONED'], profiles: [] };
  }),
];

const GEO_REGIONS: Record<Geo, string[]> = {
  us: ['us-east-1', 'us-east-2', 'us-west-2'],
  eu: ['eu-central-1', 'eu-west-1', 'eu-west-3'],
  apac: ['ap-northeast-1', 'ap-south-1', 'ap-southeast-1', 'ap-southeast-2'],
  global: ['us-east-1', 'us-east-2', 'us-west-2', 'eu-west-1', 'ap-northeast-1'],
};
const GEO_LABEL: Record<Geo, string> = { us: 'US', eu: 'EU', apac: 'APAC', global: 'Global' };

export interface CatalogProfile {
  inferenceProfileId: string;
  inferenceProfileName: string;
  description: string;
  type: 'SYSTEM_DEFINED' | 'APPLICATION';
  model: CatalogModel;
  /** Destination regions (system profiles) or the one model region (application profiles). */
  regions: string[];
}

export const APPLICATION_PROFILE_ID = 'a1b2c3d4e5f6';
export const APPLICATION_PROFILE_ARN = `arn:aws:bedrock:us-east-1:${ACCOUNT_ID}:application-inference-profile/${APPLICATION_PROFILE_ID}`;

export const PROFILES: readonly CatalogProfile[] = [
  ...MODELS.flatMap((model) =>
    model.profiles.map((geo): CatalogProfile => ({
      inferenceProfileId: `${geo}.${model.modelId}`,
      // InferenceProfileName allows letters, digits and single separators (no `.`): `US Anthropic Claude 3-5 Haiku`.
      inferenceProfileName: `${GEO_LABEL[geo]} ${model.providerName} ${model.modelName}`.replace(
        /[^0-9A-Za-z _-]+/g,
        '-',
      ),
      // InferenceProfileDescription allows `:` and `.` too, but no commas.
      description: `Routes requests to ${model.providerName} ${model.modelName} in ${GEO_REGIONS[geo].slice(0, -1).join(' ')} and ${GEO_REGIONS[geo].at(-1)}.`,
      type: 'SYSTEM_DEFINED',
      model,
      regions: GEO_REGIONS[geo],
    })),
  ),
  {
    inferenceProfileId: APPLICATION_PROFILE_ID,
    inferenceProfileName: 'emulator-app-profile',
    description: 'Application inference profile for cost tracking in the emulator.',
    type: 'APPLICATION',
    model: MODELS[0],
    regions: ['us-east-1'],
  },
];

export const foundationModelArn = (region: string, modelId: string): string =>
  `arn:aws:bedrock:${region}::foundation-model/${modelId}`;
export function profileArn(region: string, p: CatalogProfile): string {
  return p.type === 'APPLICATION'
    ? APPLICATION_PROFILE_ARN
    : `arn:aws:bedrock:${region}:${ACCOUNT_ID}:inference-profile/${p.inferenceProfileId}`;
}

const BY_ID = new Map(MODELS.map((x) => [x.modelId, x]));
const PROFILE_BY_ID = new Map(PROFILES.map((p) => [p.inferenceProfileId, p]));

export function findModel(modelId: string): CatalogModel | undefined {
  return BY_ID.get(modelId);
}

/**
 * Whether an identifier fits InvokeModelIdentifier in botocore's service model (length and pattern, whole value;
 * docs/bedrock-protocol.md §1.3): a foundation-model ARN must leave the account empty, for example.
 */
export function isWellFormedIdentifier(id: string): boolean {
  return violations(id, 'InvokeModelIdentifier').length === 0;
}

export interface Resolved {
  model: CatalogModel;
  profile?: CatalogProfile;
}

const MODEL_NOT_FOUND = 'Model not found.';

/** Resolves an InvokeModel modelId the way the service does, or throws its error. */
export function resolveInvokeModelId(id: string): Resolved {
  if (!isWellFormedIdentifier(id)) throw validation('The provided model identifier is invalid.');
  let resolved: Resolved | undefined;
  let viaProfile = false;
  const arn = /^arn:[^:]+:bedrock:[^:]*:[^:]*:([a-z-]+)\/(.+)$/.exec(id);
  if (arn) {
    const [, kind, rest] = arn;
    if (kind === 'foundation-model') {
      const model = findModel(rest);
      if (model) resolved = { model };
    } else if (kind === 'inference-profile' || kind === 'application-inference-profile') {
      const p = PROFILE_BY_ID.get(rest);
      if (p && (p.type === 'APPLICATION') === (kind === 'application-inference-profile'))
        resolved = { model: p.model, profile: p };
      viaProfile = true;
    }
  } else {
    const p = PROFILE_BY_ID.get(id);
    if (p && p.type === 'SYSTEM_DEFINED') {
      resolved = { model: p.model, profile: p };
      viaProfile = true;
    } else {
      const model = findModel(id);
      if (model) resolved = { model };
    }
  }
  if (!resolved) throw BedrockError.of('ResourceNotFoundException', MODEL_NOT_FOUND);
  if (!resolved.model.granted) throw BedrockError.of('AccessDeniedException');
  if (!viaProfile && !resolved.model.inferenceTypesSupported.includes('ON_DEMAND')) {
    throw validation(
      `Invocation of model ID ${resolved.model.modelId} with on-demand throughput isn\u2019t supported. Retry your request with the ID or ARN of an inference profile that contains this model.`,
    );
  }
  return resolved;
}
