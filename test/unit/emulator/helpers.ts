/** Shared setup for the emulator tests: real SDK clients over both HTTP versions. */
import {
  BedrockRuntimeClient,
  InvokeModelCommand,
  InvokeModelWithResponseStreamCommand,
} from '@aws-sdk/client-bedrock-runtime';
import { BedrockClient } from '@aws-sdk/client-bedrock';
import { NodeHttp2Handler, NodeHttpHandler } from '@smithy/node-http-handler';
import { ConfiguredRetryStrategy } from '@smithy/core/retry';
import { DEFAULT_ACCESS_KEY_ID, DEFAULT_SECRET_ACCESS_KEY, startEmulator, type RunningEmulator } from '../../emulator';
import type { EmulatorOptions } from '../../emulator/types';

export type Protocol = 'h2' | 'http1';

/** One emulator for the calling suite, started before it, reset before each test, closed after; call the result
 * inside a test to reach it. */
export function useEmulator(options?: EmulatorOptions): () => RunningEmulator {
  let emu: RunningEmulator | undefined;
  before(async () => {
    emu = await startEmulator(options);
  });
  after(() => emu?.close());
  beforeEach(() => emu?.reset());
  return () => {
    if (!emu) throw new Error('the emulator has not started');
    return emu;
  };
}
export const PROTOCOLS: Protocol[] = ['h2', 'http1'];

export interface ClientOptions {
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  token?: string;
  region?: string;
  maxAttempts?: number;
}

/** Retries with a 5 ms backoff so retry tests stay fast; the decision of what to retry stays the SDK's. */
const fastRetry = (maxAttempts: number) => new ConfiguredRetryStrategy(maxAttempts, 5);

export function runtimeClient(emu: RunningEmulator, protocol: Protocol, o: ClientOptions = {}): BedrockRuntimeClient {
  return new BedrockRuntimeClient({
    region: o.region ?? 'us-east-1',
    endpoint: emu.url,
    ...(o.token
      ? { token: { token: o.token }, authSchemePreference: ['httpBearerAuth'] }
      : {
          credentials: o.credentials ?? {
            accessKeyId: DEFAULT_ACCESS_KEY_ID,
            secretAccessKey: DEFAULT_SECRET_ACCESS_KEY,
          },
        }),
    retryStrategy: fastRetry(o.maxAttempts ?? 3),
    ...(protocol === 'http1' ? { requestHandler: new NodeHttpHandler() } : {}),
  });
}

/** The control-plane client defaults to HTTP/1.1, so h2 is asked for explicitly. */
export function controlClient(emu: RunningEmulator, protocol: Protocol, region = 'us-east-1'): BedrockClient {
  return new BedrockClient({
    region,
    endpoint: emu.url,
    credentials: { accessKeyId: DEFAULT_ACCESS_KEY_ID, secretAccessKey: DEFAULT_SECRET_ACCESS_KEY },
    retryStrategy: fastRetry(3),
    ...(protocol === 'h2' ? { requestHandler: new NodeHttp2Handler() } : {}),
  });
}

const decoder = new TextDecoder();

export async function invokeJson(
  client: BedrockRuntimeClient,
  modelId: string,
  body: unknown,
  extra: Record<string, unknown> = {},
) {
  const out = await client.send(
    new InvokeModelCommand({
      modelId,
      contentType: 'application/json',
      accept: 'application/json',
      body: JSON.stringify(body),
      ...extra,
    }),
  );
  return { out, json: JSON.parse(decoder.decode(out.body)) as Record<string, unknown> };
}

/** Invokes and returns the raw response headers (they are not in the SDK output). */
export async function invokeWithHeaders(
  client: BedrockRuntimeClient,
  modelId: string,
  body: unknown,
  extra: Record<string, unknown> = {},
) {
  const cmd = new InvokeModelCommand({
    modelId,
    contentType: 'application/json',
    body: JSON.stringify(body),
    ...extra,
  });
  let headers: Record<string, string> = {};
  cmd.middlewareStack.add(
    (next) => async (args) => {
      const result = await next(args);
      headers = (result.response as { headers: Record<string, string> }).headers;
      return result;
    },
    { step: 'deserialize', name: 'captureHeaders' },
  );
  const out = await client.send(cmd);
  return { out, headers, json: JSON.parse(decoder.decode(out.body)) as Record<string, unknown> };
}

/** Streams and returns every decoded model event. */
export async function streamEvents(
  client: BedrockRuntimeClient,
  modelId: string,
  body: unknown,
  extra: Record<string, unknown> = {},
): Promise<{ events: Array<Record<string, unknown>>; contentType?: string }> {
  const out = await client.send(
    new InvokeModelWithResponseStreamCommand({
      modelId,
      contentType: 'application/json',
      body: JSON.stringify(body),
      ...extra,
    }),
  );
  const events: Array<Record<string, unknown>> = [];
  for await (const ev of out.body ?? []) {
    if (ev.chunk?.bytes) events.push(JSON.parse(decoder.decode(ev.chunk.bytes)) as Record<string, unknown>);
  }
  return { events, contentType: out.contentType };
}

/** Awaits a rejection and returns the error (fails when the promise resolves). */
export async function rejection(p: Promise<unknown>): Promise<Error & Record<string, unknown>> {
  try {
    await p;
  } catch (e) {
    return e as Error & Record<string, unknown>;
  }
  throw new Error('expected the call to fail, but it succeeded');
}

export const claudeBody = (text: string, extra: Record<string, unknown> = {}) => ({
  anthropic_version: 'bedrock-2023-05-31',
  max_tokens: 256,
  messages: [{ role: 'user', content: text }],
  ...extra,
});
export const novaBody = (text: string) => ({
  messages: [{ role: 'user', content: [{ text }] }],
  inferenceConfig: { maxTokens: 256 },
});
