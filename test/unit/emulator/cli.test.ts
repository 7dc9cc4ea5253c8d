import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { once } from 'node:events';
import { claudeBody, invokeJson, runtimeClient } from './helpers';
import type { RunningEmulator } from '../../emulator';

describe('emulator CLI', () => {
  it('prints the listening URL with the real port, logs each request and stops cleanly on SIGINT', async () => {
    const cli = path.join(__dirname, '../../emulator/cli.js');
    const child = spawn(process.execPath, [cli, '--port', '0', '--chunks', '3', '--first-byte-delay', '5'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    const deadline = Date.now() + 10_000;
    while (!/listening on (http:\/\/\S+)\n/.test(out) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 20));
    const url = /^Bedrock emulator listening on (http:\/\/127\.0\.0\.1:(\d+))\n/.exec(out);
    assert.ok(url, out);
    assert.notEqual(url[2], '0');
    const config = (await (await fetch(`${url[1]}/_emulator/config`)).json()) as {
      config: { pacing: { chunks: number; firstByteDelayMs: number } };
    };
    assert.deepEqual([config.config.pacing.chunks, config.config.pacing.firstByteDelayMs], [3, 5]);
    const client = runtimeClient({ url: url[1] } as RunningEmulator, 'h2');
    await invokeJson(client, 'amazon.nova-micro-v1:0', { messages: [{ role: 'user', content: [{ text: 'cli' }] }] });
    await invokeJson(client, 'anthropic.claude-3-haiku-20240307-v1:0', claudeBody('cli'));
    client.destroy();
    while (out.split('\n').filter((l) => l.startsWith('POST /model/')).length < 2 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 20));
    assert.match(out, /POST \/model\/amazon\.nova-micro-v1%3A0\/invoke InvokeModel HTTP\/2 -> 200/);
    child.kill('SIGINT');
    const [code] = (await once(child, 'exit')) as [number];
    assert.equal(code, 0);
  });
});
