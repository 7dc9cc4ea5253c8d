import * as assert from 'node:assert/strict';
import {
  allFamilies,
  familyChoiceMessage,
  getFamily,
  resolveModel,
  unknownModelMessage,
  type FamilyId,
} from '../../../src/core/models';

// Every catalog model, by family.
const catalog: [string, FamilyId][] = [
  ['anthropic.claude-3-haiku-20240307-v1:0', 'anthropic'],
  ['anthropic.claude-3-5-haiku-20241022-v1:0', 'anthropic'],
  ['anthropic.claude-sonnet-4-20250514-v1:0', 'anthropic'],
  ['anthropic.claude-sonnet-4-5-20250929-v1:0', 'anthropic'],
  ['anthropic.claude-3-opus-20240229-v1:0', 'anthropic'],
  ['amazon.nova-micro-v1:0', 'nova'],
  ['amazon.nova-lite-v1:0', 'nova'],
  ['amazon.nova-pro-v1:0', 'nova'],
  ['amazon.titan-text-express-v1', 'titan-text'],
  ['amazon.titan-text-lite-v1', 'titan-text'],
  ['meta.llama3-8b-instruct-v1:0', 'llama'],
  ['meta.llama3-1-70b-instruct-v1:0', 'llama'],
  ['mistral.mistral-7b-instruct-v0:2', 'mistral'],
  ['mistral.mixtral-8x7b-instruct-v0:1', 'mistral'],
  ['mistral.mistral-large-2407-v1:0', 'mistral-chat'],
  ['cohere.command-r-v1:0', 'cohere-command-r'],
  ['cohere.command-r-plus-v1:0', 'cohere-command-r'],
  ['ai21.jamba-1-5-mini-v1:0', 'ai21-jamba'],
  ['ai21.jamba-1-5-large-v1:0', 'ai21-jamba'],
  ['deepseek.r1-v1:0', 'deepseek'],
  ['openai.gpt-oss-20b-1:0', 'gpt-oss'],
  ['openai.gpt-oss-120b-1:0', 'gpt-oss'],
  ['amazon.titan-embed-text-v2:0', 'titan-embed'],
  ['cohere.embed-english-v3', 'cohere-embed'],
  ['amazon.titan-image-generator-v2:0', 'titan-image'],
  ['amazon.nova-canvas-v1:0', 'titan-image'],
  ['stability.sd3-5-large-v1:0', 'stability'],
];

// Models outside the catalog that the families are written to serve (or, deliberately, not to serve).
const beyondCatalog: [string, FamilyId | undefined][] = [
  ['anthropic.claude-v2:1', 'anthropic'],
  ['anthropic.claude-opus-4-1-20250805-v1:0', 'anthropic'],
  ['amazon.nova-premier-v1:0', 'nova'],
  ['amazon.nova-2-lite-v1:0', 'nova'],
  ['amazon.nova-reel-v1:0', undefined],
  ['amazon.nova-sonic-v1:0', undefined],
  ['amazon.titan-text-premier-v1:0', 'titan-text'],
  ['amazon.titan-embed-text-v1', 'titan-embed'],
  ['amazon.titan-image-generator-v1', 'titan-image'],
  ['meta.llama4-maverick-17b-instruct-v1:0', 'llama'],
  ['meta.llama2-13b-chat-v1', undefined],
  ['mistral.mistral-large-2402-v1:0', 'mistral'],
  ['mistral.mistral-small-2402-v1:0', 'mistral'],
  ['mistral.pixtral-large-2502-v1:0', 'mistral-chat'],
  ['cohere.command-text-v14', undefined],
  ['cohere.embed-multilingual-v3', 'cohere-embed'],
  ['stability.stable-image-ultra-v1:1', 'stability'],
  ['stability.stable-diffusion-xl-v1', undefined],
  ['deepseek.v3-v1:0', undefined],
];

/** Every way Bedrock accepts to name a model that has the given foundation-model ID. */
function forms(id: string): string[] {
  return [
    id,
    id.includes(':') ? `${id}:200k` : `${id}:0:8k`,
    ...['us', 'eu', 'apac', 'us-gov', 'jp', 'au', 'global', 'ca'].map((geo) => `${geo}.${id}`),
    `arn:aws:bedrock:us-east-1::foundation-model/${id}`,
    `arn:aws-cn:bedrock:cn-north-1::foundation-model/${id}`,
    `arn:aws-us-gov:bedrock:us-gov-west-1::foundation-model/${id}`,
    `arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.${id}`,
    `arn:aws:bedrock:eu-west-1:123456789012:inference-profile/eu.${id}`,
    `arn:aws:bedrock:ap-northeast-1:123456789012:inference-profile/apac.${id}`,
    `arn:aws-us-gov:bedrock:us-gov-west-1:123456789012:inference-profile/us-gov.${id}`,
    `arn:aws:bedrock:us-east-1:123456789012:inference-profile/global.${id}`,
  ];
}

