import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import {
  apiKeyFormatProblem,
  BedrockClients,
  isNoCredentialsError,
  isRegionMissingError,
  RegionMissingError,
} from '../../../src/core/bedrock';
import type { ConnectionSettings, InvokeRequest } from '../../../src/core/bedrock';
import { classify } from '../../../src/core/errors';
import { startEmulator } from '../../emulator';
import type { RecordedRequest, RunningEmulator } from '../../emulator/types';
import {
  type AwsFiles,
  BEARER_TOKEN,
  cleanEnv,
  DEFAULT_KEY,
  ENV_KEY,
  NOREGION_KEY,
  PROCESS_KEY,
  PROCESS_SESSION_TOKEN,
  ROLE_ARN,
  STATIC_KEY,
  writeAwsFiles,
} from './awsFiles';

const MODEL = 'anthropic.claude-3-haiku-20240307-v1:0';

function request(text = 'hello from the unit tests'): InvokeRequest {
  return {
    modelId: MODEL,
    body: JSON.stringify({
      anthropic_version: 'bedrock-2023-05-31',
      max_tokens: 200,
      messages: [{ role: 'user', content: text }],
    }),
  };
}

describe('BedrockClients against the emulator', function () {
  let emulator: RunningEmulator;
  let files: AwsFiles;
  let pools: BedrockClients[] = [];
  const processEnvBefore = { ...process.env };

  before(async () => {
    emulator = await startEmulator({
      credentials: [
        DEFAULT_KEY,
        STATIC_KEY,
        NOREGION_KEY,
        ENV_KEY,
        { ...PROCESS_KEY, sessionToken: PROCESS_SESSION_TOKEN },
      ],
      bearerTokens: [BEARER_TOKEN],
    });
    files = writeAwsFiles();
  });

  after(async () => {
    await emulator?.close();
    files?.remove();
  });

  afterEach(() => {
    for (const pool of pools) pool.dispose();
    pools = [];
    emulator.reset();
  });

  function pool(
    env: Record<string, string | undefined> = cleanEnv(),
    extra: { maxAttempts?: number } = {},
  ): BedrockClients {
    const clients = new BedrockClients({
      env,
      configFile: files.configFile,
      credentialsFile: files.credentialsFile,
      ...extra,
    });
    pools.push(clients);
    return clients;
  }

  function at(settings: ConnectionSettings = {}): ConnectionSettings {
    return { endpoint: emulator.url, ...settings };
  }

  function lastRecord(): RecordedRequest {
    const all = emulator.requests();
    assert.ok(all.length > 0, 'the emulator saw no request');
    return all[all.length - 1];
  }

  async function eventually(condition: () => boolean, what: string): Promise<void> {
    for (let i = 0; i < 100 && !condition(); i++) await new Promise((r) => setTimeout(r, 20));
    assert.ok(condition(), what);
  }

  describe('profiles, regions and credentials', () => {
    it("signs with a static-key profile's keys in that profile's region", async () => {
      await pool().invoke(at({ profile: 'static' }), request());
      const rec = lastRecord();
      assert.equal(rec.authType, 'sigv4');
      assert.equal(rec.accessKeyId, STATIC_KEY.accessKeyId);
      assert.equal(rec.region, 'us-west-2');
    });

    it("uses the settings' region over the profile's", async () => {
      const clients = pool();
      assert.equal((await clients.resolve(at({ profile: 'static', region: 'eu-central-1' }))).region, 'eu-central-1');
      await clients.invoke(at({ profile: 'static', region: 'eu-central-1' }), request());
      assert.equal(lastRecord().region, 'eu-central-1');
      assert.equal(lastRecord().accessKeyId, STATIC_KEY.accessKeyId);
    });

    it('takes the profile from AWS_PROFILE when the settings name none, else "default"', async () => {
      await pool(cleanEnv({ AWS_PROFILE: 'static' })).invoke(at(), request());
      assert.equal(lastRecord().accessKeyId, STATIC_KEY.accessKeyId);
      const clients = pool();
      assert.deepEqual(await clients.resolve(at()), {
        profile: 'default',
        region: 'eu-west-1',
        endpoint: emulator.url,
        credentialSource: 'profile',
      });
      await clients.invoke(at(), request());
      assert.equal(lastRecord().accessKeyId, DEFAULT_KEY.accessKeyId);
      assert.equal(lastRecord().region, 'eu-west-1');
    });

    it("runs a credential_process profile's command and signs with its temporary keys", async () => {
      await pool().invoke(at({ profile: 'proc' }), request());
      const rec = lastRecord();
      assert.equal(rec.accessKeyId, PROCESS_KEY.accessKeyId);
      assert.equal(rec.hasSessionToken, true);
      assert.equal(rec.region, 'ap-southeast-2');
    });

    /** The SDK's STS client takes its endpoint from the process's environment or default config file, not from the
     * files handed to the provider: both point here while `work` runs. */
    async function withStsHere<T>(work: () => Promise<T>): Promise<T> {
      const names = ['AWS_ENDPOINT_URL_STS', 'AWS_CONFIG_FILE', 'AWS_SHARED_CREDENTIALS_FILE'] as const;
      const saved = names.map((name) => process.env[name]);
      Object.assign(process.env, {
        AWS_ENDPOINT_URL_STS: emulator.url,
        AWS_CONFIG_FILE: files.configFile,
        AWS_SHARED_CREDENTIALS_FILE: files.credentialsFile,
      });
      try {
        return await work();
      } finally {
        names.forEach((name, i) =>
          saved[i] === undefined ? delete process.env[name] : (process.env[name] = saved[i]),
        );
      }
    }

    it("assumes an assume-role profile's role through STS with its source profile's keys, then signs with the temporary keys", async () => {
      await withStsHere(() => pool().invoke(at({ profile: 'role' }), request()));
      const [assume, invoke] = emulator.requests();
      assert.equal(assume.operation, 'AssumeRole');
      assert.equal(assume.status, 200);
      assert.equal(assume.accessKeyId, STATIC_KEY.accessKeyId);
      const form = new URLSearchParams(String(assume.body));
      assert.equal(form.get('RoleArn'), ROLE_ARN);
      assert.equal(form.get('RoleSessionName'), 'unit-tests');
      assert.equal(invoke.operation, 'InvokeModel');
      assert.equal(invoke.status, 200);
      assert.match(invoke.accessKeyId ?? '', /^ASIA/);
      assert.equal(invoke.hasSessionToken, true);
      assert.equal(invoke.region, 'ca-central-1');
    });

    it("fails a role that will not trust the source profile with STS's AccessDenied, told apart from Bedrock's, and sends nothing to Bedrock", async () => {
      const error = await withStsHere(() =>
        pool()
          .invoke(at({ profile: 'role-denied' }), request())
          .then(
            () => undefined,
            (e: unknown) => e,
          ),
      );
      assert.equal((error as Error | undefined)?.name, 'AccessDenied');
      const problem = classify(error, { profile: 'role-denied' });
      assert.equal(problem.kind, 'assumeRoleFailed');
      assert.match(
        problem.message,
        /^Profile "role-denied" could not assume its role: User: .* is not authorized to perform: sts:AssumeRole/,
      );
      assert.deepEqual(problem.fixes, ['openAwsConfig', 'selectProfile']);
      assert.deepEqual(
        emulator.requests().map((r) => r.operation),
        ['AssumeRole'],
      );
    });

    it('throws RegionMissingError when neither settings, profile nor AWS_REGION give a region, and sends nothing', async () => {
      const clients = pool();
      await assert.rejects(
        clients.resolve(at({ profile: 'noregion' })),
        (err) => err instanceof RegionMissingError && isRegionMissingError(err),
      );
      await assert.rejects(clients.invoke(at({ profile: 'noregion' }), request()), RegionMissingError);
      assert.equal(emulator.requests().length, 0);
    });

    it('falls back to AWS_REGION from the given env when the profile has no region', async () => {
      await pool(cleanEnv({ AWS_REGION: 'sa-east-1' })).invoke(at({ profile: 'noregion' }), request());
      assert.equal(lastRecord().region, 'sa-east-1');
      assert.equal(lastRecord().accessKeyId, NOREGION_KEY.accessKeyId);
    });

    it('fails an unknown profile with a "no credentials" error before sending anything', async () => {
      await assert.rejects(pool().invoke(at({ profile: 'nosuchprofile', region: 'us-east-1' }), request()), (err) => {
        assert.equal(isNoCredentialsError(err), true, String(err));
        return true;
      });
      assert.equal(emulator.requests().length, 0);
    });

    it('uses env access keys (from the given env) when no profile is chosen', async () => {
      const clients = pool(
        cleanEnv({ AWS_ACCESS_KEY_ID: ENV_KEY.accessKeyId, AWS_SECRET_ACCESS_KEY: ENV_KEY.secretAccessKey }),
      );
      assert.equal((await clients.resolve(at())).credentialSource, 'environmentKeys');
      await clients.invoke(at(), request());
      assert.equal(lastRecord().accessKeyId, ENV_KEY.accessKeyId);
      assert.equal(clients.environmentOverrides(at())[0].variable, 'AWS_ACCESS_KEY_ID');
    });

    it('sends the bearer token from AWS_BEARER_TOKEN_BEDROCK in the given env instead of SigV4, and reports it', async () => {
      const clients = pool(cleanEnv({ AWS_BEARER_TOKEN_BEDROCK: BEARER_TOKEN }));
      assert.equal((await clients.resolve(at({ profile: 'static' }))).credentialSource, 'bearerToken');
      await clients.invoke(at({ profile: 'static' }), request());
      const rec = lastRecord();
      assert.equal(rec.authType, 'bearer');
      assert.equal(rec.status, 200);
      assert.equal(rec.accessKeyId, undefined);
      assert.deepEqual(
        clients.environmentOverrides(at({ profile: 'static' })).map((o) => o.variable),
        ['AWS_BEARER_TOKEN_BEDROCK'],
      );
    });

    it('switches to the bearer token when AWS_BEARER_TOKEN_BEDROCK appears in the env, and back when it goes, without invalidate()', async () => {
      const env = cleanEnv();
      const clients = pool(env);
      await clients.invoke(at({ profile: 'static' }), request());
      assert.equal(lastRecord().authType, 'sigv4');
      env.AWS_BEARER_TOKEN_BEDROCK = BEARER_TOKEN;
      await clients.invoke(at({ profile: 'static' }), request());
      assert.equal(lastRecord().authType, 'bearer');
      delete env.AWS_BEARER_TOKEN_BEDROCK;
      await clients.invoke(at({ profile: 'static' }), request());
      assert.equal(lastRecord().authType, 'sigv4');
    });
  });

  describe('stored Bedrock API keys (Bedrock: Set API Key)', () => {
    function withKeys(keys: Record<string, string>, env = cleanEnv()): BedrockClients {
      const clients = new BedrockClients({
        env,
        configFile: files.configFile,
        credentialsFile: files.credentialsFile,
        apiKeys: {
          ready: Promise.resolve(),
          keyFor: (region) =>
            keys[region]
              ? { key: keys[region], scope: 'region' }
              : keys['*']
                ? { key: keys['*'], scope: 'allRegions' }
                : undefined,
        },
      });
      pools.push(clients);
      return clients;
    }

    it("the key stored for the profile's region signs as a bearer token, ahead of AWS_BEARER_TOKEN_BEDROCK; the connection says so without the key", async () => {
      const clients = withKeys(
        { 'us-west-2': BEARER_TOKEN },
        cleanEnv({ AWS_BEARER_TOKEN_BEDROCK: 'ABSKsomeOtherKeyFromTheEnvironment00' }),
      );
      const resolved = await clients.resolve(at({ profile: 'static' }));
      assert.equal(resolved.credentialSource, 'apiKey');
      assert.equal(resolved.apiKeyScope, 'region');
      assert.ok(!JSON.stringify(resolved).includes(BEARER_TOKEN), 'the resolved connection holds no secret');
      await clients.invoke(at({ profile: 'static' }), request());
      const rec = lastRecord();
      assert.equal(rec.authType, 'bearer');
      assert.equal(rec.status, 200, 'the stored key, not the environment one, was sent');
      assert.equal(rec.accessKeyId, undefined);
      assert.deepEqual(
        clients.environmentOverrides(at({ profile: 'static', region: 'us-west-2' })),
        [],
        'nothing overrides a stored key',
      );
    });

    it('a key of another region does not sign; the key for all regions does', async () => {
      await withKeys({ 'eu-west-1': BEARER_TOKEN }).invoke(at({ profile: 'static' }), request());
      assert.equal(lastRecord().authType, 'sigv4');
      const all = withKeys({ '*': BEARER_TOKEN });
      assert.equal((await all.resolve(at({ profile: 'static' }))).apiKeyScope, 'allRegions');
      await all.invoke(at({ profile: 'static' }), request());
      assert.equal(lastRecord().authType, 'bearer');
    });

    it('a refused stored key is classified as such, the key never quoted', async () => {
      const clients = withKeys({ '*': 'ABSKbm90VGhlS2V5VGhlRW11bGF0b3JLbm93cw==' });
      const resolved = await clients.resolve(at({ profile: 'static' }));
      const error = await clients.invoke(at({ profile: 'static' }), request()).then(
        () => undefined,
        (e: unknown) => e,
      );
      const problem = classify(error, { ...resolved, modelId: MODEL });
      assert.equal(problem.kind, 'accessDenied');
      assert.match(problem.message, /signed with the Bedrock API key stored in VS Code, not with profile "static"/);
      assert.doesNotMatch(problem.message + problem.hint, /ABSKbm90/);
    });

    it('a short-term key made from the profile (@aws/bedrock-token-generator) is verified by the emulator as AWS does and signs', async () => {
      const short = await pool().shortTermApiKey(at({ profile: 'static' }), 600);
      assert.equal(short.region, 'us-west-2');
      assert.match(short.key, /^bedrock-api-key-/);
      assert.equal(apiKeyFormatProblem(short.key), undefined);
      assert.ok(
        Math.abs(short.expiresAt.getTime() - (Date.now() + 600_000)) < 5000,
        'expires after the requested 10 minutes',
      );
      await withKeys({ 'us-west-2': short.key }).invoke(at({ profile: 'static' }), request());
      const rec = lastRecord();
      assert.equal(rec.authType, 'bearer');
      assert.equal(rec.status, 200, 'the presigned signature verified');
      const presigned = Buffer.from(short.key.slice('bedrock-api-key-'.length), 'base64').toString('utf8');
      assert.match(
        decodeURIComponent(presigned),
        /^bedrock\.amazonaws\.com\/\?Action=CallWithBearerToken&.*X-Amz-Credential=AKIASTATICPROFILE01\/\d{8}\/us-west-2\/bedrock\/aws4_request.*&Version=1$/,
        'scoped to its region',
      );
    });

    it('a short-term key with temporary credentials lapses with them; a tampered or expired one is refused', async () => {
      const fromProcess = await pool().shortTermApiKey(at({ profile: 'proc' }));
      assert.ok(
        fromProcess.expiresAt.getTime() <= Date.now() + 3600_000 + 1000,
        'not beyond the session credentials (1 hour)',
      );
      await withKeys({ '*': fromProcess.key }).invoke(at({ profile: 'proc' }), request());
      assert.equal(lastRecord().status, 200, 'the session token inside the URL is checked and accepted');

      const short = await pool().shortTermApiKey(at({ profile: 'static' }), 600);
      const url = Buffer.from(short.key.slice('bedrock-api-key-'.length), 'base64').toString('utf8');
      const tampered = `bedrock-api-key-${Buffer.from(url.replace('X-Amz-Expires=600', 'X-Amz-Expires=601')).toString('base64')}`;
      const refused = await withKeys({ '*': tampered })
        .invoke(at({ profile: 'static' }), request())
        .then(
          () => undefined,
          (e: unknown) => e as Error,
        );
      assert.equal(refused?.name, 'AccessDeniedException');

      const expiring = await pool().shortTermApiKey(at({ profile: 'static' }), 1);
      await new Promise((r) => setTimeout(r, 1100));
      const expired = await withKeys({ '*': expiring.key })
        .invoke(at({ profile: 'static' }), request())
        .then(
          () => undefined,
          (e: unknown) => e as Error,
        );
      assert.equal(expired?.name, 'AccessDeniedException');
      assert.match(expired?.message ?? '', /expired/);
    });

    it('accepts only what looks like a Bedrock API key', () => {
      assert.equal(apiKeyFormatProblem(BEARER_TOKEN), undefined);
      assert.equal(
        apiKeyFormatProblem('bedrock-api-key-YmVkcm9jay5hbWF6b25hd3MuY29tLz9BY3Rpb249Q2FsbFdpdGhCZWFyZXJUb2tlbg=='),
        undefined,
      );
      assert.match(apiKeyFormatProblem('AKIAEMULATOREXAMPLE') ?? '', /starts with "ABSK"/);
      assert.match(apiKeyFormatProblem(`${BEARER_TOKEN} extra`) ?? '', /no spaces/);
      assert.match(apiKeyFormatProblem('') ?? '', /Enter the key/);
    });
  });

  describe('client reuse and refresh', () => {
    it('keeps one client per (profile, region, endpoint)', async () => {
      const clients = pool();
      const a = await clients.client(at({ profile: 'static' }));
      assert.equal(await clients.client(at({ profile: 'static' })), a, 'same settings');
      assert.equal(
        await clients.client(at({ profile: 'static', region: 'us-west-2' })),
        a,
        'the region the profile resolves to anyway',
      );
      const others = [
        await clients.client(at({ profile: 'static', region: 'eu-central-1' })),
        await clients.client(at({ profile: 'proc' })),
        await clients.client({ profile: 'static', endpoint: emulator.url.replace('127.0.0.1', 'localhost') }),
      ];
      assert.equal(new Set([a, ...others]).size, 4);
    });

    it('does not cache a failed credential resolution: the next call succeeds once the profile is fixed', async () => {
      const clients = pool();
      const broken = `${files.dir}/broken-config`;
      writeFileSync(broken, '[profile later]\nregion = us-west-2\n');
      const later = new BedrockClients({ env: cleanEnv(), configFile: broken, credentialsFile: files.credentialsFile });
      pools.push(later);
      await assert.rejects(later.invoke(at({ profile: 'later' }), request()), (err) => isNoCredentialsError(err));
      // As after `aws sso login` or editing ~/.aws: the same pool, no invalidate().
      writeFileSync(
        broken,
        `[profile later]\nregion = us-west-2\naws_access_key_id = ${STATIC_KEY.accessKeyId}\naws_secret_access_key = ${STATIC_KEY.secretAccessKey}\n`,
      );
      await later.invoke(at({ profile: 'later' }), request());
      assert.equal(lastRecord().accessKeyId, STATIC_KEY.accessKeyId);
      assert.ok(clients);
    });

    it('re-reads credentials and region after invalidate(), and only then', async () => {
      const config = `${files.dir}/rotating-config`;
      const write = (key: typeof STATIC_KEY, region: string) =>
        writeFileSync(
          config,
          `[profile rotating]\nregion = ${region}\naws_access_key_id = ${key.accessKeyId}\naws_secret_access_key = ${key.secretAccessKey}\n`,
        );
      write(STATIC_KEY, 'us-west-2');
      const clients = new BedrockClients({ env: cleanEnv(), configFile: config, credentialsFile: `${files.dir}/none` });
      pools.push(clients);
      const first = await clients.client(at({ profile: 'rotating' }));
      await clients.invoke(at({ profile: 'rotating' }), request());
      write(DEFAULT_KEY, 'eu-west-1');
      await clients.invoke(at({ profile: 'rotating' }), request());
      assert.equal(lastRecord().accessKeyId, STATIC_KEY.accessKeyId, 'cached until invalidated');
      clients.invalidate({ profile: 'rotating' });
      await clients.invoke(at({ profile: 'rotating' }), request());
      assert.equal(lastRecord().accessKeyId, DEFAULT_KEY.accessKeyId);
      assert.equal(lastRecord().region, 'eu-west-1');
      assert.notEqual(await clients.client(at({ profile: 'rotating' })), first);
    });
    // Destroying a client ends its connections; the pool destroys a retired client only when its last call ends.
    it('lets a stream in flight finish on its old client when the pool is invalidated mid-stream', async () => {
      emulator.configure({ pacing: { chunksPerSecond: 200, chunks: 40 } });
      try {
        const clients = pool();
        const before = await clients.client(at({ profile: 'static' }));
        let seen = 0;
        const destroyedAfter: number[] = [];
        const destroy = before.destroy.bind(before);
        before.destroy = () => {
          destroyedAfter.push(seen);
          destroy();
        };
        const result = await clients.stream(at({ profile: 'static' }), request());
        for await (const _event of result.events) {
          if (++seen === 3) clients.invalidate();
        }
        assert.ok(seen > 40, `saw ${seen}`);
        assert.equal(lastRecord().completed, true);
        assert.deepEqual(destroyedAfter, [seen], 'the old client is destroyed once, after the last event');
        assert.notEqual(await clients.client(at({ profile: 'static' })), before);
      } finally {
        emulator.configure({ pacing: { chunksPerSecond: 0, chunks: 0 } });
      }
    });
  });

  describe('invoke', () => {
    it('returns the body and the token counts, latency and request id from the response headers', async () => {
      const result = await pool().invoke(at({ profile: 'static' }), request('count my tokens please'));
      const rec = lastRecord();
      const body = JSON.parse(new TextDecoder().decode(result.body));
      assert.equal(result.contentType, 'application/json');
      assert.equal(body.type, 'message');
      assert.equal(result.metadata.requestId, rec.requestId);
      assert.equal(result.metadata.inputTokenCount, body.usage.input_tokens);
      assert.equal(result.metadata.outputTokenCount, body.usage.output_tokens);
      assert.equal(typeof result.metadata.invocationLatencyMs, 'number');
      const { firstByteMs, totalMs } = result.metadata;
      assert.ok(
        firstByteMs !== undefined && totalMs !== undefined && firstByteMs >= 0 && firstByteMs <= totalMs,
        `${firstByteMs} <= ${totalMs}`,
      );
    });

    it('sends content type and accept (default application/json) and the optional Bedrock headers', async () => {
      const clients = pool();
      await clients.invoke(at({ profile: 'static' }), request());
      assert.equal(lastRecord().headers['content-type'], 'application/json');
      assert.equal(lastRecord().headers['accept'], 'application/json');
      assert.equal(lastRecord().headers['x-amzn-bedrock-trace'], undefined);
      await clients.invoke(at({ profile: 'static' }), {
        ...request(),
        trace: 'ENABLED',
        guardrailIdentifier: 'grunittest01',
        guardrailVersion: 'DRAFT',
        performanceConfigLatency: 'optimized',
        serviceTier: 'priority',
      });
      const h = lastRecord().headers;
      assert.equal(lastRecord().status, 200);
      assert.equal(h['x-amzn-bedrock-trace'], 'ENABLED');
      assert.equal(h['x-amzn-bedrock-guardrailidentifier'], 'grunittest01');
      assert.equal(h['x-amzn-bedrock-guardrailversion'], 'DRAFT');
      assert.equal(h['x-amzn-bedrock-performanceconfig-latency'], 'optimized');
      assert.equal(h['x-amzn-bedrock-service-tier'], 'priority');
    });

    it('rethrows service errors as the SDK raised them, honouring maxAttempts', async () => {
      emulator.addFault({ fault: 'InternalServerException', count: 5 });
      await assert.rejects(
        pool(cleanEnv(), { maxAttempts: 2 }).invoke(at({ profile: 'static' }), request()),
        (err: Error & { $fault?: string; $metadata?: { attempts?: number } }) => {
          assert.equal(err.name, 'InternalServerException');
          assert.equal(err.$fault, 'server');
          assert.equal(err.$metadata?.attempts, 2);
          return true;
        },
      );
      assert.equal(emulator.requests().length, 2);
    });

    it("speaks HTTP/2, the runtime client's own transport", async () => {
      await pool().invoke(at({ profile: 'static' }), request());
      assert.equal(lastRecord().httpVersion, '2');
    });

    it('rejects with an AbortError when the signal is already aborted', async () => {
      const controller = new AbortController();
      controller.abort();
      await assert.rejects(pool().invoke(at({ profile: 'static' }), request(), controller.signal), {
        name: 'AbortError',
      });
    });
  });

  describe('stream', () => {
    it("yields the model's events in order and fills the metadata from the invocation metrics", async () => {
      const result = await pool().stream(at({ profile: 'static' }), request('stream this back to me'));
      assert.equal(result.metadata.firstByteMs, undefined, 'no chunk seen yet');
      const types: string[] = [];
      let text = '';
      for await (const event of result.events) {
        const e = event as {
          type: string;
          delta?: { text?: string };
          'amazon-bedrock-invocationMetrics'?: { inputTokenCount: number };
        };
        types.push(e.type);
        if (e.delta?.text) text += e.delta.text;
        if (e['amazon-bedrock-invocationMetrics']) {
          assert.equal(
            result.metadata.inputTokenCount,
            e['amazon-bedrock-invocationMetrics'].inputTokenCount,
            'set by the time the caller sees the metrics',
          );
        }
      }
      assert.equal(types[0], 'message_start');
      assert.equal(types[types.length - 1], 'message_stop');
      assert.ok(text.startsWith('stream this back to me'), text);
      const m = result.metadata;
      assert.equal(m.requestId, lastRecord().requestId);
      assert.equal(typeof m.inputTokenCount, 'number');
      assert.equal(typeof m.outputTokenCount, 'number');
      assert.equal(typeof m.invocationLatencyMs, 'number');
      assert.ok(m.firstByteMs !== undefined && m.totalMs !== undefined && m.firstByteMs <= m.totalMs);
      assert.equal(lastRecord().completed, true);
      assert.equal(lastRecord().operation, 'InvokeModelWithResponseStream');
      assert.equal(lastRecord().headers['x-amzn-bedrock-accept'], 'application/json');
      assert.equal(result.contentType, 'application/json');
    });

    async function assertServerSawAbort(): Promise<void> {
      await eventually(() => lastRecord().aborted, 'the emulator recorded the stream as aborted');
      assert.equal(lastRecord().completed, false);
      assert.ok((lastRecord().chunksSent ?? 0) < 100, `chunks sent: ${lastRecord().chunksSent}`);
    }

    it('aborting the signal mid-stream cancels the request at the server and ends the iteration with an AbortError', async () => {
      emulator.configure({ pacing: { chunksPerSecond: 50, chunks: 500 } });
      try {
        const controller = new AbortController();
        const result = await pool().stream(at({ profile: 'static' }), request(), controller.signal);
        let seen = 0;
        await assert.rejects(
          (async () => {
            for await (const _event of result.events) {
              if (++seen === 3) controller.abort();
            }
          })(),
          { name: 'AbortError' },
        );
        assert.ok(seen >= 3 && seen < 100, `saw ${seen}`);
        await assertServerSawAbort();
      } finally {
        emulator.configure({ pacing: { chunksPerSecond: 0, chunks: 0 } });
      }
    });

    it('breaking out of the loop also cancels the request; the SDK alone would keep it running', async () => {
      emulator.configure({ pacing: { chunksPerSecond: 50, chunks: 500 } });
      try {
        const result = await pool().stream(at({ profile: 'static' }), request());
        for await (const _event of result.events) break;
        await assertServerSawAbort();
      } finally {
        emulator.configure({ pacing: { chunksPerSecond: 0, chunks: 0 } });
      }
    });

    it('throws in-stream errors from the iteration as the SDK raised them, after the events before them', async () => {
      emulator.addFault({ fault: 'throttlingException', afterChunks: 2 });
      const result = await pool().stream(at({ profile: 'static' }), request());
      let seen = 0;
      await assert.rejects(
        (async () => {
          for await (const _event of result.events) seen++;
        })(),
        { name: 'ThrottlingException' },
      );
      assert.equal(seen, 2);
    });
  });

  it('leaves process.env exactly as it was', () => {
    assert.deepEqual({ ...process.env }, processEnvBefore);
  });
});
