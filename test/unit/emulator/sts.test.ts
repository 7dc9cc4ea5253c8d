import assert from 'node:assert/strict';
import { fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import { SignatureV4 } from '@smithy/signature-v4';
import { Sha256 } from '@smithy/core/checksum';
import { HttpRequest } from '@smithy/core/protocols';
import { DEFAULT_ACCESS_KEY_ID, DEFAULT_SECRET_ACCESS_KEY } from '../../emulator';
import { claudeBody, invokeJson, rejection, runtimeClient, useEmulator } from './helpers';

const MODEL = 'anthropic.claude-3-haiku-20240307-v1:0';
const ROLE_ARN = 'arn:aws:iam::123456789012:role/team/BedrockInvoke';
const SOURCE = { accessKeyId: DEFAULT_ACCESS_KEY_ID, secretAccessKey: DEFAULT_SECRET_ACCESS_KEY };

describe("emulator STS (AssumeRole, through the SDK's own STS client)", () => {
  const emu = useEmulator();

  const assume = (
    params: { RoleArn: string; RoleSessionName?: string; DurationSeconds?: number },
    masterCredentials = SOURCE,
  ) =>
    fromTemporaryCredentials({
      params,
      masterCredentials,
      clientConfig: { endpoint: emu().url, region: 'us-east-1', maxAttempts: 1 },
    })();

  it('hands out temporary keys for the role, which Bedrock calls then accept with their session token', async () => {
    const credentials = await assume({ RoleArn: ROLE_ARN, RoleSessionName: 'tests', DurationSeconds: 900 });
    assert.match(credentials.accessKeyId, /^ASIA[0-9A-F]{16}$/);
    assert.ok(credentials.sessionToken);
    const minutes = ((credentials.expiration?.getTime() ?? 0) - Date.now()) / 60_000;
    assert.ok(minutes > 14 && minutes <= 15, `expires in ${minutes} minutes`);
    const [call] = emu().requests();
    assert.deepEqual([call.operation, call.status, call.accessKeyId], ['AssumeRole', 200, DEFAULT_ACCESS_KEY_ID]);
    assert.equal(new URLSearchParams(String(call.body)).get('RoleArn'), ROLE_ARN);

    const client = runtimeClient(emu(), 'h2', {
      credentials: {
        accessKeyId: credentials.accessKeyId,
        secretAccessKey: credentials.secretAccessKey,
        sessionToken: credentials.sessionToken,
      },
    });
    await invokeJson(client, MODEL, claudeBody('as the role'));
    const invoke = emu().requests()[1];
    assert.deepEqual([invoke.status, invoke.accessKeyId, invoke.hasSessionToken], [200, credentials.accessKeyId, true]);
    client.destroy();
  });

  it("rejects an unknown source key with InvalidClientTokenId, in STS's XML error shape", async () => {
    const err = await rejection(
      assume(
        { RoleArn: ROLE_ARN, RoleSessionName: 'tests' },
        { accessKeyId: 'AKIAUNKNOWNEXAMPLE', secretAccessKey: 'x' },
      ),
    );
    assert.equal(err.name, 'InvalidClientTokenId');
    assert.equal(err.message, 'The security token included in the request is invalid.');
    assert.equal(emu().requests()[0].status, 403);
  });

  it('rejects a wrong secret with SignatureDoesNotMatch', async () => {
    const err = await rejection(
      assume({ RoleArn: ROLE_ARN, RoleSessionName: 'tests' }, { ...SOURCE, secretAccessKey: 'wrong' }),
    );
    assert.equal(err.name, 'SignatureDoesNotMatch');
  });

  it('rejects a malformed role ARN and an out-of-range duration with ValidationError', async () => {
    const bad = await rejection(assume({ RoleArn: 'arn:aws:iam::123:role/x', RoleSessionName: 'tests' }));
    assert.equal(bad.name, 'ValidationError');
    assert.match(bad.message, /arn:aws:iam::123:role\/x is invalid/);
    const long = await rejection(assume({ RoleArn: ROLE_ARN, RoleSessionName: 'tests', DurationSeconds: 60 }));
    assert.equal(long.name, 'ValidationError');
    assert.match(long.message, /between 900 and 43200/);
  });

  it('answers an unsigned call with MissingAuthenticationToken and one signed for Bedrock with a wrong-scope error', async () => {
    const form =
      'Action=AssumeRole&Version=2011-06-15&RoleArn=' + encodeURIComponent(ROLE_ARN) + '&RoleSessionName=tests';
    const unsigned = await fetch(`${emu().url}/`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form,
    });
    assert.equal(unsigned.status, 403);
    assert.match(unsigned.headers.get('content-type') ?? '', /text\/xml/);
    assert.match(await unsigned.text(), /<Code>MissingAuthenticationToken<\/Code>/);

    const { host } = new URL(emu().url);
    const signer = new SignatureV4({ service: 'bedrock', region: 'us-east-1', sha256: Sha256, credentials: SOURCE });
    const signed = await signer.sign(
      new HttpRequest({
        method: 'POST',
        protocol: 'http:',
        hostname: host,
        path: '/',
        headers: { host, 'content-type': 'application/x-www-form-urlencoded' },
        body: form,
      }),
    );
    const { host: _host, ...headers } = signed.headers;
    const wrongScope = await fetch(`${emu().url}/`, { method: 'POST', headers, body: form });
    assert.equal(wrongScope.status, 403);
    const text = await wrongScope.text();
    assert.match(text, /<Code>SignatureDoesNotMatch<\/Code>/);
    assert.match(text, /Credential should be scoped to correct service: 'sts'/);
  });
});
