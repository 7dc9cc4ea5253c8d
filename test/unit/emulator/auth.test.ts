import assert from 'node:assert/strict';
import { BedrockRuntimeServiceException } from '@aws-sdk/client-bedrock-runtime';
import { SignatureV4 } from '@smithy/signature-v4';
import { Sha256 } from '@smithy/core/checksum';
import { HttpRequest } from '@smithy/core/protocols';
import { DEFAULT_ACCESS_KEY_ID } from '../../emulator';
import { claudeBody, invokeJson, PROTOCOLS, rejection, runtimeClient, useEmulator } from './helpers';

const MODEL = 'anthropic.claude-3-haiku-20240307-v1:0';
// Test-only fixtures, never real credentials.
const TEMP = {
  accessKeyId: 'ASIATEMPORARYEXAMPLE',
  secretAccessKey: 'tempSecretExample',
  sessionToken: 'sessionTokenExample',
};
const EXPIRED = { accessKeyId: 'ASIAEXPIREDEXAMPLE', secretAccessKey: 'expiredSecretExample', expired: true };
const STATIC2 = { accessKeyId: 'AKIASECONDEXAMPLE', secretAccessKey: 'secondSecretExample' };
const API_KEY = 'ABSKZW11bGF0b3ItYXBpLWtleQ==';

