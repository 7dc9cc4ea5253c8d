// Connection and credential errors as diagnostics, and selection runs: an expired SSO session signed in again from
// the quick fix (the login command is a script that writes a fresh token, as `aws sso login` does) and the request
// retried on its own; the same for an `aws login` (login_session) profile; environment credentials that override the profile; an unknown profile; a failed selection.
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { startEmulator } from '../emulator';
import type { RunningEmulator } from '../emulator/types';
import type { TextRunOutcome } from '../../src/features/services/runText';
import { emulator } from './support/emulator';
import { cleanSlate, editorWith, until, withSettings } from './support/workbench';
import {
  apply,
  diagnosticsOf,
  HAIKU_35,
  NOVA,
  noDiagnostics,
  openRequestFile,
  quickFixes,
  runRequest,
  textOf,
  titles,
} from './diagnosticsSupport';

const SSO_PROFILE = 'diagnostics-sso';
const SSO_SESSION = 'diagnostics-session';
const ROLE_KEY = {
  accessKeyId: 'ASIADIAGNOSTICSSSO01',
  secretAccessKey: 'diagnosticsSsoSecret',
  sessionToken: 'diagnosticsSsoSessionToken',
};
const FRESH_TOKEN = 'fresh-diagnostics-token';

/** IAM Identity Center's GetRoleCredentials: role credentials for the fresh token only, 401 for any other. */
function startPortal(): Promise<Server> {
  const server = createServer((req, res) => {
    if (!req.url?.startsWith('/federation/credentials') || req.headers['x-amz-sso_bearer_token'] !== FRESH_TOKEN) {
      res.writeHead(401, { 'content-type': 'application/json', 'x-amzn-errortype': 'UnauthorizedException' });
      res.end(JSON.stringify({ message: 'Session token not found or invalid' }));
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ roleCredentials: { ...ROLE_KEY, expiration: Date.now() + 3600_000 } }));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

async function pickInPicker(titlePart: string, accept: string): Promise<void> {
  await until(`a picker titled "${titlePart}"`, async () => {
    const s = await vscode.commands.executeCommand<{ busy: boolean; items: unknown[]; title?: string } | undefined>(
      '_bedrock.activePicker',
    );
    return s && !s.busy && s.items.length > 0 && s.title?.includes(titlePart) ? s : undefined;
  });
  await vscode.commands.executeCommand('_bedrock.activePicker', { accept });
}

/** The status bar menu's "Reload AWS Config and Model Lists": every client is made again. */
async function reloadClients(): Promise<void> {
  const done = vscode.commands.executeCommand('bedrock.switchConnection');
  await pickInPicker('AWS Profile and Region', '$(refresh) Reload AWS Config and Model Lists');
  await done;
}

describe('Diagnostics for credentials, connections and selections', () => {
  const clean = cleanSlate({ emulator: { fillerTokens: 4, pacing: { chunksPerSecond: 0, firstByteDelayMs: 0 } } });

  describe('an expired SSO session', () => {
    const awsConfig = path.join(os.homedir(), '.aws', 'config');
    const cacheFile = path.join(
      os.homedir(),
      '.aws',
      'sso',
      'cache',
      `${createHash('sha1').update(SSO_SESSION).digest('hex')}.json`,
    );
    let originalConfig = '';
    let ssoEmulator: RunningEmulator;
    let portal: Server;
    let loginScript: string;

    before(async () => {
      originalConfig = fs.readFileSync(awsConfig, 'utf8');
      fs.appendFileSync(
        awsConfig,
        [
          '',
          `[profile ${SSO_PROFILE}]`,
          `sso_session = ${SSO_SESSION}`,
          'sso_account_id = 123456789012',
          'sso_role_name = Developer',
          'region = us-east-1',
          '',
          `[sso-session ${SSO_SESSION}]`,
          'sso_start_url = https://diagnostics.awsapps.com/start',
          'sso_region = us-east-1',
          '',
        ].join('\n'),
      );
      fs.mkdirSync(path.dirname(cacheFile), { recursive: true });
      fs.writeFileSync(
        cacheFile,
        JSON.stringify({
          accessToken: 'expired-token',
          expiresAt: '2020-01-01T00:00:00Z',
          region: 'us-east-1',
          startUrl: 'https://diagnostics.awsapps.com/start',
        }),
      );
      // What `aws sso login` leaves behind: a fresh token in the cache.
      loginScript = path.join(os.tmpdir(), `bedrock-diagnostics-login-${process.pid}.js`);
      const fresh = {
        accessToken: FRESH_TOKEN,
        expiresAt: new Date(Date.now() + 3600_000).toISOString(),
        region: 'us-east-1',
        startUrl: 'https://diagnostics.awsapps.com/start',
      };
      fs.writeFileSync(
        loginScript,
        `require('fs').writeFileSync(${JSON.stringify(cacheFile)}, ${JSON.stringify(JSON.stringify(fresh))});\n`,
      );
      ssoEmulator = await startEmulator({ credentials: [ROLE_KEY], fillerTokens: 4 });
      portal = await startPortal();
      process.env.AWS_ENDPOINT_URL_SSO = `http://127.0.0.1:${(portal.address() as AddressInfo).port}`;
    });
    after(async () => {
      delete process.env.AWS_ENDPOINT_URL_SSO;
      fs.writeFileSync(awsConfig, originalConfig);
      fs.rmSync(cacheFile, { force: true });
      fs.rmSync(loginScript, { force: true });
      await ssoEmulator?.close();
      await new Promise((r) => portal?.close(r));
    });

    it('offers "Sign in (aws sso login --profile X)"; after the login command succeeds the request is retried and succeeds', async () => {
      await clean.settings({
        'bedrock.profile': SSO_PROFILE,
        'bedrock.endpoint': ssoEmulator.url,
        'bedrock.modelId': NOVA,
      });
      const document = await openRequestFile('sso.bedrock.json', { modelId: NOVA, prompt: 'Hello after signing in' });
      const report = await runRequest(document);
      assert.equal(report.problem?.kind, 'ssoExpired');
      const [diagnostic] = await diagnosticsOf(document.uri);
      assert.equal(diagnostic.range.start.line, 0);
      assert.match(diagnostic.message, new RegExp(`SSO session of profile "${SSO_PROFILE}" has expired`));
      assert.deepEqual(titles(await quickFixes(document.uri, diagnostic)), [
        `Sign in (aws sso login --profile ${SSO_PROFILE})`,
        'Switch AWS profile...',
      ]);
      assert.equal(ssoEmulator.requests().length, 0, 'nothing was sent with the expired session');

      const login = await withSettings({
        'bedrock.ssoLoginCommand': `"${process.execPath}" "${loginScript}" --profile \${profile}`,
      });
      try {
        const retried = (await apply(
          await quickFixes(document.uri, diagnostic),
          /^Sign in \(.*--profile diagnostics-sso\)$/,
        )) as Array<{ outcome: string }>;
        assert.equal(retried?.[0]?.outcome, 'completed');
      } finally {
        await login.restore();
      }
      const [sent] = ssoEmulator.requests();
      assert.equal(sent.accessKeyId, ROLE_KEY.accessKeyId, 'signed with the role credentials of the new session');
      await noDiagnostics(document.uri);
    });
  });

  describe('an expired `aws login` session', () => {
    const LOGIN_PROFILE = 'diagnostics-login';
    const LOGIN_SESSION = 'arn:aws:iam::123456789012:user/diagnostics';
    const LOGIN_KEY = {
      accessKeyId: 'ASIADIAGNOSTICSLOGIN',
      secretAccessKey: 'diagnosticsLoginSecret',
      sessionToken: 'diagnosticsLoginSessionToken',
    };
    const awsConfig = path.join(os.homedir(), '.aws', 'config');
    // Where @aws-sdk/credential-provider-login keeps a session: ~/.aws/login/cache/<sha256 of login_session>.json.
    const cacheFile = path.join(
      os.homedir(),
      '.aws',
      'login',
      'cache',
      `${createHash('sha256').update(LOGIN_SESSION).digest('hex')}.json`,
    );
    const token = (expiresAt: string) => ({
      accessToken: { ...LOGIN_KEY, accountId: '123456789012', expiresAt },
      tokenType: 'aws_sigv4',
      clientId: 'arn:aws:signin:::devtools/same-device',
      refreshToken: 'diagnostics-refresh-token',
      idToken: 'unused',
      // Not a key: a refresh with it fails at once, before anything is sent, as a revoked session would.
      dpopKey: 'not-a-pem-key',
    });
    let originalConfig = '';
    let loginEmulator: RunningEmulator;
    let loginScript: string;

    before(async () => {
      originalConfig = fs.readFileSync(awsConfig, 'utf8');
      fs.appendFileSync(
        awsConfig,
        ['', `[profile ${LOGIN_PROFILE}]`, `login_session = ${LOGIN_SESSION}`, 'region = us-east-1', ''].join('\n'),
      );
      fs.mkdirSync(path.dirname(cacheFile), { recursive: true });
      fs.writeFileSync(cacheFile, JSON.stringify(token('2020-01-01T00:00:00Z')));
      // What `aws login` leaves behind: a fresh session in the cache.
      loginScript = path.join(os.tmpdir(), `bedrock-diagnostics-aws-login-${process.pid}.js`);
      const fresh = token(new Date(Date.now() + 3600_000).toISOString());
      fs.writeFileSync(
        loginScript,
        `require('fs').writeFileSync(${JSON.stringify(cacheFile)}, ${JSON.stringify(JSON.stringify(fresh))});\n`,
      );
      loginEmulator = await startEmulator({ credentials: [LOGIN_KEY], fillerTokens: 4 });
      // Should a refresh get as far as the network, it goes nowhere.
      process.env.AWS_ENDPOINT_URL_SIGNIN = 'http://127.0.0.1:9';
    });
    after(async () => {
      delete process.env.AWS_ENDPOINT_URL_SIGNIN;
      fs.writeFileSync(awsConfig, originalConfig);
      fs.rmSync(cacheFile, { force: true });
      fs.rmSync(loginScript, { force: true });
      await loginEmulator?.close();
    });

    it('offers "Sign in (aws login --profile X)"; after the login command succeeds the request is retried and succeeds', async () => {
      await clean.settings({
        'bedrock.profile': LOGIN_PROFILE,
        'bedrock.endpoint': loginEmulator.url,
        'bedrock.modelId': NOVA,
      });
      const document = await openRequestFile('awslogin.bedrock.json', {
        modelId: NOVA,
        prompt: 'Hello after aws login',
      });
      const report = await runRequest(document);
      assert.equal(report.problem?.kind, 'expiredCredentials', report.problem?.message);
      const [diagnostic] = await diagnosticsOf(document.uri);
      assert.match(diagnostic.message, new RegExp(`sign-in session of profile "${LOGIN_PROFILE}" has expired`));
      assert.deepEqual(titles(await quickFixes(document.uri, diagnostic)), [
        `Sign in (aws login --profile ${LOGIN_PROFILE})`,
        'Switch AWS profile...',
        'Open AWS config',
      ]);
      assert.equal(loginEmulator.requests().length, 0, 'nothing was sent with the expired session');

      const login = await withSettings({
        'bedrock.awsLoginCommand': `"${process.execPath}" "${loginScript}" --profile \${profile}`,
      });
      try {
        const retried = (await apply(
          await quickFixes(document.uri, diagnostic),
          /^Sign in \(.*--profile diagnostics-login\)$/,
        )) as Array<{ outcome: string }>;
        assert.equal(retried?.[0]?.outcome, 'completed');
      } finally {
        await login.restore();
      }
      const [sent] = loginEmulator.requests();
      assert.equal(sent.accessKeyId, LOGIN_KEY.accessKeyId, 'signed with the credentials of the new session');
      await noDiagnostics(document.uri);
    });
  });

  it('says which environment variable overrides the profile; switching profile and rerunning succeeds', async () => {
    await clean.settings({ 'bedrock.modelId': NOVA });
    const document = await openRequestFile('env.bedrock.json', { modelId: NOVA, prompt: 'Hello' });
    process.env.AWS_BEARER_TOKEN_BEDROCK = 'ABSKnotARealKeyForTheDiagnosticsTest';
    let fixes: vscode.CodeAction[];
    try {
      // Clients are made with the environment of their time (as at VS Code's start): reload them to see the variable.
      await reloadClients();
      await runRequest(document);
      const [diagnostic] = await diagnosticsOf(document.uri);
      assert.match(
        diagnostic.message,
        /AWS_BEARER_TOKEN_BEDROCK is set in the environment, so requests are signed with it, not with profile "emulator"/,
      );
      fixes = await quickFixes(document.uri, diagnostic);
      assert.ok(titles(fixes).includes('Switch AWS profile...'), titles(fixes).join(' | '));
    } finally {
      delete process.env.AWS_BEARER_TOKEN_BEDROCK;
    }
    // Switching profile makes the profile's clients again, now without the variable.
    const switched = apply(fixes, 'Switch AWS profile...');
    await pickInPicker('Select AWS Profile', '$(check) emulator');
    await switched;
    assert.equal((await runRequest(document)).outcome, 'completed');
    await noDiagnostics(document.uri);
  });

  it('an unknown profile: Switch AWS profile and Open AWS config', async () => {
    const unknownProfile = await clean.settings({
      'bedrock.profile': 'no-such-profile',
      'bedrock.region': 'us-east-1',
      'bedrock.modelId': NOVA,
    });
    const document = await openRequestFile('noprofile.bedrock.json', { modelId: NOVA, prompt: 'Hello' });
    const report = await runRequest(document);
    assert.equal(report.problem?.kind, 'noCredentials');
    const [diagnostic] = await diagnosticsOf(document.uri);
    assert.match(diagnostic.message, /No credentials found for profile "no-such-profile"/);
    const fixes = await quickFixes(document.uri, diagnostic);
    assert.deepEqual(titles(fixes), ['Switch AWS profile...', 'Open AWS config']);
    await apply(fixes, 'Open AWS config');
    await until(
      '~/.aws/config in an editor',
      () => vscode.window.activeTextEditor?.document.uri.fsPath.endsWith(path.join('.aws', 'config')) || undefined,
    );
    await unknownProfile.restore();
    assert.equal((await runRequest(document)).outcome, 'completed');
    await noDiagnostics(document.uri);
  });

  it('a selection run: the diagnostic is on the selected text, and its fix sets the model and runs again', async () => {
    await clean.settings({ 'bedrock.modelId': HAIKU_35, 'bedrock.output': 'outputChannel' });
    const text = 'Explain inference profiles';
    const editor = await editorWith(`first line\n${text}\nlast line`, [[11, 11 + text.length]]);
    const outcome = await vscode.commands.executeCommand<TextRunOutcome>('bedrock.invokeSelection');
    assert.equal(outcome?.problem?.kind, 'onDemandNotSupported');
    const [diagnostic] = await diagnosticsOf(editor.document.uri);
    assert.equal(textOf(editor.document, diagnostic.range), text);
    const fixes = await quickFixes(editor.document.uri, diagnostic);
    assert.deepEqual(titles(fixes), [`Use inference profile us.${HAIKU_35}`, 'Select a model...']);
    const retried = (await apply(fixes, `Use inference profile us.${HAIKU_35}`)) as TextRunOutcome;
    assert.equal(retried.result.outcome, 'completed');
    assert.equal(vscode.workspace.getConfiguration('bedrock').get('modelId'), `us.${HAIKU_35}`);
    await noDiagnostics(editor.document.uri);
  });

  it("a selection run's diagnostic clears when the selected text is edited", async () => {
    await clean.settings({ 'bedrock.modelId': NOVA });
    const editor = await editorWith('please fail', [[0, 11]]);
    await emulator.fault({ fault: 'ServiceQuotaExceededException', count: 1 });
    await vscode.commands.executeCommand('bedrock.invokeSelection');
    const [diagnostic] = await diagnosticsOf(editor.document.uri);
    assert.deepEqual(titles(await quickFixes(editor.document.uri, diagnostic)), [
      'Open Service Quotas for Bedrock (us-east-1)',
    ]);
    await editor.edit((b) => b.insert(new vscode.Position(0, 6), ' do not'));
    await noDiagnostics(editor.document.uri);
  });

  it('says when the inference profiles offered come from the built-in list because listing failed', async () => {
    await clean.settings({ 'bedrock.modelId': NOVA });
    const document = await openRequestFile('builtin.bedrock.json', { modelId: HAIKU_35, prompt: 'Hello' });
    await reloadClients();
    await emulator.fault([
      { fault: 'AccessDeniedException', count: 10, operation: 'ListInferenceProfiles' },
      { fault: 'AccessDeniedException', count: 10, operation: 'ListFoundationModels' },
    ]);
    try {
      await runRequest(document);
      const [diagnostic] = await diagnosticsOf(document.uri);
      const offered = titles(await quickFixes(document.uri, diagnostic));
      assert.ok(
        offered.includes(`Use inference profile us.${HAIKU_35} (built-in list: listing the account's profiles failed)`),
        offered.join(' | '),
      );
    } finally {
      await emulator.reset();
      await reloadClients();
    }
  });
});
