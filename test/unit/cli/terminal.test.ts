// The CLI's --stream output: answers go to stdout as they arrive, redacted as the whole answer would be.
import * as assert from 'node:assert/strict';
import { Terminal } from '../../../src/cli/terminal';
import { redact } from '../../../src/core/security';
import type { RequestTestResult } from '../../../src/core/testing';

function sink(): NodeJS.WriteStream & { text: string } {
  const out = { text: '', isTTY: false, write: (chunk: string) => ((out.text += chunk), true) };
  return out as unknown as NodeJS.WriteStream & { text: string };
}

const KEY_ID = 'ASIAY34FZKBOKMUTVV7A';
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

describe('CLI terminal: --stream', () => {
  it('a secret split across two chunks never reaches stdout, and the answer reads as redacting it whole', () => {
    const stdout = sink();
    const stderr = sink();
    const terminal = new Terminal({ stdout, stderr, env: {} }, { reporter: 'pretty', stream: true }, (t) => t);
    const answer = `Use ${KEY_ID} with aws_secret_access_key = ${SECRET} and Authorization: Bearer abcdefghijklmnopqrstuvwxyz now.`;
    const text = terminal.streamSink('a.bedrock.json#0', 'a.bedrock.json › request 1');
    for (let i = 0; i < answer.length; i += 9) text.append(answer.slice(i, i + 9));
    const result = {
      file: 'a.bedrock.json',
      index: 0,
      name: 'request 1',
      path: [],
      range: { offset: 0, length: 1 },
      status: 'passed',
      failures: [],
      durationMs: 1,
      usage: {},
      graderUsage: {},
      hasExpectations: false,
    } as unknown as RequestTestResult;
    terminal.result(result, undefined);
    assert.ok(!stdout.text.includes(SECRET.slice(0, 12)), stdout.text);
    assert.ok(!stdout.text.includes('abcdefghijklmnop'), stdout.text);
    assert.ok(stdout.text.includes(redact(answer)), stdout.text);
  });
});