describe('model ID resolution', () => {
  for (const [id, family] of catalog) {
    it(`recognises ${family} in every ID form of ${id}`, () => {
      for (const modelId of forms(id)) {
        const resolution = resolveModel(modelId);
        assert.equal(resolution.family?.id, family, modelId);
        assert.equal(resolution.modelId, modelId, 'the ID is kept exactly as given');
        assert.equal(resolution.needsFamilyChoice, false, modelId);
        assert.ok(resolution.baseModelId?.startsWith(id), `${modelId} -> ${resolution.baseModelId}`);
      }
    });
  }

  for (const [id, family] of beyondCatalog) {
    it(`${family ? `recognises ${family} in` : 'recognises no family for'} ${id}`, () => {
      assert.equal(resolveModel(id).family?.id, family);
      assert.equal(resolveModel(`us.${id}`).family?.id, family);
    });
  }

  it('strips the geographic prefix to find the base model ID, and only that', () => {
    const cases: [string, string | undefined][] = [
      ['us.anthropic.claude-3-5-haiku-20241022-v1:0', 'anthropic.claude-3-5-haiku-20241022-v1:0'],
      ['us-gov.anthropic.claude-3-haiku-20240307-v1:0', 'anthropic.claude-3-haiku-20240307-v1:0'],
      ['global.anthropic.claude-sonnet-4-5-20250929-v1:0', 'anthropic.claude-sonnet-4-5-20250929-v1:0'],
      ['anthropic.claude-3-haiku-20240307-v1:0:200k', 'anthropic.claude-3-haiku-20240307-v1:0:200k'],
      ['amazon.nova-pro-v1:0', 'amazon.nova-pro-v1:0'],
      ['arn:aws:bedrock:us-east-1::foundation-model/amazon.titan-text-express-v1', 'amazon.titan-text-express-v1'],
      ['arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.deepseek.r1-v1:0', 'deepseek.r1-v1:0'],
      [
        'arn:aws:bedrock:us-east-1:123456789012:custom-model/amazon.titan-text-express-v1:0:8k/abcdef123456',
        'amazon.titan-text-express-v1:0:8k',
      ],
      ['  us.meta.llama3-1-70b-instruct-v1:0 ', 'meta.llama3-1-70b-instruct-v1:0'],
    ];
    for (const [modelId, base] of cases) assert.equal(resolveModel(modelId).baseModelId, base, modelId);
  });

  const unnamed = [
    'arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/a1b2c3d4e5f6',
    'arn:aws:bedrock:us-east-1:123456789012:provisioned-model/abcdefgh1234',
    'arn:aws:bedrock:us-east-1:123456789012:custom-model-deployment/abcdefgh1234',
    'arn:aws:bedrock:us-east-1:123456789012:imported-model/abcdefgh1234',
    'arn:aws:bedrock:us-east-1:123456789012:default-prompt-router/anthropic.claude:1',
    'arn:aws:bedrock:us-east-1:123456789012:prompt-router/abcdefgh1234',
    'arn:aws:bedrock:us-east-1:123456789012:prompt/PROMPT12345:2',
    'arn:aws-cn:bedrock:cn-north-1:123456789012:application-inference-profile/a1b2c3d4e5f6',
    'arn:aws-us-gov:bedrock:us-gov-west-1:123456789012:provisioned-model/abcdefgh1234',
    'arn:aws:sagemaker:us-east-1:123456789012:endpoint/my-marketplace-endpoint',
  ];

  it('asks for a family choice for ARNs that do not name the model', () => {
    for (const modelId of unnamed) {
      assert.deepStrictEqual(resolveModel(modelId), { modelId, needsFamilyChoice: true }, modelId);
    }
  });

  it('uses the chosen family for such ARNs, and still says the ID alone does not tell', () => {
    for (const modelId of unnamed) {
      const resolution = resolveModel(modelId, 'anthropic');
      assert.equal(resolution.family, getFamily('anthropic'), modelId);
      assert.equal(resolution.needsFamilyChoice, true);
    }
  });

  it('lets a chosen family override the recognised one', () => {
    assert.equal(resolveModel('amazon.nova-pro-v1:0', 'llama').family?.id, 'llama');
  });

  it('leaves unknown model IDs without a family and without a family choice', () => {
    for (const modelId of [
      'writer.palmyra-x5-v1:0',
      'us.writer.palmyra-x5-v1:0',
      'acme.thing-v1',
      'something',
      '',
      'us.unknownprovider.model-v1:0',
    ]) {
      const resolution = resolveModel(modelId);
      assert.equal(resolution.family, undefined, modelId);
      assert.equal(resolution.needsFamilyChoice, false, modelId);
    }
    assert.equal(resolveModel('us.writer.palmyra-x5-v1:0').baseModelId, 'writer.palmyra-x5-v1:0');
  });

  it('matches case-insensitively', () => {
    assert.equal(resolveModel('US.Anthropic.Claude-3-Haiku-20240307-v1:0').family?.id, 'anthropic');
  });

  it('has exactly one family for every catalog model (family patterns do not overlap)', () => {
    for (const [id] of [...catalog, ...beyondCatalog]) {
      const matching = allFamilies.filter((f) => f.matches(id)).map((f) => f.id);
      assert.ok(matching.length <= 1, `${id}: ${matching.join(', ')}`);
    }
  });

  it('describes an unknown model plainly and points to request files with a native body', () => {
    const message = unknownModelMessage('acme.thing-v1');
    assert.match(message, /"acme\.thing-v1"/);
    assert.match(message, /not recognise/);
    assert.match(message, /\*\.bedrock\.json/);
    assert.match(message, /"body"/);
    assert.match(
      familyChoiceMessage('arn:aws:bedrock:us-east-1:1:application-inference-profile/x'),
      /Pick the model family/,
    );
  });
});
