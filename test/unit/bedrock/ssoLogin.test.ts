import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator } from '../../emulator';
import type { RunningEmulator } from '../../emulator/types';
import { runNode } from './childProcess';
import { cleanEnv } from './awsFiles';

const bedrockModule = join(__dirname, '../../../src/core/bedrock/index.js');
const SSO_ROLE_KEY = {
  accessKeyId: 'ASIASSOROLEEXAMPLE1',
  secretAccessKey: 'ssoRoleSecretExample',
  sessionToken: 'ssoRoleSessionTokenExample',
};
const GOOD_ACCESS_TOKEN = 'fresh-sso-access-token';

interface Step {
  ok: boolean;
  name?: string;
  message?: string;
  isSsoExpired?: boolean;
}

/**
 * The IAM Identity Center portal's GetRoleCredentials (no AWS here): accepts one access token, answers 401
 * UnauthorizedException to any other, as the real portal does for a token it no longer knows.
 */
function startFakeSsoPortal(): Promise<Server> {
  const server = createServer((req, res) => {
    const token = req.headers['x-amz-sso_bearer_token'];
    if (!req.url?.startsWith('/federation/credentials') || token !== GOOD_ACCESS_TOKEN) {
      res.writeHead(401, { 'content-type': 'application/json', 'x-amzn-errortype': 'UnauthorizedException' });
      res.end(JSON.stringify({ message: 'Session token not found or invalid' }));
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ roleCredentials: { ...SSO_ROLE_KEY, expiration: Date.now() + 3600_000 } }));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

// Runs in a child process: the SSO token cache is found through HOME only, and the SSO client's endpoint is
// redirected with AWS_ENDPOINT_URL_SSO; neither may be set in this process's env.
describe('bedrock: picking up a fresh `aws sso login` without a restart', function () {
  let emulator: RunningEmulator;
  let portal: Server;
  let home: string;

  before(async () => {
    emulator = await startEmulator({ credentials: [SSO_ROLE_KEY] });
    portal = await startFakeSsoPortal();
    home = mkdtempSync(join(tmpdir(), 'bedrock-sso-login-'));
    mkdirSync(join(home, '.aws', 'sso', 'cache'), { recursive: true });
    const config = (profile: string) =>
      [
        `[profile ${profile}]`,
        'sso_session = work-sso',
        'sso_account_id = 123456789012',
        'sso_role_name = Developer',
        'region = us-east-2',
        '',
        '[sso-session work-sso]',
        'sso_start_url = https://example-work.awsapps.com/start',
        'sso_region = us-east-1',
        '',
      ].join('\n');
    writeFileSync(join(home, '.aws', 'config'), config('work'));
    // Only this file knows the profile "away": a test using it fails if the file is not the one read.
    writeFileSync(join(home, 'elsewhere-config'), config('away'));
  });

  after(async () => {
    await emulator?.close();
    await new Promise((r) => portal?.close(r));
    rmSync(home, { recursive: true, force: true });
  });

  const cases = [
    { profile: 'work', where: '~/.aws/config', configFile: undefined as string | undefined },
    { profile: 'away', where: 'a config file given in the options', configFile: 'elsewhere-config' },
  ];
  for (const { profile, where, configFile: configName } of cases) {
    it(`fails with an SSO error while the cached token is stale, then succeeds on the same pool once it is renewed (${where})`, async () => {
      emulator.reset();
      const configFile = configName && join(home, configName);
      const cacheFile = join(
        home,
        '.aws',
        'sso',
        'cache',
        `${createHash('sha1').update('work-sso').digest('hex')}.json`,
      );
      const token = (accessToken: string) => ({
        accessToken,
        expiresAt: new Date(Date.now() + 3600_000).toISOString(),
        region: 'us-east-1',
      });
      // The portal no longer accepts this (unexpired) token: the case "Session token not found or invalid".
      writeFileSync(cacheFile, JSON.stringify(token('revoked-sso-access-token')));
      const script = `
      const fs = require('node:fs');
      const b = require(${JSON.stringify(bedrockModule)});
      const clients = new b.BedrockClients({ configFile: ${JSON.stringify(configFile)} });
      const settings = { profile: ${JSON.stringify(profile)}, endpoint: ${JSON.stringify(emulator.url)} };
      const request = { modelId: 'anthropic.claude-3-haiku-20240307-v1:0',
        body: JSON.stringify({ anthropic_version: 'bedrock-2023-05-31', max_tokens: 50, messages: [{ role: 'user', content: 'hi' }] }) };
      const attempt = () => clients.invoke(settings, request).then(
        () => ({ ok: true }),
        (err) => ({ ok: false, name: err.name, message: err.message, isSsoExpired: b.isSsoExpiredError(err) }));
      (async () => {
        const steps = [await attempt()];
        // What \`aws sso login\` does: write a new token into the cache.
        fs.writeFileSync(${JSON.stringify(cacheFile)}, ${JSON.stringify(JSON.stringify(token(GOOD_ACCESS_TOKEN)))});
        steps.push(await attempt());
        clients.dispose();
        process.stdout.write(JSON.stringify(steps));
      })();`;
      const portalUrl = `http://127.0.0.1:${(portal.address() as AddressInfo).port}`;
      const [stale, renewed] = await runNode<Step[]>(
        script,
        cleanEnv({ HOME: home, USERPROFILE: home, AWS_ENDPOINT_URL_SSO: portalUrl }),
      );
      assert.equal(stale.ok, false);
      assert.equal(stale.name, 'CredentialsProviderError');
      assert.match(stale.message ?? '', /Session token not found or invalid/);
      assert.equal(stale.isSsoExpired, true);
      assert.deepEqual(renewed, { ok: true });
      const [rec] = emulator.requests();
      assert.equal(emulator.requests().length, 1, 'only the renewed attempt reached Bedrock');
      assert.equal(rec.accessKeyId, SSO_ROLE_KEY.accessKeyId);
      assert.equal(rec.hasSessionToken, true);
      assert.equal(rec.region, 'us-east-2');
    });
  }
});
