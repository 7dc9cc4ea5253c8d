// `npm run test:conformance`: the emulator driven by clients this team did not write — botocore (the AWS SDK for
// Python) and the AWS CLI v1 — with every answer checked against the service model botocore ships
// (test/conformance, pytest). Ends with `CONFORMANCE-RESULT passed=N failed=M`. Where Python, botocore or pytest is
// absent, it says so and what to install, prints `CONFORMANCE-RESULT passed=0 failed=0 skipped=1` and exits 0
// (`.ci/run` makes sure they are there). `--no-build`: the TypeScript is already compiled (`npm test` does that).
import { spawnSync } from 'node:child_process';
import { build, COMPILE, run } from './lib.mjs';

const python = process.env.PYTHON || 'python3';
const probe = spawnSync(python, ['-c', 'import botocore, pytest; print(botocore.__version__)'], { encoding: 'utf8' });
if (probe.error || probe.status !== 0) {
  const why = probe.error ? `${python} was not found` : (probe.stderr.trim().split('\n').at(-1) ?? 'import failed');
  console.log(`Conformance suite skipped: it needs Python 3 with botocore and pytest (${why}).`);
  console.log('Install them (Debian: apt-get install python3-botocore python3-pytest awscli) and run it again.');
  console.log('CONFORMANCE-RESULT passed=0 failed=0 skipped=1');
  process.exit(0);
}
console.log(`botocore ${probe.stdout.trim()}`);
if (!process.argv.includes('--no-build') && !(await build([COMPILE]))) process.exit(1);

// No bytecode or pytest cache is written into the repository.
process.env.PYTHONDONTWRITEBYTECODE = '1';
const { code } = await run(python, [
  '-m',
  'pytest',
  '-q',
  '-p',
  'no:cacheprovider',
  '--rootdir',
  'test/conformance',
  'test/conformance',
]);
process.exit(code);
