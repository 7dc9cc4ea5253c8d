import * as assert from 'node:assert/strict';
import { BedrockClients } from '../../../src/core/bedrock';
import { BEARER_TOKEN, cleanEnv, ENV_KEY } from './awsFiles';

describe('BedrockClients.environmentOverrides', () => {
  const envKeys = { AWS_ACCESS_KEY_ID: ENV_KEY.accessKeyId, AWS_SECRET_ACCESS_KEY: ENV_KEY.secretAccessKey };

  it('reports nothing when no variable overrides the profile', () => {
    assert.deepEqual(new BedrockClients({ env: cleanEnv() }).environmentOverrides({ profile: 'dev' }), []);
  });

  it('reports AWS_BEARER_TOKEN_BEDROCK, naming the variable and the profile but never the token', () => {
    const clients = new BedrockClients({ env: cleanEnv({ AWS_BEARER_TOKEN_BEDROCK: BEARER_TOKEN }) });
    const [override, ...rest] = clients.environmentOverrides({ profile: 'dev' });
    assert.deepEqual(rest, []);
    assert.equal(override.variable, 'AWS_BEARER_TOKEN_BEDROCK');
    assert.match(override.message, /AWS_BEARER_TOKEN_BEDROCK/);
    assert.match(override.message, /"dev"/);
    assert.ok(!override.message.includes(BEARER_TOKEN));
  });

  it("names AWS_PROFILE's profile in the bearer message when the settings name none", () => {
    const clients = new BedrockClients({
      env: cleanEnv({ AWS_BEARER_TOKEN_BEDROCK: BEARER_TOKEN, AWS_PROFILE: 'fromenv' }),
    });
    assert.match(clients.environmentOverrides({})[0].message, /"fromenv"/);
  });

  it('reports AWS_ACCESS_KEY_ID when no profile is chosen, without printing the key', () => {
    const [override] = new BedrockClients({ env: cleanEnv(envKeys) }).environmentOverrides({});
    assert.equal(override.variable, 'AWS_ACCESS_KEY_ID');
    assert.match(override.message, /"default"/);
    assert.ok(!override.message.includes(ENV_KEY.accessKeyId));
    assert.ok(!override.message.includes(ENV_KEY.secretAccessKey));
  });

  it('does not report env keys once a profile is chosen in the settings or through AWS_PROFILE', () => {
    assert.deepEqual(new BedrockClients({ env: cleanEnv(envKeys) }).environmentOverrides({ profile: 'dev' }), []);
    assert.deepEqual(
      new BedrockClients({ env: cleanEnv({ ...envKeys, AWS_PROFILE: 'dev' }) }).environmentOverrides({}),
      [],
    );
  });
});
