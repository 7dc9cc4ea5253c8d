import assert from 'node:assert/strict';
import {
  GetFoundationModelCommand, GetInferenceProfileCommand, ListFoundationModelsCommand, ListInferenceProfilesCommand,
  paginateListInferenceProfiles, ResourceNotFoundException, type ListFoundationModelsCommandInput,
} from '@aws-sdk/client-bedrock';
import { APPLICATION_PROFILE_ARN, MODELS, PROFILES } from '../../emulator';
import { controlClient, PROTOCOLS, rejection, useEmulator } from './helpers';

describe('emulator control plane (@aws-sdk/client-bedrock)', () => {
  const emu = useEmulator();

  for (const protocol of PROTOCOLS) {
    describe(protocol, () => {
      it('ListFoundationModels returns the whole catalog with the SDK-parsed fields', async () => {
        const client = controlClient(emu(), protocol, 'eu-west-1');
        const { modelSummaries = [] } = await client.send(new ListFoundationModelsCommand({}));
        assert.equal(modelSummaries.length, MODELS.length);
        const haiku = modelSummaries.find((m) => m.modelId === 'anthropic.claude-3-haiku-20240307-v1:0');
        assert.equal(haiku?.modelArn, 'arn:aws:bedrock:eu-west-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0');
        assert.equal(haiku?.providerName, 'Anthropic');
        assert.equal(haiku?.responseStreamingSupported, true);
        assert.deepEqual(haiku?.inferenceTypesSupported, ['ON_DEMAND']);
        assert.equal(haiku?.modelLifecycle?.status, 'ACTIVE');
        const rec = emu().requests()[0];
        assert.deepEqual([rec.operation, rec.region, rec.authType, rec.httpVersion], ['ListFoundationModels', 'eu-west-1', 'sigv4', protocol === 'h2' ? '2' : '1.1']);
        client.destroy();
      });

      it('ListFoundationModels filters by provider, output modality, inference type and customization', async () => {
        const client = controlClient(emu(), protocol);
        const ids = async (input: ListFoundationModelsCommandInput) =>
          ((await client.send(new ListFoundationModelsCommand(input))).modelSummaries ?? []).map((m) => m.modelId).sort();
        assert.deepEqual(await ids({ byProvider: 'Anthropic' }), MODELS.filter((m) => m.providerName === 'Anthropic').map((m) => m.modelId).sort());
        assert.deepEqual(await ids({ byOutputModality: 'EMBEDDING' }), ['amazon.titan-embed-text-v2:0', 'cohere.embed-english-v3']);
        assert.deepEqual(await ids({ byOutputModality: 'IMAGE' }), ['amazon.nova-canvas-v1:0', 'amazon.titan-image-generator-v2:0', 'stability.sd3-5-large-v1:0']);
        const onDemand = await ids({ byInferenceType: 'ON_DEMAND' });
        assert.ok(onDemand.includes('amazon.nova-micro-v1:0') && !onDemand.includes('deepseek.r1-v1:0'));
        assert.deepEqual(await ids({ byCustomizationType: 'CONTINUED_PRE_TRAINING' }), ['amazon.titan-text-express-v1', 'amazon.titan-text-lite-v1']);
        assert.deepEqual(await ids({ byProvider: 'meta', byInferenceType: 'ON_DEMAND' }), ['meta.llama3-8b-instruct-v1:0']);
        client.destroy();
      });

      it('GetFoundationModel by ID and by ARN; unknown -> ResourceNotFoundException', async () => {
        const client = controlClient(emu(), protocol);
        const { modelDetails } = await client.send(new GetFoundationModelCommand({ modelIdentifier: 'deepseek.r1-v1:0' }));
        assert.deepEqual(modelDetails?.inferenceTypesSupported, ['INFERENCE_PROFILE']);
        const byArn = await client.send(new GetFoundationModelCommand({ modelIdentifier: 'arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-pro-v1:0' }));
        assert.equal(byArn.modelDetails?.modelName, 'Nova Pro');
        const err = await rejection(client.send(new GetFoundationModelCommand({ modelIdentifier: 'nope.nope-v1:0' })));
        assert.ok(err instanceof ResourceNotFoundException);
        client.destroy();
      });

      it('ListInferenceProfiles pages with maxResults/nextToken through every system profile exactly once', async () => {
        const client = controlClient(emu(), protocol);
        const pages: string[][] = [];
        for await (const page of paginateListInferenceProfiles({ client, pageSize: 4 }, {})) {
          pages.push((page.inferenceProfileSummaries ?? []).map((p) => p.inferenceProfileId ?? ''));
        }
        const system = PROFILES.filter((p) => p.type === 'SYSTEM_DEFINED').map((p) => p.inferenceProfileId);
        assert.ok(pages.length > 1 && pages.every((p) => p.length <= 4));
        assert.deepEqual(pages.flat(), system);
        assert.ok(emu().requests().every((r) => /maxResults=4/.test(r.path)));
        client.destroy();
      });

      it('ListInferenceProfiles typeEquals APPLICATION and the summary fields', async () => {
        const client = controlClient(emu(), protocol);
        const app = await client.send(new ListInferenceProfilesCommand({ typeEquals: 'APPLICATION' }));
        assert.deepEqual(app.inferenceProfileSummaries?.map((p) => p.inferenceProfileArn), [APPLICATION_PROFILE_ARN]);
        assert.equal(app.nextToken, undefined);
        const sys = await client.send(new ListInferenceProfilesCommand({ typeEquals: 'SYSTEM_DEFINED', maxResults: 100 }));
        const us = sys.inferenceProfileSummaries?.find((p) => p.inferenceProfileId === 'us.anthropic.claude-3-5-haiku-20241022-v1:0');
        assert.equal(us?.type, 'SYSTEM_DEFINED');
        assert.equal(us?.status, 'ACTIVE');
        assert.ok(us?.createdAt instanceof Date);
        assert.ok((us?.models?.length ?? 0) >= 2);
        assert.match(String(us?.models?.[0].modelArn), /^arn:aws:bedrock:[a-z0-9-]+::foundation-model\/anthropic\.claude-3-5-haiku-20241022-v1:0$/);
        client.destroy();
      });

      it('control-plane faults apply only when named by operation, and are retried like any SDK call', async () => {
        emu().addFault({ fault: 'ThrottlingException', operation: 'ListInferenceProfiles', count: 1 });
        const client = controlClient(emu(), protocol);
        await client.send(new ListFoundationModelsCommand({}));
        const page = await client.send(new ListInferenceProfilesCommand({}));
        assert.ok((page.inferenceProfileSummaries?.length ?? 0) > 0);
        assert.deepEqual(emu().requests().map((r) => [r.operation, r.status]), [['ListFoundationModels', 200], ['ListInferenceProfiles', 429], ['ListInferenceProfiles', 200]]);
        client.destroy();
      });

      it('GetInferenceProfile by ID and by ARN; unknown -> ResourceNotFoundException', async () => {
        const client = controlClient(emu(), protocol);
        const byId = await client.send(new GetInferenceProfileCommand({ inferenceProfileIdentifier: 'eu.amazon.nova-lite-v1:0' }));
        assert.equal(byId.inferenceProfileArn, 'arn:aws:bedrock:us-east-1:123456789012:inference-profile/eu.amazon.nova-lite-v1:0');
        const app = await client.send(new GetInferenceProfileCommand({ inferenceProfileIdentifier: APPLICATION_PROFILE_ARN }));
        assert.equal(app.type, 'APPLICATION');
        assert.match(String(app.models?.[0].modelArn), /anthropic\.claude-3-haiku-20240307-v1:0$/);
        const err = await rejection(client.send(new GetInferenceProfileCommand({ inferenceProfileIdentifier: 'xx.nothing' })));
        assert.ok(err instanceof ResourceNotFoundException);
        client.destroy();
      });
    });
  }
});
