import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runNode } from './childProcess';
import { cleanEnv } from './awsFiles';

const bedrockModule = join(__dirname, '../../../src/core/bedrock/index.js');
const START_URL = 'https://example-corp.awsapps.com/start';

interface Outcome {
  connection: { profile: string; region: string; ssoSession?: string };
  name: string;
  message: string;
  isSsoExpired: boolean;
  isNoCredentials: boolean;
  command: string;
}

// The SSO token cache path comes from HOME and nothing else (no provider option), and this process's env must
// not change, so each case runs in a child process whose HOME is a throwaway directory.
describe('bedrock: SSO profiles whose login has expired', function () {
  let home: string;

  before(() => {
    home = mkdtempSync(join(tmpdir(), 'bedrock-sso-home-'));
    const aws = join(home, '.aws');
    mkdirSync(join(aws, 'sso', 'cache'), { recursive: true });
    writeFileSync(
      join(aws, 'config'),
      [
        '[profile legacy]',
        `sso_start_url = ${START_URL}`,
        'sso_region = us-east-1',
        'sso_account_id = 123456789012',
        'sso_role_name = Developer',
        'region = us-west-2',
        '',
        '[profile modern]',
        'sso_session = corp',
        'sso_account_id = 123456789012',
        'sso_role_name = Developer',
        'region = eu-central-1',
        '',
        '[profile nologin]',
        'sso_session = never',
        'sso_account_id = 123456789012',
        'sso_role_name = Developer',
        'region = eu-central-1',
        '',
        '[sso-session corp]',
        `sso_start_url = ${START_URL}`,
        'sso_region = us-east-1',
        'sso_registration_scopes = sso:account:access',
        '',
        '[sso-session never]',
        `sso_start_url = ${START_URL}`,
        'sso_region = us-east-1',
        '',
      ].join('\n'),
    );
    const expired = {
      accessToken: 'expired-access-token',
      expiresAt: '2020-01-01T00:00:00Z',
      region: 'us-east-1',
      startUrl: START_URL,
    };
    // Cache file names: sha1 of the start URL (legacy profiles) or of the sso-session name.
    writeFileSync(join(aws, 'sso', 'cache', `${sha1(START_URL)}.json`), JSON.stringify(expired));
    writeFileSync(join(aws, 'sso', 'cache', `${sha1('corp')}.json`), JSON.stringify(expired));
  });

  after(() => rmSync(home, { recursive: true, force: true }));

  function invokeAs(profile: string): Promise<Outcome> {
    const script = `
      const b = require(${JSON.stringify(bedrockModule)});
      const clients = new b.BedrockClients();
      const settings = { profile: ${JSON.stringify(profile)}, endpoint: 'http://127.0.0.1:9' };
      (async () => {
        const connection = await clients.resolve(settings);
        try {
          await clients.invoke(settings, { modelId: 'anthropic.claude-3-haiku-20240307-v1:0', body: '{}' });
          throw new Error('invoke succeeded');
        } catch (err) {
          process.stdout.write(JSON.stringify({
            connection, name: err.name, message: err.message,
            isSsoExpired: b.isSsoExpiredError(err), isNoCredentials: b.isNoCredentialsError(err),
            command: b.ssoLoginCommand(connection),
          }));
        } finally { clients.dispose(); }
      })();`;
    return runNode<Outcome>(script, cleanEnv({ HOME: home, USERPROFILE: home }));
  }

  it('legacy sso_start_url profile: expired token is an SSO error, fixed by aws sso login --profile', async () => {
    const outcome = await invokeAs('legacy');
    assert.equal(outcome.name, 'CredentialsProviderError');
    assert.match(outcome.message, /run aws sso login/);
    assert.equal(outcome.isSsoExpired, true);
    assert.equal(outcome.isNoCredentials, false);
    assert.equal(outcome.command, 'aws sso login --profile legacy');
    assert.deepEqual(outcome.connection, {
      profile: 'legacy',
      region: 'us-west-2',
      endpoint: 'http://127.0.0.1:9',
      credentialSource: 'profile',
    });
  });

  it('sso-session profile: expired token is an SSO error, fixed by aws sso login --sso-session', async () => {
    const outcome = await invokeAs('modern');
    assert.equal(outcome.name, 'CredentialsProviderError');
    assert.match(outcome.message, /run 'aws sso login'/);
    assert.equal(outcome.isSsoExpired, true);
    assert.equal(outcome.connection.ssoSession, 'corp');
    assert.equal(outcome.command, 'aws sso login --sso-session corp');
  });

  it('sso-session profile that never logged in (no cache file) is an SSO error too', async () => {
    const outcome = await invokeAs('nologin');
    assert.equal(outcome.name, 'CredentialsProviderError');
    assert.equal(outcome.isSsoExpired, true);
    assert.equal(outcome.command, 'aws sso login --sso-session never');
  });
});

function sha1(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}
