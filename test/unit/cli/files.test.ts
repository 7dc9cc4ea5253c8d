// The CLI reads request files by the same rule as ${file:}: a committed link out of the folder it runs in, or to a
// device, is one errored result naming why, and is never read.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { run, type RunOptions } from '../../../src/cli/run';

function sink(): NodeJS.WriteStream & { text: string } {
  const out = { text: '', isTTY: false, write: (chunk: string) => ((out.text += chunk), true) };
  return out as unknown as NodeJS.WriteStream & { text: string };
}

describe('CLI: request files behind links', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bedrock-cli-links-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('a request file linked to /dev/zero or to a file outside the folder is refused, with the reason, and nothing is sent', async () => {
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'bedrock-cli-outside-'));
    fs.writeFileSync(
      path.join(outside, 'secret.bedrock.json'),
      '{ "prompt": "from outside", "modelId": "amazon.nova-lite-v1:0" }',
    );
    fs.symlinkSync('/dev/zero', path.join(dir, 'zero.bedrock.json'));
    fs.symlinkSync(path.join(outside, 'secret.bedrock.json'), path.join(dir, 'outside.bedrock.json'));
    const stdout = sink();
    const options: RunOptions = {
      concurrency: 1,
      vars: new Map(),
      allowEnv: [],
      stream: false,
      reporter: 'json',
      failFast: false,
      endpoint: 'http://127.0.0.1:9',
      region: 'us-east-1',
    };
    const code = await run([], options, { cwd: dir, env: {}, stdout, stderr: sink() });
    fs.rmSync(outside, { recursive: true, force: true });
    assert.equal(code, 2, 'a request could not run');
    const report = JSON.parse(stdout.text) as {
      results: Array<{ file: string; status: string; error?: { message: string } }>;
    };
    const byFile = new Map(report.results.map((r) => [r.file, r]));
    assert.equal(byFile.get('zero.bedrock.json')?.status, 'errored');
    assert.match(byFile.get('zero.bedrock.json')?.error?.message ?? '', /\/dev|not a regular file|machine's state/);
    assert.equal(byFile.get('outside.bedrock.json')?.status, 'errored');
    assert.match(byFile.get('outside.bedrock.json')?.error?.message ?? '', /outside|workspace|folder/i);
  });
});
