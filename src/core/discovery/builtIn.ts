// The list that stands in when the account's own cannot be read (no bedrock:List* permission, offline, a proxy
// that only passes the runtime): well-known models with the facts the picker needs, and their system inference
// profiles for the region's geography. Whether the account may call them is unknown, and the picker says so.
import type { Catalog, DiscoveredModel, DiscoveredProfile, DiscoveryFailure } from './types';

type Geo = 'us' | 'eu' | 'apac' | 'jp' | 'au' | 'us-gov' | 'global';

interface Known {
  id: string;
  name: string;
  provider: string;
  out: 'TEXT' | 'EMBEDDING' | 'IMAGE';
  input?: string[];
  streams: boolean;
  /** The bare ID works (ON_DEMAND); otherwise only its profiles do. */
  onDemand: boolean;
  geos: Geo[];
}

const KNOWN: Known[] = [
  {
    id: 'anthropic.claude-sonnet-4-5-20250929-v1:0',
    name: 'Claude Sonnet 4.5',
    provider: 'Anthropic',
    out: 'TEXT',
    input: ['TEXT', 'IMAGE'],
    streams: true,
    onDemand: false,
    geos: ['us', 'eu', 'jp', 'au', 'global'],
  },
  {
    id: 'anthropic.claude-haiku-4-5-20251001-v1:0',
    name: 'Claude Haiku 4.5',
    provider: 'Anthropic',
    out: 'TEXT',
    input: ['TEXT', 'IMAGE'],
    streams: true,
    onDemand: false,
    geos: ['us', 'eu', 'jp', 'au', 'global'],
  },
  {
    id: 'anthropic.claude-sonnet-4-20250514-v1:0',
    name: 'Claude Sonnet 4',
    provider: 'Anthropic',
    out: 'TEXT',
    input: ['TEXT', 'IMAGE'],
    streams: true,
    onDemand: false,
    geos: ['us', 'eu', 'apac', 'global'],
  },
  {
    id: 'anthropic.claude-3-5-haiku-20241022-v1:0',
    name: 'Claude 3.5 Haiku',
    provider: 'Anthropic',
    out: 'TEXT',
    streams: true,
    onDemand: false,
    geos: ['us'],
  },
  {
    id: 'anthropic.claude-3-haiku-20240307-v1:0',
    name: 'Claude 3 Haiku',
    provider: 'Anthropic',
    out: 'TEXT',
    input: ['TEXT', 'IMAGE'],
    streams: true,
    onDemand: true,
    geos: ['us', 'eu', 'apac'],
  },
  {
    id: 'amazon.nova-pro-v1:0',
    name: 'Nova Pro',
    provider: 'Amazon',
    out: 'TEXT',
    input: ['TEXT', 'IMAGE', 'VIDEO'],
    streams: true,
    onDemand: true,
    geos: ['us', 'eu', 'apac'],
  },
  {
    id: 'amazon.nova-lite-v1:0',
    name: 'Nova Lite',
    provider: 'Amazon',
    out: 'TEXT',
    input: ['TEXT', 'IMAGE', 'VIDEO'],
    streams: true,
    onDemand: true,
    geos: ['us', 'eu', 'apac'],
  },
  {
    id: 'amazon.nova-micro-v1:0',
    name: 'Nova Micro',
    provider: 'Amazon',
    out: 'TEXT',
    streams: true,
    onDemand: true,
    geos: ['us', 'eu', 'apac'],
  },
  {
    id: 'amazon.titan-text-express-v1',
    name: 'Titan Text G1 - Express',
    provider: 'Amazon',
    out: 'TEXT',
    streams: true,
    onDemand: true,
    geos: [],
  },
  {
    id: 'amazon.titan-text-lite-v1',
    name: 'Titan Text G1 - Lite',
    provider: 'Amazon',
    out: 'TEXT',
    streams: true,
    onDemand: true,
    geos: [],
  },
  {
    id: 'meta.llama3-1-70b-instruct-v1:0',
    name: 'Llama 3.1 70B Instruct',
    provider: 'Meta',
    out: 'TEXT',
    streams: true,
    onDemand: false,
    geos: ['us'],
  },
  {
    id: 'meta.llama3-8b-instruct-v1:0',
    name: 'Llama 3 8B Instruct',
    provider: 'Meta',
    out: 'TEXT',
    streams: true,
    onDemand: true,
    geos: [],
  },
  {
    id: 'mistral.mistral-large-2407-v1:0',
    name: 'Mistral Large (24.07)',
    provider: 'Mistral AI',
    out: 'TEXT',
    streams: true,
    onDemand: true,
    geos: [],
  },
  {
    id: 'mistral.mixtral-8x7b-instruct-v0:1',
    name: 'Mixtral 8x7B Instruct',
    provider: 'Mistral AI',
    out: 'TEXT',
    streams: true,
    onDemand: true,
    geos: [],
  },
  {
    id: 'mistral.mistral-7b-instruct-v0:2',
    name: 'Mistral 7B Instruct',
    provider: 'Mistral AI',
    out: 'TEXT',
    streams: true,
    onDemand: true,
    geos: [],
  },
  {
    id: 'cohere.command-r-plus-v1:0',
    name: 'Command R+',
    provider: 'Cohere',
    out: 'TEXT',
    streams: true,
    onDemand: true,
    geos: [],
  },
  {
    id: 'cohere.command-r-v1:0',
    name: 'Command R',
    provider: 'Cohere',
    out: 'TEXT',
    streams: true,
    onDemand: true,
    geos: [],
  },
  {
    id: 'ai21.jamba-1-5-large-v1:0',
    name: 'Jamba 1.5 Large',
    provider: 'AI21 Labs',
    out: 'TEXT',
    streams: true,
    onDemand: true,
    geos: [],
  },
  {
    id: 'ai21.jamba-1-5-mini-v1:0',
    name: 'Jamba 1.5 Mini',
    provider: 'AI21 Labs',
    out: 'TEXT',
    streams: true,
    onDemand: true,
    geos: [],
  },
  {
    id: 'deepseek.r1-v1:0',
    name: 'DeepSeek-R1',
    provider: 'DeepSeek',
    out: 'TEXT',
    streams: true,
    onDemand: false,
    geos: ['us'],
  },
  {
    id: 'openai.gpt-oss-120b-1:0',
    name: 'gpt-oss-120b',
    provider: 'OpenAI',
    out: 'TEXT',
    streams: true,
    onDemand: true,
    geos: [],
  },
  {
    id: 'openai.gpt-oss-20b-1:0',
    name: 'gpt-oss-20b',
    provider: 'OpenAI',
    out: 'TEXT',
    streams: true,
    onDemand: true,
    geos: [],
  },
  {
    id: 'amazon.titan-embed-text-v2:0',
    name: 'Titan Text Embeddings V2',
    provider: 'Amazon',
    out: 'EMBEDDING',
    streams: false,
    onDemand: true,
    geos: [],
  },
  {
    id: 'cohere.embed-english-v3',
    name: 'Embed English',
    provider: 'Cohere',
    out: 'EMBEDDING',
    streams: false,
    onDemand: true,
    geos: [],
  },
  {
    id: 'amazon.nova-canvas-v1:0',
    name: 'Nova Canvas',
    provider: 'Amazon',
    out: 'IMAGE',
    streams: false,
    onDemand: true,
    geos: [],
  },
  {
    id: 'amazon.titan-image-generator-v2:0',
    name: 'Titan Image Generator G1 v2',
    provider: 'Amazon',
    out: 'IMAGE',
    streams: false,
    onDemand: true,
    geos: [],
  },
  {
    id: 'stability.sd3-5-large-v1:0',
    name: 'Stable Diffusion 3.5 Large',
    provider: 'Stability AI',
    out: 'IMAGE',
    streams: false,
    onDemand: true,
    geos: [],
  },
];

