import assert from 'node:assert/strict';
import {
  GetFoundationModelCommand,
  GetInferenceProfileCommand,
  ListFoundationModelsCommand,
  ListInferenceProfilesCommand,
  paginateListInferenceProfiles,
  ResourceNotFoundException,
  type ListFoundationModelsCommandInput,
} from '@aws-sdk/client-bedrock';
import { APPLICATION_PROFILE_ARN, MODELS, PROFILES } from '../../emulator';
import { modelSummary, profileSummary } from '../../emulator/controlPlane';
import { violations } from '../../emulator/serviceModel';
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
        assert.equal(
          haiku?.modelArn,
          'arn:aws:bedrock:eu-west-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0',
        );
        assert.equal(haiku?.providerName, 'Anthropic');
        assert.equal(haiku?.responseStreamingSupported, true);
        assert.deepEqual(haiku?.inferenceTypesSupported, ['ON_DEMAND']);
        assert.equal(haiku?.modelLifecycle?.status, 'ACTIVE');
        const rec = emu().requests()[0];
        assert.deepEqual(
          [rec.operation, rec.region, rec.authType, rec.httpVersion],
          ['ListFoundationModels', 'eu-west-1', 'sigv4', protocol === 'h2' ? '2' : '1.1'],
        );
        client.destroy();
      });

      it('ListFoundationModels filters by provider, output modality, inference type and customization', async () => {
        const client = controlClient(emu(), protocol);
        const ids = async (input: ListFoundationModelsCommandInput) =>
          ((await client.send(new ListFoundationModelsCommand(input))).modelSummaries ?? [])
            .map((m) => m.modelId)
            .sort();
        assert.deepEqual(
          await ids({ byProvider: 'Anthropic' }),
          MODELS.filter((m) => m.providerName === 'Anthropic')
            .map((m) => m.modelId)
            .sort(),
        );
        assert.deepEqual(await ids({ byOutputModality: 'EMBEDDING' }), [
          'amazon.titan-embed-text-v2:0',
          'cohere.embed-english-v3',
        ]);
        assert.deepEqual(await ids({ byProvider: 'cohere', byOutputModality: 'EMBEDDING' }), [
          'cohere.embed-english-v3',
        ]);
        assert.deepEqual(await ids({ byOutputModality: 'IMAGE' }), [
          'amazon.nova-canvas-v1:0',
          'amazon.titan-image-generator-v2:0',
          'stability.sd3-5-large-v1:0',
        ]);
        const onDemand = await ids({ byInferenceType: 'ON_DEMAND' });
        assert.ok(onDemand.includes('amazon.nova-micro-v1:0') && !onDemand.includes('deepseek.r1-v1:0'));
        assert.ok(!onDemand.includes('amazon.nova-lite-v1:0:300k'), 'a provisioned variant is not on demand');
        // Provisioned Throughput is bought for the context-window variants, listed as models of their own.
        assert.deepEqual(await ids({ byInferenceType: 'PROVISIONED' }), [
          'amazon.nova-lite-v1:0:300k',
          'amazon.titan-text-express-v1:0:8k',
          'anthropic.claude-3-haiku-20240307-v1:0:200k',
        ]);
        assert.deepEqual(await ids({ byCustomizationType: 'CONTINUED_PRE_TRAINING' }), [
          'amazon.titan-text-express-v1',
          'amazon.titan-text-express-v1:0:8k',
          'amazon.titan-text-lite-v1',
        ]);
        assert.deepEqual(await ids({ byProvider: 'meta', byInferenceType: 'ON_DEMAND' }), [
          'meta.llama3-8b-instruct-v1:0',
        ]);
        client.destroy();
      });

      it('GetFoundationModel by ID and by ARN; unknown -> ResourceNotFoundException', async () => {
        const client = controlClient(emu(), protocol);
        const { modelDetails } = await client.send(
          new GetFoundationModelCommand({ modelIdentifier: 'deepseek.r1-v1:0' }),
        );
        // Profile-only: no on-demand throughput, and INFERENCE_PROFILE is not in the modeled enum.
        assert.deepEqual(modelDetails?.inferenceTypesSupported, []);
        const byArn = await client.send(
          new GetFoundationModelCommand({
            modelIdentifier: 'arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-pro-v1:0',
          }),
        );
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
        assert.ok(
          emu()
            .requests()
            .every((r) => /maxResults=4/.test(r.path)),
        );
        client.destroy();
      });

      it('ListInferenceProfiles typeEquals APPLICATION and the summary fields', async () => {
        const client = controlClient(emu(), protocol);
        const app = await client.send(new ListInferenceProfilesCommand({ typeEquals: 'APPLICATION' }));
        assert.deepEqual(
          app.inferenceProfileSummaries?.map((p) => p.inferenceProfileArn),
          [APPLICATION_PROFILE_ARN],
        );
        assert.equal(app.nextToken, undefined);
        const sys = await client.send(
          new ListInferenceProfilesCommand({ typeEquals: 'SYSTEM_DEFINED', maxResults: 100 }),
        );
        const us = sys.inferenceProfileSummaries?.find(
          (p) => p.inferenceProfileId === 'us.anthropic.claude-3-5-haiku-20241022-v1:0',
        );
        assert.equal(us?.type, 'SYSTEM_DEFINED');
        assert.equal(us?.status, 'ACTIVE');
        assert.ok(us?.createdAt instanceof Date);
        assert.ok((us?.models?.length ?? 0) >= 2);
        assert.match(
          String(us?.models?.[0].modelArn),
          /^arn:aws:bedrock:[a-z0-9-]+::foundation-model\/anthropic\.claude-3-5-haiku-20241022-v1:0$/,
        );
        client.destroy();
      });

      it('control-plane faults apply only when named by operation, and are retried like any SDK call', async () => {
        emu().addFault({ fault: 'ThrottlingException', operation: 'ListInferenceProfiles', count: 1 });
        const client = controlClient(emu(), protocol);
        await client.send(new ListFoundationModelsCommand({}));
        const page = await client.send(new ListInferenceProfilesCommand({}));
        assert.ok((page.inferenceProfileSummaries?.length ?? 0) > 0);
        assert.deepEqual(
          emu()
            .requests()
            .map((r) => [r.operation, r.status]),
          [
            ['ListFoundationModels', 200],
            ['ListInferenceProfiles', 429],
            ['ListInferenceProfiles', 200],
          ],
        );
        client.destroy();
      });

      it('GetInferenceProfile by ID and by ARN; unknown -> ResourceNotFoundException', async () => {
        const client = controlClient(emu(), protocol);
        const byId = await client.send(
          new GetInferenceProfileCommand({ inferenceProfileIdentifier: 'eu.amazon.nova-lite-v1:0' }),
        );
        assert.equal(
          byId.inferenceProfileArn,
          'arn:aws:bedrock:us-east-1:123456789012:inference-profile/eu.amazon.nova-lite-v1:0',
        );
        const app = await client.send(
          new GetInferenceProfileCommand({ inferenceProfileIdentifier: APPLICATION_PROFILE_ARN }),
        );
        assert.equal(app.type, 'APPLICATION');
        assert.match(String(app.models?.[0].modelArn), /anthropic\.claude-3-haiku-20240307-v1:0$/);
        const err = await rejection(
          client.send(new GetInferenceProfileCommand({ inferenceProfileIdentifier: 'xx.nothing' })),
        );
        assert.ok(err instanceof ResourceNotFoundException);
        client.destroy();
      });
    });
  }

  it('request parameters are checked against the bedrock service model: enums, patterns, ranges, every violation in one ValidationException', async () => {
    const client = controlClient(emu(), 'http1');
    const bad = await rejection(
      client.send(new ListFoundationModelsCommand({ byOutputModality: 'VIDEO' as never, byProvider: 'no/such' })),
    );
    assert.equal(bad.name, 'ValidationException');
    assert.match(
      bad.message,
      /^2 validation errors detected: Value 'no\/such' at 'byProvider' failed to satisfy constraint: Member must satisfy regular expression pattern: \[A-Za-z0-9- \]\{1,63\}; Value 'VIDEO' at 'byOutputModality' failed to satisfy constraint: Member must satisfy enum value set: \[TEXT, IMAGE, EMBEDDING\]$/,
    );
    const range = await rejection(client.send(new ListInferenceProfilesCommand({ maxResults: 1001 })));
    assert.match(
      range.message,
      /Value '1001' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 1000/,
    );
    const arn = await rejection(
      client.send(
        new GetFoundationModelCommand({
          modelIdentifier: 'arn:aws:bedrock:us-east-1:123456789012:foundation-model/amazon.nova-pro-v1:0',
        }),
      ),
    );
    assert.match(
      arn.message,
      /at 'modelIdentifier' failed to satisfy constraint: Member must satisfy regular expression pattern/,
    );
    const profile = await rejection(
      client.send(new GetInferenceProfileCommand({ inferenceProfileIdentifier: 'us.claude sonnet' })),
    );
    assert.match(profile.message, /at 'inferenceProfileIdentifier' failed to satisfy constraint/);
    client.destroy();
  });

  it('a nextToken is good for its own listing only', async () => {
    const client = controlClient(emu(), 'http1');
    const first = await client.send(new ListInferenceProfilesCommand({ maxResults: 1 }));
    assert.ok(first.nextToken);
    const wrongType = await rejection(
      client.send(
        new ListInferenceProfilesCommand({ maxResults: 1, typeEquals: 'APPLICATION', nextToken: first.nextToken }),
      ),
    );
    assert.equal(wrongType.name, 'ValidationException');
    const garbage = await rejection(client.send(new ListInferenceProfilesCommand({ nextToken: 'bm90LWEtdG9rZW4=' })));
    assert.equal(garbage.message, 'The pagination token is invalid.');
    client.destroy();
  });

  it("every catalog model and profile, as answered, fits the bedrock service model's output shapes (lengths, enums, patterns)", () => {
    const problems = [
      ...MODELS.flatMap((m) =>
        violations(modelSummary(m, 'us-east-1'), 'FoundationModelSummary', { service: 'bedrock', at: m.modelId }),
      ),
      ...PROFILES.flatMap((p) =>
        violations(profileSummary(p, 'ap-southeast-2'), 'InferenceProfileSummary', {
          service: 'bedrock',
          at: p.inferenceProfileId,
        }),
      ),
    ];
    assert.deepEqual(problems, []);
  });
});
