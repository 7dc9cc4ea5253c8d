import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listProfiles, profileKind } from '../../../src/core/profiles';

describe("profiles: reading ~/.aws files with the SDK's loader", () => {
  let dir: string;
  let configFile: string;
  let credentialsFile: string;

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'bedrock-profiles-'));
    configFile = join(dir, 'config');
    credentialsFile = join(dir, 'credentials');
    writeFileSync(
      configFile,
      [
        '[default]',
        'region = eu-west-1',
        '[profile dev-sso]',
        'sso_session = corp',
        'sso_account_id = 123456789012',
        'sso_role_name = Dev',
        'region = us-east-1',
        '[sso-session corp]',
        'sso_start_url = https://corp.awsapps.com/start',
        'sso_region = us-east-1',
        '[profile legacy-sso]',
        'sso_start_url = https://old.awsapps.com/start',
        'sso_region = eu-west-1',
        '[profile deploy]',
        'role_arn = arn:aws:iam::123456789012:role/Deploy',
        'source_profile = default',
        'region = us-west-2',
        '[profile tool]',
        'credential_process = /usr/local/bin/get-creds --json',
        '[profile ci]',
        'role_arn = arn:aws:iam::123456789012:role/CI',
        'web_identity_token_file = /var/run/token',
        '[profile keys]',
        'region = ap-southeast-2',
        '[services local]',
        'bedrock =',
        '  endpoint_url = http://localhost:4010',
        '[not-a-profile-without-prefix]',
        'region = sa-east-1',
        '',
      ].join('\n'),
    );
    writeFileSync(
      credentialsFile,
      [
        '[default]',
        'aws_access_key_id = AKIADEFAULTEXAMPLE1',
        'aws_secret_access_key = defaultSecretExample',
        '[keys]',
        'aws_access_key_id = AKIAKEYSEXAMPLE0001',
        'aws_secret_access_key = keysSecretExample',
        'region = ca-central-1',
        '[only-credentials]',
        'aws_access_key_id = AKIAONLYCREDENTIALS',
        'aws_secret_access_key = onlySecretExample',
        '',
      ].join('\n'),
    );
  });

  after(() => rmSync(dir, { recursive: true, force: true }));

  it('lists every profile of both files with its kind and region, default first; sso-session and services sections are not profiles', async () => {
    const profiles = await listProfiles({ configFile, credentialsFile }, {});
    assert.deepEqual(
      profiles.map((p) => [p.name, p.kind, p.region ?? null]),
      [
        ['default', 'static', 'eu-west-1'],
        ['ci', 'web-identity', null],
        ['deploy', 'role', 'us-west-2'],
        ['dev-sso', 'sso', 'us-east-1'],
        ['keys', 'static', 'ca-central-1'],
        ['legacy-sso', 'sso', null],
        ['only-credentials', 'static', null],
        ['tool', 'process', null],
      ],
    );
  });

  it('takes the region from the credentials file first, as the SDK does', async () => {
    const keys = (await listProfiles({ configFile, credentialsFile }, {})).find((p) => p.name === 'keys')!;
    assert.equal(keys.region, 'ca-central-1');
    assert.deepEqual(keys.files, ['config', 'credentials']);
  });

  it('names the SSO session of a profile that uses one', async () => {
    const sso = (await listProfiles({ configFile, credentialsFile }, {})).find((p) => p.name === 'dev-sso')!;
    assert.equal(sso.ssoSession, 'corp');
  });

  it('reads the files AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE name', async () => {
    const profiles = await listProfiles(
      {},
      { AWS_CONFIG_FILE: configFile, AWS_SHARED_CREDENTIALS_FILE: credentialsFile },
    );
    assert.ok(profiles.some((p) => p.name === 'dev-sso') && profiles.some((p) => p.name === 'only-credentials'));
  });

  it('sees a profile added after the first read', async () => {
    const extra = join(dir, 'config-extra');
    writeFileSync(extra, '[profile first]\nregion = us-east-1\n');
    assert.deepEqual(
      (await listProfiles({ configFile: extra, credentialsFile: join(dir, 'none') }, {})).map((p) => p.name),
      ['first'],
    );
    writeFileSync(extra, '[profile first]\nregion = us-east-1\n[profile second]\nregion = us-east-2\n');
    assert.deepEqual(
      (await listProfiles({ configFile: extra, credentialsFile: join(dir, 'none') }, {})).map((p) => p.name),
      ['first', 'second'],
    );
  });

  it('returns no profiles when neither file exists', async () => {
    assert.deepEqual(
      await listProfiles({ configFile: join(dir, 'missing'), credentialsFile: join(dir, 'missing2') }, {}),
      [],
    );
  });
});

describe("profiles: kind in fromIni's order", () => {
  it('prefers assume-role over keys, and keys over a credential process or SSO fields', () => {
    assert.equal(
      profileKind({ role_arn: 'r', source_profile: 'default', aws_access_key_id: 'a', aws_secret_access_key: 's' }),
      'role',
    );
    assert.equal(
      profileKind({ aws_access_key_id: 'a', aws_secret_access_key: 's', credential_process: 'x', sso_session: 'y' }),
      'static',
    );
    assert.equal(profileKind({ credential_process: 'x', sso_session: 'y' }), 'process');
    assert.equal(profileKind({ login_session: 'arn:aws:iam::1:user/x' }), 'login');
    assert.equal(profileKind({ region: 'us-east-1' }), 'unknown');
    // role_arn alone (no source) is not an assume-role profile for fromIni.
    assert.equal(profileKind({ role_arn: 'r' }), 'unknown');
  });
});
