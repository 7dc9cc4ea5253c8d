// The `bedrock-invoke` command as a user installs it: the tarball `npm pack` makes of cli/, installed with
// `npm install -g` into a scratch prefix (scripts/test-cli.mjs), run as a child process against the emulator with a
// throwaway AWS config. Reporters, exit codes, a failing expectation, bad credentials, variables, streaming,
// --fail-fast, colours, redaction and Ctrl+C aborting the requests still open.
import * as assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DEFAULT_ACCESS_KEY_ID, DEFAULT_SECRET_ACCESS_KEY, startEmulator, type RunningEmulator } from '../emulator';

const HAIKU = 'anthropic.claude-3-haiku-20240307-v1:0';
const ESC = '\u001b[';
const EMBED = 'amazon.titan-embed-text-v2:0';

function bin(): string {
  const file = process.env.BEDROCK_CLI_BIN;
  if (!file) throw new Error('BEDROCK_CLI_BIN is not set: run these tests through npm run test:cli');
  return file;
}

interface Ran {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
}

describe('bedrock-invoke (the installed CLI)', function () {
  let emulator: RunningEmulator;
  let home: string;
  let work: string;

  /** An environment with nothing of the machine's AWS setup: a throwaway HOME and config, no colours unless asked. */
  const env = (extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv => {
    const base: NodeJS.ProcessEnv = {};
    for (const [k, v] of Object.entries(process.env)) if (!/^(AWS_|NO_COLOR|FORCE_COLOR|CI$)/.test(k)) base[k] = v;
    return {
      ...base,
      HOME: home,
      AWS_CONFIG_FILE: path.join(home, 'config'),
      AWS_SHARED_CREDENTIALS_FILE: path.join(home, 'credentials'),
      ...extra,
    };
  };

  const start = (args: string[], extra: Record<string, string | undefined> = {}): ChildProcess =>
    spawn(bin(), args, { cwd: work, env: env(extra), stdio: ['pipe', 'pipe', 'pipe'] });

  const finish = (child: ChildProcess, started = performance.now()): Promise<Ran> =>
    new Promise((resolve) => {
      let stdout = '';
      let stderr = '';
      child.stdout?.on('data', (d) => (stdout += d));
      child.stderr?.on('data', (d) => (stderr += d));
      child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr, ms: performance.now() - started }));
    });

  /** Runs the CLI to its end. stdin stays open and unused: the command must never wait on it. */
  const cli = (args: string[], extra?: Record<string, string | undefined>) => finish(start(args, extra));
  const runArgs = (...args: string[]) => ['run', '--profile', 'emu', '--endpoint', emulator.url, ...args];

  const write = (name: string, content: unknown) => {
    const file = path.join(work, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
    return file;
  };

  before(async () => {
    emulator = await startEmulator({ fillerTokens: 4 });
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'bedrock-cli-home-'));
    fs.writeFileSync(
      path.join(home, 'config'),
      [
        '[profile emu]',
        'region = us-east-1',
        '',
        '[profile wrongkeys]',
        'region = us-east-1',
        '',
        '[profile noregion]',
        '',
      ].join('\n'),
    );
    fs.writeFileSync(
      path.join(home, 'credentials'),
      [
        '[emu]',
        `aws_access_key_id = ${DEFAULT_ACCESS_KEY_ID}`,
        `aws_secret_access_key = ${DEFAULT_SECRET_ACCESS_KEY}`,
        '',
        '[wrongkeys]',
        'aws_access_key_id = AKIAWRONGWRONGWRONG1',
        'aws_secret_access_key = wrongSecretKeyExample',
        '',
        '[noregion]',
        `aws_access_key_id = ${DEFAULT_ACCESS_KEY_ID}`,
        `aws_secret_access_key = ${DEFAULT_SECRET_ACCESS_KEY}`,
        '',
      ].join('\n'),
    );
  });
  beforeEach(async () => {
    emulator.reset();
    emulator.configure({ fillerTokens: 4, pacing: { chunksPerSecond: 0, firstByteDelayMs: 0, chunks: 0 } });
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'bedrock-cli-work-'));
  });
  afterEach(() => fs.rmSync(work, { recursive: true, force: true }));
  after(async () => {
    await emulator?.close();
    fs.rmSync(home, { recursive: true, force: true });
  });

  it('is a package of its own: the tarball holds the bundled program and its license only, and installs a bedrock-invoke bin', () => {
    const tarball = process.env.BEDROCK_CLI_TARBALL;
    assert.ok(tarball);
    const listed = spawnSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).stdout.trim().split('\n').sort();
    assert.deepEqual(listed, [
      'package/LICENSE',
      'package/README.md',
      'package/dist/cli.js',
      'package/dist/config.js',
      'package/dist/run.js',
      'package/dist/sdk.js',
      'package/dist/secretlint.js',
      'package/package.json',
    ]);
    const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../cli/package.json'), 'utf8')) as {
      dependencies?: unknown;
      version: string;
    };
    assert.equal(manifest.dependencies, undefined, 'everything is bundled: nothing to download on install');
    assert.ok(fs.realpathSync(bin()).endsWith(path.join('bedrock-invoke-cli', 'dist', 'cli.js')));
  });

  it('--version prints the package version, fast (median of 5 starts)', async () => {
    const version = (
      JSON.parse(fs.readFileSync(path.join(__dirname, '../../../cli/package.json'), 'utf8')) as { version: string }
    ).version;
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const r = await cli(['--version']);
      assert.equal(r.code, 0);
      assert.equal(r.stdout.trim(), version);
      times.push(r.ms);
    }
    const median = times.sort((a, b) => a - b)[2];
    console.log(
      `      bedrock-invoke --version: median ${median.toFixed(0)} ms (${times.map((t) => t.toFixed(0)).join(', ')})`,
    );
    // The goal is 150 ms on a quiet machine; the bound leaves room for a busy one.
    assert.ok(median < 400, `--version took ${median.toFixed(0)} ms`);
  });

  it('pretty: every request passes → exit 0, one line per request with duration and tokens, totals, no colours off a terminal', async () => {
    write('prompts/a.bedrock.json', [
      { name: 'capital', modelId: HAIKU, prompt: 'Paris is the capital', expect: { contains: 'Paris' } },
      { name: 'smoke', modelId: HAIKU, prompt: 'just answer' },
    ]);
    write('b.bedrock.json', {
      name: 'embedding',
      modelId: EMBED,
      body: { inputText: 'hello', dimensions: 256 },
      expect: { dimension: 256 },
    });
    write('node_modules/ignored.bedrock.json', { modelId: HAIKU, prompt: 'never sent' });

    const r = await cli(runArgs());

    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(
      r.stdout,
      /✓ capital \(prompts\/a\.bedrock\.json:2:3\) · passed · \d+ ms · \d+ in \/ \d+ out tokens · stop: end_turn/,
    );
    assert.match(r.stdout, /✓ smoke \(prompts\/a\.bedrock\.json:\d+:3\) · passed/);
    assert.match(r.stdout, /✓ embedding \(b\.bedrock\.json:1:1\) · passed/);
    assert.match(r.stdout, /^3 passed, 0 failed · \d+ ms · \d+ in \/ \d+ out tokens$/m);
    assert.ok(!r.stdout.includes(ESC), 'no colour codes into a pipe');
    assert.equal(
      emulator.requests().filter((q) => q.operation.startsWith('InvokeModel')).length,
      3,
      'node_modules is not searched',
    );
  });

  it('a failing expectation → exit 1, with what was expected, what came and file:line:column of the expectation', async () => {
    write(
      'f.bedrock.json',
      [
        '{',
        `  "name": "wrong capital", "modelId": "${HAIKU}", "prompt": "Lyon is nice",`,
        '  "expect": {',
        '    "contains": ["Lyon", "Paris"]',
        '  }',
        '}',
      ].join('\n'),
    );

    const r = await cli(runArgs('f.bedrock.json'));

    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.match(r.stdout, /✗ wrong capital \(f\.bedrock\.json:1:1\) · failed/);
    assert.match(
      r.stdout,
      /✗ expect\.contains \(f\.bedrock\.json:4:26\): Expected the answer to contain "Paris"; it does not/,
    );
    assert.match(r.stdout, /expected: contains "Paris"\n\s+actual: +Lyon is nice/);
    assert.match(r.stdout, /0 passed, 1 failed/);
  });

  it("json: every result with status, tokens, the answer and each failure's place, on stdout; people's lines on stderr", async () => {
    write('j.bedrock.json', [
      { name: 'ok', modelId: HAIKU, prompt: 'hello json', expect: { contains: 'json' } },
      { name: 'no', modelId: HAIKU, prompt: 'hello json', expect: { matches: '^bye' } },
    ]);

    const r = await cli(runArgs('--reporter', 'json', '--concurrency', '1'));

    assert.equal(r.code, 1);
    const report = JSON.parse(r.stdout) as {
      tool: string;
      totals: { passed: number; failed: number };
      results: Array<{
        name: string;
        status: string;
        answer: string;
        usage: { outputTokens: number };
        failures: Array<{ expectation: string; line: number; column: number; expected: string }>;
      }>;
    };
    assert.equal(report.tool, 'bedrock-invoke');
    assert.deepEqual([report.totals.passed, report.totals.failed], [1, 1]);
    const [ok, no] = report.results;
    assert.deepEqual([ok.name, ok.status, no.name, no.status], ['ok', 'passed', 'no', 'failed']);
    assert.ok(ok.answer.startsWith('hello json'), ok.answer);
    assert.ok(ok.usage.outputTokens > 0);
    assert.deepEqual([no.failures[0].expectation, no.failures[0].expected], ['matches', 'matches /^bye/']);
    assert.ok(no.failures[0].line > 1 && no.failures[0].column > 1);
    assert.match(r.stderr, /1 passed, 1 failed/);
  });

  it('junit --output: JUnit XML with a suite per file, a failure per failed test and an error per request that could not run', async () => {
    write('suite/x.bedrock.json', [
      { name: 'passes', modelId: HAIKU, prompt: 'x' },
      { name: 'fails', modelId: HAIKU, prompt: 'x', expect: { contains: 'zzz' } },
      { name: 'cannot run', modelId: 'anthropic.claude-3-opus-20240229-v1:0', prompt: 'x' },
    ]);

    const r = await cli(runArgs('--reporter', 'junit', '--output', 'reports/junit.xml'));

    assert.equal(r.code, 2, 'an errored request makes the exit code 2');
    const xml = fs.readFileSync(path.join(work, 'reports/junit.xml'), 'utf8');
    assert.match(xml, /<testsuites [^>]*tests="3"[^>]*failures="1"[^>]*errors="1"/);
    assert.match(xml, /<testsuite name="suite\/x\.bedrock\.json"/);
    assert.match(
      xml,
      /<testcase classname="suite\.x" name="fails"[^>]*>\s*<failure message="Expected the answer to contain &quot;zzz&quot;/,
    );
    assert.match(
      xml,
      /<testcase classname="suite\.x" name="cannot run"[^>]*>\s*<error message="[^"]*access[^"]*" type="AccessDeniedException"/i,
    );
    assert.match(r.stdout, /1 passed, 1 failed, 1 errored/, 'with --output the lines for people are on stdout');
  });

  it('bad credentials → exit 2, with the classified problem and its fix in words, and no secret in the output', async () => {
    write('c.bedrock.json', { name: 'signed wrong', modelId: HAIKU, prompt: 'hi' });

    const r = await cli(['run', '--profile', 'wrongkeys', '--endpoint', emulator.url]);

    assert.equal(r.code, 2, r.stdout + r.stderr);
    assert.match(r.stdout, /! signed wrong \(c\.bedrock\.json:1:1\) · errored/);
    assert.match(r.stdout, /UnrecognizedClientException: .*security token.*invalid/i);
    assert.match(r.stdout, /profile|credentials/i, 'the fix names what to check');
    assert.ok(!(r.stdout + r.stderr).includes('wrongSecretKeyExample'));
  });

  it('no region anywhere → exit 2 before anything is sent, saying how to give one', async () => {
    write('r.bedrock.json', { modelId: HAIKU, prompt: 'hi' });
    const r = await cli(['run', '--profile', 'noregion', '--endpoint', emulator.url]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /No AWS region is set for profile "noregion"\. Pass --region/);
    assert.equal(emulator.requests().length, 0);
  });

  it('--var answers ${input:...}; a missing one fails clearly (exit 2) instead of waiting on stdin, and nothing is sent for it', async () => {
    write('v.bedrock.json', {
      name: 'asks',
      modelId: HAIKU,
      prompt: 'Write about ${input:Topic}',
      expect: { contains: 'caching' },
    });

    const missing = await cli(runArgs());
    assert.equal(missing.code, 2);
    assert.match(
      missing.stdout,
      /\$\{input:Topic\} has no value: the command line never asks\. Pass --var "Topic=\.\.\."/,
    );
    assert.equal(emulator.requests().length, 0);

    const given = await cli(runArgs('--var', 'Topic=prompt caching'));
    assert.equal(given.code, 0, given.stdout);
    assert.ok(JSON.stringify(emulator.requests()[0].body).includes('Write about prompt caching'));
  });

  it("${env:} follows the editor's secret rules (a secret-looking name only with --allow-env), and no output repeats a secret", async () => {
    write('e.bedrock.json', { name: 'leaks', modelId: HAIKU, prompt: 'the key is ${env:AWS_SECRET_ACCESS_KEY}' });
    const secret = 'cliTestSecretValue1234567890';

    const refused = await cli(runArgs(), { AWS_SECRET_ACCESS_KEY: secret });
    assert.equal(refused.code, 2);
    assert.match(refused.stdout, /AWS_SECRET_ACCESS_KEY/);
    assert.equal(emulator.requests().length, 0);

    const allowed = await cli(runArgs('--allow-env', 'AWS_SECRET_ACCESS_KEY', '--stream', '--reporter', 'json'), {
      AWS_SECRET_ACCESS_KEY: secret,
    });
    assert.equal(allowed.code, 0, allowed.stdout + allowed.stderr);
    assert.ok(JSON.stringify(emulator.requests()[0].body).includes(secret), 'the user allowed it: it was sent');
    assert.ok(!(allowed.stdout + allowed.stderr).includes(secret), 'the echoed secret is redacted in every output');
    assert.match(allowed.stdout, /\[redacted\]/);
  });

  it('--stream prints each answer to stdout as it arrives, in file order, with the results on stderr', async () => {
    write('s.bedrock.json', [
      { name: 'first', modelId: HAIKU, prompt: 'one one one' },
      { name: 'second', modelId: HAIKU, prompt: 'two two two' },
    ]);

    const r = await cli(runArgs('--stream'));

    assert.equal(r.code, 0);
    assert.match(
      r.stdout,
      /── s\.bedrock\.json › first ──\none one one alpha bravo charlie delta\s+── s\.bedrock\.json › second ──\ntwo two two alpha/,
    );
    assert.match(r.stderr, /✓ first/);
    assert.doesNotMatch(r.stdout, /✓/);
  });

  it('--fail-fast stops at the first failure: later requests are not sent and count as cancelled', async () => {
    write('ff.bedrock.json', [
      { name: 'fails', modelId: HAIKU, prompt: 'a', expect: { contains: 'zzz' } },
      { name: 'later 1', modelId: HAIKU, prompt: 'b' },
      { name: 'later 2', modelId: HAIKU, prompt: 'c' },
    ]);

    const r = await cli(runArgs('--fail-fast', '--concurrency', '1'));

    assert.equal(r.code, 1);
    assert.match(r.stdout, /--fail-fast: stopping after ff\.bedrock\.json › fails failed/);
    assert.match(r.stdout, /0 passed, 1 failed, 2 cancelled/);
    assert.equal(emulator.requests().length, 1);
  });

  it('colours only where asked or supported: FORCE_COLOR colours, NO_COLOR wins', async () => {
    write('k.bedrock.json', { modelId: HAIKU, prompt: 'hi' });
    const forced = await cli(runArgs(), { FORCE_COLOR: '1' });
    assert.ok(forced.stdout.includes(`${ESC}32m✓`), forced.stdout);
    const none = await cli(runArgs(), { FORCE_COLOR: '1', NO_COLOR: '1' });
    assert.ok(!none.stdout.includes(ESC), none.stdout);
  });

  // script(1) (Debian's essential bsdutils) gives the CLI a pseudo-terminal.
  it('on a terminal: a progress bar and colours, and every result line still shows (run in a pseudo-terminal by script(1))', async () => {
    write(
      't.bedrock.json',
      [0, 1, 2].map((i) => ({ name: `tty ${i}`, modelId: HAIKU, prompt: `tty ${i}` })),
    );
    const command = [bin(), ...runArgs()].map((a) => `'${a}'`).join(' ');

    const r = await finish(
      spawn('script', ['-qec', command, '/dev/null'], {
        cwd: work,
        env: env({ TERM: 'xterm-256color' }),
        stdio: ['pipe', 'pipe', 'pipe'],
      }),
    );

    assert.equal(r.code, 0, r.stdout);
    assert.match(r.stdout, /[░█]{10,} \d\/3/, 'the bar is drawn');
    for (const i of [0, 1, 2])
      assert.match(r.stdout, new RegExp(`✓.*tty ${i}`), `the line of tty ${i} is above the bar`);
    assert.ok(r.stdout.includes(`${ESC}32m`), 'green on a colour terminal');
  });

  it('no request file matches → exit 2 saying what to do', async () => {
    const r = await cli(runArgs('nothing/**/*.bedrock.json'));
    assert.equal(r.code, 2);
    assert.match(r.stderr, /No request files match "nothing\/\*\*\/\*\.bedrock\.json"/);
  });

  it('Ctrl+C (SIGINT) aborts every HTTP request still open and exits 130; requests not started are not sent', async () => {
    emulator.configure({ fillerTokens: 5000, pacing: { chunksPerSecond: 20 } });
    write(
      'slow.bedrock.json',
      [0, 1, 2, 3].map((i) => ({ name: `slow ${i}`, modelId: HAIKU, prompt: `slow ${i}` })),
    );

    const child = start(runArgs('--concurrency', '2'));
    const ran = finish(child);
    const deadline = Date.now() + 15_000;
    while (emulator.requests().filter((q) => (q.chunksSent ?? 0) > 0 && !q.completed).length < 2) {
      if (Date.now() > deadline) throw new Error('the two streams never opened');
      await new Promise((r) => setTimeout(r, 50));
    }
    child.kill('SIGINT');
    const r = await ran;

    assert.equal(r.code, 130, r.stdout + r.stderr);
    assert.match(r.stdout, /Interrupted: aborting the requests still open/);
    assert.match(r.stdout, /0 passed, 0 failed, 4 cancelled/);
    const deadline2 = Date.now() + 5000;
    while (!emulator.requests().every((q) => q.aborted) && Date.now() < deadline2)
      await new Promise((res) => setTimeout(res, 50));
    const records = emulator.requests();
    assert.equal(records.length, 2, 'nothing was sent after Ctrl+C');
    assert.ok(
      records.every((q) => q.aborted),
      'the emulator saw both requests aborted',
    );
  });
});
