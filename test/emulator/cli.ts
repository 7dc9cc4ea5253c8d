/** `npm run emulator -- [--port N] [--host H] [--chunks N] [--chunks-per-second N] [--first-byte-delay MS] [--filler-tokens N]` */
import { parseArgs } from 'node:util';
import { startEmulator } from './index';

function num(name: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) {
    console.error(`--${name} needs a non-negative number, got "${v}"`);
    process.exit(2);
  }
  return n;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '0' },
      host: { type: 'string', default: '127.0.0.1' },
      chunks: { type: 'string' },
      'chunks-per-second': { type: 'string' },
      'first-byte-delay': { type: 'string' },
      'filler-tokens': { type: 'string' },
      quiet: { type: 'boolean', default: false },
    },
  });
  const emulator = await startEmulator({
    port: num('port', values.port),
    host: values.host,
    fillerTokens: num('filler-tokens', values['filler-tokens']),
    pacing: {
      chunks: num('chunks', values.chunks),
      chunksPerSecond: num('chunks-per-second', values['chunks-per-second']),
      firstByteDelayMs: num('first-byte-delay', values['first-byte-delay']),
    },
    log: values.quiet ? undefined : (line) => console.log(line),
  });
  console.log(`Bedrock emulator listening on ${emulator.url}`);
  let stopping = false;
  const stop = () => {
    if (stopping) process.exit(1);
    stopping = true;
    void emulator.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