describe('emulator authentication', () => {
  const emu = useEmulator({
    credentials: [
      { accessKeyId: DEFAULT_ACCESS_KEY_ID, secretAccessKey: 'emulatorSecretKeyExample' },
      TEMP,
      EXPIRED,
      STATIC2,
    ],
    bearerTokens: [API_KEY],
  });

  for (const protocol of PROTOCOLS) {
    describe(protocol, () => {
      it('accepts a verified SigV4 signature and records key, auth type and the scope region', async () => {
        const client = runtimeClient(emu(), protocol, { credentials: STATIC2, region: 'eu-west-3' });
        await invokeJson(client, MODEL, claudeBody('signed'));
        const [rec] = emu().requests();
        assert.deepEqual(
          [rec.authType, rec.accessKeyId, rec.region, rec.hasSessionToken],
          ['sigv4', STATIC2.accessKeyId, 'eu-west-3', false],
        );
        client.destroy();
      });

      it('verifies signatures over ARN model IDs (percent-encoded path)', async () => {
        const client = runtimeClient(emu(), protocol);
        await invokeJson(
          client,
          'arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/a1b2c3d4e5f6',
          claudeBody('arn'),
        );
        assert.equal(emu().requests()[0].status, 200);
        client.destroy();
      });

      it('rejects an unknown access key with UnrecognizedClientException 403', async () => {
        const client = runtimeClient(emu(), protocol, {
          credentials: { accessKeyId: 'AKIAUNKNOWNEXAMPLE', secretAccessKey: 'x' },
        });
        const err = await rejection(invokeJson(client, MODEL, claudeBody('x')));
        assert.ok(err instanceof BedrockRuntimeServiceException);
        assert.equal(err.name, 'UnrecognizedClientException');
        assert.equal(err.message, 'The security token included in the request is invalid.');
        assert.equal((err.$metadata as { httpStatusCode: number }).httpStatusCode, 403);
        assert.equal(emu().requests()[0].accessKeyId, 'AKIAUNKNOWNEXAMPLE');
        client.destroy();
      });

      it('rejects a wrong secret with InvalidSignatureException 403', async () => {
        const client = runtimeClient(emu(), protocol, {
          credentials: { accessKeyId: STATIC2.accessKeyId, secretAccessKey: 'wrong' },
        });
        const err = await rejection(invokeJson(client, MODEL, claudeBody('x')));
        assert.equal(err.name, 'InvalidSignatureException');
        assert.match(err.message, /^The request signature we calculated does not match the signature you provided\./);
        assert.equal(emu().requests().length, 1, 'not retried');
        client.destroy();
      });

      it('rejects a body changed after signing with InvalidSignatureException', async () => {
        const client = runtimeClient(emu(), protocol);
        client.middlewareStack.add(
          (next) => async (args) => {
            const request = args.request as { body: unknown; headers: Record<string, string> };
            request.body = JSON.stringify(claudeBody('tampered'));
            request.headers['content-length'] = String(Buffer.byteLength(request.body as string));
            return next(args);
          },
          { step: 'finalizeRequest', priority: 'low', name: 'tamperAfterSigning' },
        );
        const err = await rejection(invokeJson(client, MODEL, claudeBody('original')));
        assert.equal(err.name, 'InvalidSignatureException');
        assert.deepEqual(emu().requests()[0].body, claudeBody('tampered'), 'the tampered body did reach the server');
        client.destroy();
      });

      it('rejects a key marked expired with ExpiredTokenException 403', async () => {
        const client = runtimeClient(emu(), protocol, { credentials: EXPIRED });
        const err = await rejection(invokeJson(client, MODEL, claudeBody('x')));
        assert.equal(err.name, 'ExpiredTokenException');
        assert.equal(err.message, 'The security token included in the request is expired');
        client.destroy();
      });

      it('accepts temporary credentials with their session token and records only that one was present', async () => {
        const client = runtimeClient(emu(), protocol, { credentials: TEMP });
        await invokeJson(client, MODEL, claudeBody('temp'));
        const [rec] = emu().requests();
        assert.equal(rec.hasSessionToken, true);
        const dump = JSON.stringify(emu().requests());
        for (const secret of [TEMP.sessionToken, TEMP.secretAccessKey, 'Signature=', 'AWS4-HMAC-SHA256'])
          assert.ok(!dump.includes(secret), `record leaks ${secret}`);
        client.destroy();
      });

      it('rejects a wrong or missing session token as an invalid security token', async () => {
        const wrong = runtimeClient(emu(), protocol, { credentials: { ...TEMP, sessionToken: 'other' } });
        assert.equal((await rejection(invokeJson(wrong, MODEL, claudeBody('x')))).name, 'UnrecognizedClientException');
        const missing = runtimeClient(emu(), protocol, {
          credentials: { accessKeyId: TEMP.accessKeyId, secretAccessKey: TEMP.secretAccessKey },
        });
        assert.equal(
          (await rejection(invokeJson(missing, MODEL, claudeBody('x')))).name,
          'UnrecognizedClientException',
        );
        wrong.destroy();
        missing.destroy();
      });

      it('accepts a configured Bedrock API key (bearer) and records the auth type without the token', async () => {
        const client = runtimeClient(emu(), protocol, { token: API_KEY });
        await invokeJson(client, MODEL, claudeBody('bearer'));
        const [rec] = emu().requests();
        assert.deepEqual([rec.authType, rec.accessKeyId], ['bearer', undefined]);
        assert.ok(!JSON.stringify(rec).includes(API_KEY));
        client.destroy();
      });

      it('rejects an unknown or malformed API key with AccessDeniedException 403', async () => {
        const unknown = runtimeClient(emu(), protocol, { token: 'ABSKbm90LWEta2V5' });
        const err = await rejection(invokeJson(unknown, MODEL, claudeBody('x')));
        assert.equal(err.name, 'AccessDeniedException');
        assert.equal(err.message, 'Authentication failed: Please make sure your API Key is valid.');
        const malformed = runtimeClient(emu(), protocol, { token: 'not-an-api-key' });
        const err2 = await rejection(invokeJson(malformed, MODEL, claudeBody('x')));
        assert.equal(err2.message, 'Invalid API Key format: Must start with pre-defined prefix');
        unknown.destroy();
        malformed.destroy();
      });
    });
  }

  it('a request signed with a skewed clock fails with "Signature expired"; the SDK corrects its clock and retries', async () => {
    const client = runtimeClient(emu(), 'h2');
    client.config.systemClockOffset = -60 * 60 * 1000;
    await invokeJson(client, MODEL, claudeBody('late clock'));
    const recs = emu().requests();
    assert.deepEqual(
      recs.map((r) => [r.attempt, r.status, r.errorType]),
      [
        [1, 403, 'InvalidSignatureException'],
        [2, 200, undefined],
      ],
    );
    assert.match(
      String(recs[0].errorMessage),
      /^Signature expired: \d{8}T\d{6}Z is now earlier than \d{8}T\d{6}Z \(\d{8}T\d{6}Z - 15 min\.\)$/,
    );
    client.destroy();
  });

  it('an unsigned request gets MissingAuthenticationTokenException; /_emulator routes need no auth', async () => {
    const res = await fetch(`${emu().url}/model/${encodeURIComponent(MODEL)}/invoke`, { method: 'POST', body: '{}' });
    assert.equal(res.status, 403);
    assert.match(String(res.headers.get('x-amzn-errortype')), /^MissingAuthenticationTokenException:/);
    assert.equal((await fetch(`${emu().url}/_emulator/requests`)).status, 200);
  });

  describe('signatures from clients other than the JavaScript SDK (botocore, the AWS CLI)', () => {
    /** Signs an InvokeModel as botocore does: without x-amz-content-sha256 unless `payloadHeader` is given. */
    async function signedFetch(
      payloadHeader?: string,
      opts: { extraSigned?: Record<string, string>; sendBody?: string } = {},
    ) {
      const body = JSON.stringify(claudeBody('no payload header'));
      const url = new URL(`${emu().url}/model/${encodeURIComponent(MODEL)}/invoke`);
      const headers: Record<string, string> = {
        host: url.host,
        'content-type': 'application/json',
        ...opts.extraSigned,
      };
      if (payloadHeader) headers['x-amz-content-sha256'] = payloadHeader;
      const signer = new SignatureV4({
        service: 'bedrock',
        region: 'us-east-1',
        sha256: Sha256,
        applyChecksum: false,
        credentials: STATIC2,
      });
      // The path as sent (%3A); the signer encodes it once more, as every non-S3 service does.
      const path = url.pathname;
      const signed = await signer.sign(
        new HttpRequest({
          method: 'POST',
          protocol: 'http:',
          hostname: url.hostname,
          port: Number(url.port),
          path,
          headers,
          body,
        }),
      );
      const sent = { ...(signed.headers as Record<string, string>) };
      delete sent.host;
      return fetch(url, { method: 'POST', headers: sent, body: opts.sendBody ?? body });
    }

    it('accepts a signature without x-amz-content-sha256 (the hash is computed from the body)', async () => {
      const res = await signedFetch();
      assert.equal(res.status, 200, await res.text());
      assert.equal(emu().requests()[0].headers['x-amz-content-sha256'], undefined);
    });

    it('refuses it when the body is not the one signed', async () => {
      const res = await signedFetch(undefined, { sendBody: JSON.stringify(claudeBody('changed')) });
      assert.equal(res.status, 403);
      assert.match(String(res.headers.get('x-amzn-errortype')), /^InvalidSignatureException:/);
    });

    it('accepts UNSIGNED-PAYLOAD, and checks a sent hash against the body', async () => {
      assert.equal((await signedFetch('UNSIGNED-PAYLOAD')).status, 200);
      const wrong = await signedFetch('0'.repeat(64));
      assert.equal(wrong.status, 403);
      assert.match(String(wrong.headers.get('x-amzn-errortype')), /^InvalidSignatureException:/);
    });

    it('signs exactly the headers the client listed, whatever they are', async () => {
      const res = await signedFetch(undefined, { extraSigned: { 'x-amz-meta-anything': 'one  two' } });
      assert.equal(res.status, 200, await res.text());
    });
  });
});
