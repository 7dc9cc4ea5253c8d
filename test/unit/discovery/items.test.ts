import * as assert from 'node:assert/strict';
import {
  builtInCatalog,
  buildPickerEntries,
  ENTER_ID_LABEL,
  type Catalog,
  type DiscoveredModel,
  type PickerEntry,
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

const SONNET = 'anthropic.claude-sonnet-4-20250514-v1:0';
const NOVA2 = 'amazon.nova-2-lite-v1:0';
const APP_ARN = 'arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/a1b2c3d4e5f6';

const CATALOG: Catalog = {
  profile: 'p',
  region: 'us-east-1',
  source: 'live',
  fetchedAt: 0,
  models: [
    model('anthropic.claude-3-haiku-20240307-v1:0', 'Anthropic', 'Claude 3 Haiku'),
    model(SONNET, 'Anthropic', 'Claude Sonnet 4', { inferenceTypes: ['INFERENCE_PROFILE'] }),
    model('amazon.nova-lite-v1:0', 'Amazon', 'Nova Lite'),
    model('amazon.titan-embed-text-v2:0', 'Amazon', 'Titan Text Embeddings V2', {
      outputModalities: ['EMBEDDING'],
      streaming: false,
    }),
    model('meta.llama3-2-90b-instruct-v1:0:128k', 'Meta', 'Llama provisioned', { inferenceTypes: ['PROVISIONED'] }),
    // A profile-only model listed within the service model's InferenceType enum: no inference type at all.
    model(NOVA2, 'Amazon', 'Nova 2 Lite', { inferenceTypes: [] }),
    model('amazon.nova-lite-v1:0:300k', 'Amazon', 'Nova Lite', { inferenceTypes: [] }),
  ],
  profiles: [
    {
      id: `us.${SONNET}`,
      arn: `arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.${SONNET}`,
      name: 'US Claude Sonnet 4',
      type: 'SYSTEM_DEFINED',
      modelIds: [SONNET],
    },
    {
      id: `global.${SONNET}`,
      arn: `arn:aws:bedrock:us-east-1:123456789012:inference-profile/global.${SONNET}`,
      name: 'Global Claude Sonnet 4',
      type: 'SYSTEM_DEFINED',
      modelIds: [SONNET],
    },
    {
      id: `us.${NOVA2}`,
      arn: `arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.${NOVA2}`,
      name: 'US Amazon Nova 2 Lite',
      type: 'SYSTEM_DEFINED',
      modelIds: [NOVA2],
    },
    {
      id: 'a1b2c3d4e5f6',
      arn: APP_ARN,
      name: 'team-haiku',
      type: 'APPLICATION',
      modelIds: ['anthropic.claude-3-haiku-20240307-v1:0'],
    },
  ],
};

const models = (entries: PickerEntry[]) =>
  entries.filter((e): e is Extract<PickerEntry, { type: 'model' }> => e.type === 'model');
const ids = (entries: PickerEntry[]) => models(entries).map((e) => e.modelId);
const separators = (entries: PickerEntry[]) => entries.filter((e) => e.type === 'separator').map((e) => e.label);

describe('discovery: model picker entries', () => {
  it('groups models under one separator per provider, providers in alphabetical order', () => {
    const entries = buildPickerEntries(CATALOG, { purpose: 'text' });
    assert.deepEqual(separators(entries), ['Amazon', 'Anthropic', 'Application inference profiles', '']);
    const anthropicAt = entries.findIndex((e) => e.type === 'separator' && e.label === 'Anthropic');
    const appsAt = entries.findIndex((e) => e.type === 'separator' && e.label === 'Application inference profiles');
    const underAnthropic = models(entries.slice(anthropicAt, appsAt)).map((e) => e.model?.provider);
    assert.deepEqual([...new Set(underAnthropic)], ['Anthropic']);
  });

  it('offers a model that needs an inference profile as its profile IDs, never as its bare ID', () => {
    const offered = ids(buildPickerEntries(CATALOG, { purpose: 'text' }));
    assert.ok(!offered.includes(SONNET), 'the bare ID fails on demand, so it must not be offered');
    assert.ok(offered.includes(`us.${SONNET}`));
    assert.ok(offered.includes(`global.${SONNET}`));
    const entry = models(buildPickerEntries(CATALOG, { purpose: 'text' })).find((e) => e.modelId === `us.${SONNET}`)!;
    assert.equal(entry.label, 'Claude Sonnet 4 (US)');
    assert.match(entry.detail, /inference profile/);
  });

  it('offers a model without ON_DEMAND through its profiles when the listing names no inference type (the modeled enum has no INFERENCE_PROFILE), and one without profiles not at all', () => {
    const offered = ids(buildPickerEntries(CATALOG, { purpose: 'text' }));
    assert.ok(offered.includes(`us.${NOVA2}`), 'its system profile is offered');
    assert.ok(!offered.includes(NOVA2), 'its bare ID fails on demand');
    assert.ok(!offered.includes('amazon.nova-lite-v1:0:300k'), 'no profile contains it: nothing to offer');
  });

  it("lists a model's inference profiles with the region's own geography first", () => {
    const offered = ids(buildPickerEntries(CATALOG, { purpose: 'text' })).filter((id) => id.endsWith(SONNET));
    assert.deepEqual(offered, [`us.${SONNET}`, `global.${SONNET}`]);
    const inEurope = ids(
      buildPickerEntries(
        {
          ...CATALOG,
          region: 'eu-west-1',
          profiles: [...CATALOG.profiles, { ...CATALOG.profiles[0], id: `eu.${SONNET}` }],
        },
        { purpose: 'text' },
      ),
    );
    assert.deepEqual(
      inEurope.filter((id) => id.endsWith(SONNET)),
      [`eu.${SONNET}`, `global.${SONNET}`, `us.${SONNET}`],
    );
  });

  it('offers on-demand models by their bare ID and leaves out provisioned-only ones', () => {
    const offered = ids(buildPickerEntries(CATALOG, { purpose: 'text' }));
    assert.ok(offered.includes('anthropic.claude-3-haiku-20240307-v1:0'));
    assert.ok(!offered.some((id) => id.startsWith('meta.')));
  });

  it('shows name, ID, modalities and streaming support for each model', () => {
    const nova = models(buildPickerEntries(CATALOG, { purpose: 'any' })).find(
      (e) => e.modelId === 'amazon.nova-lite-v1:0',
    )!;
    assert.equal(nova.label, 'Nova Lite');
    assert.equal(nova.description, 'amazon.nova-lite-v1:0');
    assert.equal(nova.detail, 'Amazon · text → text · streams');
    const embed = models(buildPickerEntries(CATALOG, { purpose: 'any' })).find(
      (e) => e.modelId === 'amazon.titan-embed-text-v2:0',
    )!;
    assert.equal(embed.detail, 'Amazon · text → embedding · no streaming');
  });

  it('lists only text models for Invoke Model on Selection, every model for a request file', () => {
    assert.ok(!ids(buildPickerEntries(CATALOG, { purpose: 'text' })).includes('amazon.titan-embed-text-v2:0'));
    assert.ok(ids(buildPickerEntries(CATALOG, { purpose: 'any' })).includes('amazon.titan-embed-text-v2:0'));
  });

  it('offers application inference profiles by ARN, naming the model they route to', () => {
    const app = models(buildPickerEntries(CATALOG, { purpose: 'text' })).find((e) => e.label === 'team-haiku')!;
    assert.equal(app.modelId, APP_ARN);
    assert.match(app.detail, /application inference profile for Claude 3 Haiku/);
  });

  it('puts recent choices first, in recency order, without repeating them in their provider group', () => {
    const recents = ['amazon.nova-lite-v1:0', `us.${SONNET}`];
    const entries = buildPickerEntries(CATALOG, { purpose: 'text', recents });
    assert.deepEqual(entries[0], { type: 'separator', label: 'Recently used' });
    assert.deepEqual(ids(entries).slice(0, 2), recents);
    assert.equal(ids(entries).filter((id) => id === 'amazon.nova-lite-v1:0').length, 1);
    assert.ok(
      models(entries)
        .slice(0, 2)
        .every((e) => e.recent),
    );
  });

  it('keeps a recent ID the catalog does not list (entered by hand) and drops a recent model of the wrong kind', () => {
    const arn = 'arn:aws:bedrock:us-east-1:123456789012:provisioned-model/abcdefgh1234';
    const entries = buildPickerEntries(CATALOG, { purpose: 'text', recents: [arn, 'amazon.titan-embed-text-v2:0'] });
    assert.equal(ids(entries)[0], arn);
    assert.match(models(entries)[0].detail, /entered by you/);
    assert.ok(!ids(entries).includes('amazon.titan-embed-text-v2:0'));
  });

  it('marks the current model', () => {
    const entries = models(buildPickerEntries(CATALOG, { purpose: 'text', current: 'amazon.nova-lite-v1:0' }));
    assert.deepEqual(
      entries.filter((e) => e.current).map((e) => e.modelId),
      ['amazon.nova-lite-v1:0'],
    );
  });

  it('always ends with "Enter a model ID or ARN..."', () => {
    for (const catalog of [CATALOG, { ...CATALOG, models: [], profiles: [] }]) {
      const entries = buildPickerEntries(catalog, { purpose: 'text' });
      assert.deepEqual(entries.at(-1)?.type, 'enterId');
      assert.equal((entries.at(-1) as { label: string }).label, ENTER_ID_LABEL);
    }
  });

  it('with the built-in list, opens with a notice that says why discovery failed', () => {
    const reason = 'Profile "p" in eu-west-1 is not allowed to list models (AccessDeniedException).';
    const catalog = builtInCatalog('p', 'eu-west-1', {
      kind: 'accessDenied',
      errorName: 'AccessDeniedException',
      reason,
    });
    const entries = buildPickerEntries(catalog, { purpose: 'text' });
    assert.equal(entries[0].type, 'notice');
    assert.match((entries[0] as { detail: string }).detail, /not allowed to list models \(AccessDeniedException\)/);
    // The built-in list still follows the same rules: profile IDs of the region's geography for profile-only models.
    const offered = ids(entries);
    assert.ok(offered.includes(`eu.${SONNET}`) && offered.includes(`global.${SONNET}`));
    assert.ok(!offered.includes(SONNET) && !offered.includes(`us.${SONNET}`));
    assert.ok(offered.includes('amazon.nova-lite-v1:0'));
  });

  it("has no notice when the list is the account's own", () => {
    assert.ok(!buildPickerEntries(CATALOG, { purpose: 'text' }).some((e) => e.type === 'notice'));
  });
});
