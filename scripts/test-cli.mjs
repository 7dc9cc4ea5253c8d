// `npm run test:cli`: the command-line program as a user gets it. Builds it (esbuild.mjs --cli), packs cli/ with
// `npm pack`, installs that tarball with `npm install -g` into a scratch prefix (nothing else on the machine is
// touched), then runs the mocha suites of test/cli against the installed `bedrock-invoke` and the emulator. Ends with
// `CLI-RESULT passed=N failed=M`. `--no-build`: the TypeScript is already compiled (`npm test` does that).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { build, COMPILE, repoRoot, run } from './lib.mjs';

const CLI_BUILD = ['build the CLI (esbuild --cli)', process.execPath, ['esbuild.mjs', '--cli']];
const steps = process.argv.includes('--no-build') ? [CLI_BUILD] : [COMPILE, CLI_BUILD];
if (!(await build(steps))) {
  console.log('CLI-RESULT passed=0 failed=1');
  process.exit(1);
}

const scratch = mkdtempSync(path.join(tmpdir(), 'bedrock-cli-'));
const quiet = (command, args) => {
  const started = Date.now();
  const r = spawnSync(command, args, {
    cwd: repoRoot,
    encoding: 'utf8',
    env: { ...process.env, npm_config_update_notifier: 'false' },
  });
  if (r.status !== 0) {
    console.log(`${command} ${args.join(' ')} failed (exit ${r.status}):\n${r.stdout}${r.stderr}`);
    console.log('CLI-RESULT passed=0 failed=1');
    rmSync(scratch, { recursive: true, force: true });
    process.exit(1);
  }
  return { ...r, seconds: ((Date.now() - started) / 1000).toFixed(1) };
};
const packed = quiet('npm', ['pack', './cli', '--pack-destination', scratch, '--silent']);
const tarball = path.join(
  scratch,
  readdirSync(scratch).find((f) => f.endsWith('.tgz')),
);
console.log(`> npm pack: ${path.basename(tarball)} in ${packed.seconds} s`);
const prefix = path.join(scratch, 'prefix');
const installed = quiet('npm', ['install', '-g', '--prefix', prefix, '--offline', '--no-audit', '--no-fund', tarball]);
console.log(`> npm install -g --prefix <scratch> ${path.basename(tarball)} in ${installed.seconds} s`);

process.env.BEDROCK_CLI_BIN = path.join(prefix, 'bin', 'bedrock-invoke');
process.env.BEDROCK_CLI_TARBALL = tarball;
const { code } = await run(process.execPath, [
  'node_modules/mocha/bin/mocha.js',
  '--no-config',
  '--timeout',
  '30000',
  '--exit',
  '--reporter',
  'out/test/harness/countingReporter.js',
  '--reporter-option',
  'label=CLI',
  'out/test/cli/**/*.test.js',
]);
rmSync(scratch, { recursive: true, force: true });
process.exit(code);
