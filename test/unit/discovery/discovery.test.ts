import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BedrockClients } from '../../../src/core/bedrock';
import { controlPlaneEndpoint } from '../../../src/core/bedrock/clients';
import { buildPickerEntries, failureOf, ModelDiscovery } from '../../../src/core/discovery';
import { classify } from '../../../src/core/errors';
import { startEmulator } from '../../emulator';
import type { RunningEmulator } from '../../emulator/types';

const KEY = { accessKeyId: 'AKIAEMULATOREXAMPLE', secretAccessKey: 'emulatorSecretKeyExample' };
const WEST_KEY = { accessKeyId: 'AKIADISCOVERYWEST01', secretAccessKey: 'discoveryWestSecretExample' };

describe('discovery against the emulator control plane', function () {
  let emulator: RunningEmulator;
  let dir: string;
  let clients: BedrockClients;

  before(async () => {
    emulator = await startEmulator({ credentials: [KEY, WEST_KEY] });
    dir = mkdtempSync(join(tmpdir(), 'bedrock-discovery-'));
    writeFileSync(join(dir, 'config'), '[profile east]\nregion = us-east-1\n\n[profile west]\nregion = us-west-2\n');
    writeFileSync(
      join(dir, 'credentials'),
      `[east]\naws_access_key_id = ${KEY.accessKeyId}\naws_secret_access_key = ${KEY.secretAccessKey}\n\n` +
        `[west]\naws_access_key_id = ${WEST_KEY.accessKeyId}\naws_secret_access_key = ${WEST_KEY.secretAccessKey}\n`,
    );
  });

  beforeEach(() => {
    clients = new BedrockClients({
      env: {},
      configFile: join(dir, 'config'),
      credentialsFile: join(dir, 'credentials'),
    });
  });

  afterEach(() => {
    clients.dispose();
    emulator.reset();
  });

  after(async () => {
    await emulator?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const east = () => ({ profile: 'east', endpoint: emulator.url });

  it("lists foundation models and both kinds of inference profiles, signed with the profile's key and region", async () => {
    const catalog = await new ModelDiscovery(clients).catalog({ profile: 'west', endpoint: emulator.url });
    assert.equal(catalog.source, 'live');
    assert.ok(
      catalog.models.some(
        (m) => m.modelId === 'anthropic.claude-3-5-haiku-20241022-v1:0' && !m.inferenceTypes.includes('ON_DEMAND'),
      ),
    );
    assert.ok(
      catalog.profiles.some(
        (p) => p.type === 'SYSTEM_DEFINED' && p.id === 'us.anthropic.claude-3-5-haiku-20241022-v1:0',
      ),
    );
    assert.ok(
      catalog.profiles.some(
        (p) => p.type === 'APPLICATION' && p.modelIds.includes('anthropic.claude-3-haiku-20240307-v1:0'),
      ),
    );
    const records = emulator.requests();
    assert.deepEqual(records.map((r) => r.operation).sort(), [
      'ListFoundationModels',
      'ListInferenceProfiles',
      'ListInferenceProfiles',
    ]);
    assert.ok(
      records.every((r) => r.region === 'us-west-2' && r.accessKeyId === WEST_KEY.accessKeyId && r.status === 200),
    );
  });

  it('offers a profile-only model as its inference profile IDs', async () => {
    const catalog = await new ModelDiscovery(clients).catalog(east());
    const offered = buildPickerEntries(catalog, { purpose: 'text' }).flatMap((e) =>
      e.type === 'model' ? [e.modelId] : [],
    );
    assert.ok(offered.includes('us.anthropic.claude-3-5-haiku-20241022-v1:0'));
    assert.ok(!offered.includes('anthropic.claude-3-5-haiku-20241022-v1:0'));
  });

  it('caches per profile and region, and lists again on refresh', async () => {
    const discovery = new ModelDiscovery(clients);
    await discovery.catalog(east());
    await discovery.catalog(east());
    assert.equal(emulator.requests().filter((r) => r.operation === 'ListFoundationModels').length, 1);
    await discovery.catalog({ ...east(), region: 'eu-west-1' });
    assert.deepEqual(
      emulator
        .requests()
        .filter((r) => r.operation === 'ListFoundationModels')
        .map((r) => r.region),
      ['us-east-1', 'eu-west-1'],
    );
    await discovery.catalog(east(), true);
    assert.equal(emulator.requests().filter((r) => r.operation === 'ListFoundationModels').length, 3);
    discovery.invalidate();
    await discovery.catalog(east());
    assert.equal(emulator.requests().filter((r) => r.operation === 'ListFoundationModels').length, 4);
  });

  it('falls back to the built-in list with the reason when listing is denied', async () => {
    emulator.addFault({
      fault: 'AccessDeniedException',
      operation: 'ListFoundationModels',
      message: 'User: arn:aws:iam::123456789012:user/dev is not authorized to perform: bedrock:ListFoundationModels',
    });
    const catalog = await new ModelDiscovery(clients).catalog(east());
    assert.equal(catalog.source, 'builtIn');
    assert.equal(catalog.failure?.errorName, 'AccessDeniedException');
    assert.match(catalog.failure!.reason, /Profile "east" in us-east-1 is not allowed to list models/);
    assert.ok(catalog.models.length > 10, 'the built-in list stands in');
  });

  it('says a profile could not assume its role, not that it may not list models, when STS refuses the role', () => {
    const refused = Object.assign(
      new Error(
        'User: arn:aws:iam::123456789012:user/dev is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::123456789012:role/x',
      ),
      { name: 'AccessDenied' },
    );
    const failure = failureOf(classify(refused, { profile: 'ops' }), {
      profile: 'ops',
      region: 'us-east-1',
      credentialSource: 'profile',
    });
    assert.equal(failure.kind, 'assumeRoleFailed');
    assert.match(
      failure.reason,
      /^Listing models failed for profile "ops" in us-east-1: Profile "ops" could not assume its role: /,
    );
    assert.doesNotMatch(failure.reason, /bedrock:ListFoundationModels/);
  });

  it('falls back to the built-in list when the control plane cannot be reached', async () => {
    const catalog = await new ModelDiscovery(clients).catalog({ profile: 'east', endpoint: 'http://127.0.0.1:9' });
    assert.equal(catalog.source, 'builtIn');
    assert.equal(catalog.failure?.kind, 'network');
    assert.match(catalog.failure!.reason, /ECONNREFUSED/);
  });

  it('gives up after the timeout and uses the built-in list', async () => {
    emulator.addFault({ fault: 'ThrottlingException', operation: 'ListFoundationModels', delayMs: 5_000 });
    const started = Date.now();
    const catalog = await new ModelDiscovery(clients, { timeoutMs: 300 }).catalog(east());
    assert.equal(catalog.source, 'builtIn');
    assert.ok(Date.now() - started < 3_000, `took ${Date.now() - started} ms`);
  });
});

describe('discovery: control-plane endpoint for a custom runtime endpoint', () => {
  it('maps the public runtime host to the control-plane host', () => {
    assert.equal(
      controlPlaneEndpoint('https://bedrock-runtime.us-east-1.amazonaws.com'),
      'https://bedrock.us-east-1.amazonaws.com',
    );
    assert.equal(
      controlPlaneEndpoint('https://bedrock-runtime-fips.us-east-1.amazonaws.com/'),
      'https://bedrock-fips.us-east-1.amazonaws.com',
    );
  });

  it('uses the public endpoint for a runtime VPC endpoint, and a proxy or emulator URL as it is', () => {
    assert.equal(
      controlPlaneEndpoint('https://vpce-0abc-1234.bedrock-runtime.us-east-1.vpce.amazonaws.com'),
      undefined,
    );
    assert.equal(controlPlaneEndpoint('http://127.0.0.1:4010'), 'http://127.0.0.1:4010');
  });
});