/** The geographic inference-profile prefixes a region's requests may use. */
export function geosOfRegion(region: string): Geo[] {
  if (region.startsWith('us-gov-')) return ['us-gov'];
  if (region.startsWith('us-') || region.startsWith('ca-')) return ['us', 'global'];
  if (region.startsWith('eu-')) return ['eu', 'global'];
  if (region === 'ap-northeast-1' || region === 'ap-northeast-3') return ['apac', 'jp', 'global'];
  if (region === 'ap-southeast-2' || region === 'ap-southeast-4') return ['apac', 'au', 'global'];
  if (region.startsWith('ap-') || region.startsWith('me-')) return ['apac', 'global'];
  return ['global'];
}

const ACCOUNT_PLACEHOLDER = '';

export function builtInCatalog(profile: string, region: string, failure: DiscoveryFailure, now = Date.now()): Catalog {
  const geos = geosOfRegion(region);
  const models: DiscoveredModel[] = KNOWN.map((k) => ({
    modelId: k.id,
    name: k.name,
    provider: k.provider,
    inputModalities: k.input ?? ['TEXT'],
    outputModalities: [k.out],
    streaming: k.streams,
    inferenceTypes: k.onDemand ? ['ON_DEMAND', ...(k.geos.length ? ['INFERENCE_PROFILE'] : [])] : ['INFERENCE_PROFILE'],
    legacy: false,
  }));
  const profiles: DiscoveredProfile[] = KNOWN.flatMap((k) =>
    k.geos
      .filter((g) => geos.includes(g))
      .map((g) => ({
        id: `${g}.${k.id}`,
        // The account ID is unknown here; the ID is what gets used.
        arn: `arn:aws:bedrock:${region}:${ACCOUNT_PLACEHOLDER}:inference-profile/${g}.${k.id}`,
        name: `${g.toUpperCase()} ${k.name}`,
        type: 'SYSTEM_DEFINED' as const,
        modelIds: [k.id],
      })),
  );
  return { profile, region, models, profiles, source: 'builtIn', failure, fetchedAt: now };
}
