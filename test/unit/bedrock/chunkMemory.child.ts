// Run as its own Node process by chunkMemory.test.ts: one streamed answer whose single chunk carries
// `CHUNK_CHARS` characters of text, through BedrockClients (our decoder) or, with MEMORY_CLIENT=sdk, through the
// SDK's own event-stream decoder, and the peak resident memory it took above the process's resident size before
// (Linux: VmHWM after resetting it through /proc/self/clear_refs). Prints one JSON line.
import { readFileSync, writeFileSync } from 'node:fs';
import { BedrockRuntimeClient, InvokeModelWithResponseStreamCommand } from '@aws-sdk/client-bedrock-runtime';
import { BedrockClients } from '../../../src/core/bedrock';
import { runTextInvocation, type BedrockCaller } from '../../../src/core/invoke/textInvocation';
import { getFamily } from '../../../src/core/models';
import { cleanEnv, DEFAULT_KEY, writeAwsFiles } from './awsFiles';

function status(field: string): number {
  const line = readFileSync('/proc/self/status', 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${field}:`));
  return Number(/(\d+)/.exec(line ?? '')?.[1] ?? NaN) * 1024;
}

async function main(): Promise<void> {
  const endpoint = process.env.MEMORY_ENDPOINT!;
  const chars = Number(process.env.CHUNK_CHARS);
  const files = writeAwsFiles();
  const anthropic = getFamily('anthropic');
  const request = {
    modelId: 'anthropic.claude-3-haiku-20240307-v1:0',
    body: JSON.stringify(anthropic.buildBody({ prompt: 'Hi' })),
  };
  const connection = { profile: 'default', endpoint };
  let caller: BedrockCaller;
  const clients = new BedrockClients({
    env: cleanEnv(),
    configFile: files.configFile,
    credentialsFile: files.credentialsFile,
    maxAttempts: 1,
  });
  if (process.env.MEMORY_CLIENT === 'sdk') {
    const raw = new BedrockRuntimeClient({ region: 'eu-west-1', endpoint, credentials: DEFAULT_KEY, maxAttempts: 1 });
    const decoder = new TextDecoder();
    caller = {
      invoke: () => Promise.reject(new Error('not used')),
      stream: async (_settings, req) => {
        const out = await raw.send(new InvokeModelWithResponseStreamCommand(req));
        return {
          metadata: {},
          events: (async function* () {
            for await (const event of out.body!)
              if (event.chunk?.bytes) yield JSON.parse(decoder.decode(event.chunk.bytes)) as unknown;
          })(),
        };
      },
    };
  } else {
    caller = clients;
  }
  let kept = 0;
  const sink = { append: (t: string) => (kept += t.length), appendReasoning: () => undefined };
  const limits = { maxAnswerChars: 2 * chars };
  // Warm up (SDK loaded, connection open) with a small answer, then measure the big one.
  process.env.WARMUP = '1';
  const warm = await runTextInvocation({ caller, connection, request, family: anthropic, stream: true, sink, limits });
  if (warm.outcome !== 'completed') throw new Error(`warm-up: ${String(warm.error)}`);
  global.gc?.();
  const before = status('VmRSS');
  writeFileSync('/proc/self/clear_refs', '5');
  const started = performance.now();
  const result = await runTextInvocation({
    caller,
    connection,
    request,
    family: anthropic,
    stream: true,
    sink,
    limits,
  });
  const peak = status('VmHWM');
  const ms = Math.round(performance.now() - started);
  const text = result.text.length;
  clients.dispose();
  files.remove();
  process.stdout.write(
    `${JSON.stringify({ outcome: result.outcome, error: result.error ? String(result.error) : undefined, text, peakAboveBefore: peak - before, ms })}\n`,
  );
  process.exit(0);
}

void main();
