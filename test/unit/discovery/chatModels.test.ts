import * as assert from 'node:assert/strict';
import {
  chatModelsOf,
  chosenChatModels,
  UNKNOWN_CONTEXT_TOKENS,
  type Catalog,
  type DiscoveredModel,
} from '../../../src/core/discovery';

function model(modelId: string, provider: string, name: string, extra: Partial<DiscoveredModel> = {}): DiscoveredModel {
  return {
    modelId,
    name,
    provider,
    inputModalities: ['TEXT'],
    outputModalities: ['TEXT'],
    streaming: true,
    inferenceTypes: ['ON_DEMAND'],
    legacy: false,
    ...extra,
  };
}

const HAIKU = 'anthropic.claude-3-haiku-20240307-v1:0';
const SONNET = 'anthropic.claude-sonnet-4-20250514-v1:0';
const APP_ARN = 'arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/a1b2c3d4e5f6';

const CATALOG: Catalog = {
  profile: 'p',
  region: 'us-east-1',
  source: 'live',
  fetchedAt: 0,
  models: [
    model(HAIKU, 'Anthropic', 'Claude 3 Haiku', { inputModalities: ['TEXT', 'IMAGE'] }),
    model(SONNET, 'Anthropic', 'Claude Sonnet 4', {
      inputModalities: ['TEXT', 'IMAGE'],
      inferenceTypes: ['INFERENCE_PROFILE'],
    }),
    model('amazon.nova-lite-v1:0', 'Amazon', 'Nova Lite'),
    model('meta.llama3-8b-instruct-v1:0', 'Meta', 'Llama 3 8B Instruct'),
    model('meta.llama4-maverick-17b-instruct-v1:0', 'Meta', 'Llama 4 Maverick', { streaming: false }),
    model('amazon.titan-embed-text-v2:0', 'Amazon', 'Titan Text Embeddings V2', {
      outputModalities: ['EMBEDDING'],
      streaming: false,
    }),
    model('vendor.unknown-model-v1:0', 'Vendor', 'Unknown'),
  ],
  profiles: [
    {
      id: `global.${SONNET}`,
      arn: `arn:aws:bedrock:us-east-1:123456789012:inference-profile/global.${SONNET}`,
      name: 'Global Claude Sonnet 4',
      type: 'SYSTEM_DEFINED',
      modelIds: [SONNET],
    },
    {
      id: `us.${SONNET}`,
      arn: `arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.${SONNET}`,
      name: 'US Claude Sonnet 4',
      type: 'SYSTEM_DEFINED',
      modelIds: [SONNET],
    },
    { id: 'a1b2c3d4e5f6', arn: APP_ARN, name: 'team-haiku', type: 'APPLICATION', modelIds: [HAIKU] },
  ],
};

describe('chat models of a catalog', () => {
  const models = chatModelsOf(CATALOG);
  const byId = new Map(models.map((m) => [m.id, m]));

  it("offers text models that stream, a profile-only model once as the region's own profile, and application profiles", () => {
    assert.deepEqual(
      models.map((m) => m.id).sort(),
      [
        APP_ARN,
        HAIKU,
        'amazon.nova-lite-v1:0',
        'meta.llama3-8b-instruct-v1:0',
        `us.${SONNET}`,
        'vendor.unknown-model-v1:0',
      ].sort(),
    );
  });

  it('names, families and versions', () => {
    const sonnet = byId.get(`us.${SONNET}`)!;
    assert.equal(sonnet.name, 'Claude Sonnet 4');
    assert.equal(sonnet.family, 'claude-sonnet-4');
    assert.equal(sonnet.version, SONNET);
    assert.equal(sonnet.foundationModelId, SONNET);
    assert.match(sonnet.detail, /inference profile us\./);
    const app = byId.get(APP_ARN)!;
    assert.equal(app.name, 'team-haiku');
    assert.equal(app.foundationModelId, HAIKU);
  });

  it('context windows, tool calling, images and CountTokens from what Bedrock documents', () => {
    const haiku = byId.get(HAIKU)!;
    assert.deepEqual(
      [haiku.maxInputTokens, haiku.maxOutputTokens, haiku.toolCalling, haiku.imageInput, haiku.countTokens],
      [200_000, 4_096, true, true, true],
    );
    const sonnet = byId.get(`us.${SONNET}`)!;
    assert.deepEqual([sonnet.maxInputTokens, sonnet.maxOutputTokens], [200_000, 64_000]);
    const nova = byId.get('amazon.nova-lite-v1:0')!;
    assert.deepEqual(
      [nova.maxInputTokens, nova.toolCalling, nova.imageInput, nova.countTokens],
      [300_000, true, false, false],
    );
    const llama = byId.get('meta.llama3-8b-instruct-v1:0')!;
    assert.deepEqual(
      [llama.maxInputTokens, llama.toolCalling],
      [8_192, false],
      'Llama takes tools only without streaming',
    );
    const unknown = byId.get('vendor.unknown-model-v1:0')!;
    assert.deepEqual([unknown.maxInputTokens, unknown.toolCalling], [UNKNOWN_CONTEXT_TOKENS, false]);
  });

  it('a choice keeps the models named by offered ID or foundation model (not application profiles of it); an empty choice keeps all', () => {
    assert.equal(chosenChatModels(models, []).length, models.length);
    assert.deepEqual(
      chosenChatModels(models, [SONNET, 'amazon.nova-lite-v1:0', 'not.offered'])
        .map((m) => m.id)
        .sort(),
      ['amazon.nova-lite-v1:0', `us.${SONNET}`],
    );
    assert.deepEqual(
      chosenChatModels(models, [HAIKU]).map((m) => m.id),
      [HAIKU],
      'the application profile of Haiku is chosen by its ARN',
    );
  });
});
