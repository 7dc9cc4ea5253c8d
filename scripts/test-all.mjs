// `npm test`: unit, CLI, conformance, integration and e2e tests, in that order, each run even when an earlier one failed.
// Every layer ends with a `<LAYER>-RESULT passed=N failed=M` line; a layer that crashes, times out or runs no tests
// counts as failed. The last line is the sum over all layers: `N passed, N failed`. Exits non-zero if anything failed.
import { build, COMPILE, run, stopSteps, wasInterrupted } from './lib.mjs';

const MINUTE = 60_000;
const node = process.execPath;
// The same commands as `npm run test:unit`, `test:cli`, `test:conformance`, `test:integration` and `test:e2e`, run directly so
// signals reach them.
const layers = [
  {
    name: 'unit',
    label: 'UNIT',
    timeoutMs: 15 * MINUTE,
    prepare: () => build([COMPILE]),
    command: [
      node,
      [
        'node_modules/mocha/bin/mocha.js',
        '--reporter',
        'out/test/harness/countingReporter.js',
        '--reporter-option',
        'label=UNIT',
      ],
    ],
  },
  { name: 'cli', label: 'CLI', timeoutMs: 5 * MINUTE, command: [node, ['scripts/test-cli.mjs', '--no-build']] },
  {
    name: 'conformance',
    label: 'CONFORMANCE',
    timeoutMs: 5 * MINUTE,
    command: [node, ['scripts/test-conformance.mjs', '--no-build']],
  },
  {
    name: 'integration',
    label: 'INTEGRATION',
    timeoutMs: 25 * MINUTE,
    command: [node, ['scripts/test-integration.mjs']],
  },
  {
    name: 'untrusted',
    label: 'UNTRUSTED',
    timeoutMs: 10 * MINUTE,
    command: [node, ['scripts/test-integration.mjs', '--untrusted']],
  },
  { name: 'e2e', label: 'E2E', timeoutMs: 25 * MINUTE, command: [node, ['scripts/test-e2e.mjs']] },
];

async function runLayer(layer) {
  if (layer.prepare && !(await layer.prepare())) return { output: '', code: 1, note: 'could not build' };
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    stopSteps('SIGTERM'); // the layer stops what it started, then exits
  }, layer.timeoutMs);
  const result = await run(...layer.command);
  clearTimeout(timer);
  return { ...result, note: timedOut ? `timed out after ${layer.timeoutMs / MINUTE} min` : undefined };
}

function score(layer, { output, code, note }) {
  const last = [...output.matchAll(new RegExp(`${layer.label}-RESULT passed=(\\d+) failed=(\\d+)`, 'g'))].at(-1);
  const [passed, failed] = last ? [Number(last[1]), Number(last[2])] : [0, 0];
  // A layer may skip itself with a reason it printed (the conformance suite without Python): not a failure.
  if (last && code === 0 && new RegExp(`${layer.label}-RESULT passed=0 failed=0 skipped=1`).test(output)) {
    return { passed: 0, failed: 0, note: 'skipped (see its output)' };
  }
  if (note) return { passed, failed: Math.max(failed, 1), note };
  if (!last) return { passed: 0, failed: 1, note: `could not run (exit ${code}, no result line)` };
  if (passed + failed === 0) return { passed: 0, failed: 1, note: 'ran no tests' };
  if (code !== 0 && failed === 0) return { passed, failed: 1, note: `exited with ${code} although every test passed` };
  return { passed, failed };
}

const summary = [];
const started = Date.now();
for (const layer of layers) {
  const t0 = Date.now();
  if (wasInterrupted()) {
    summary.push({ layer, passed: 0, failed: 1, note: 'not run (interrupted)', seconds: 0 });
    continue;
  }
  console.log(`\n===== ${layer.name} tests =====`);
  const result = score(layer, await runLayer(layer));
  summary.push({ layer, ...result, seconds: Math.round((Date.now() - t0) / 1000) });
}

console.log(`\n===== summary (${Math.round((Date.now() - started) / 1000)} s) =====`);
for (const s of summary) {
  console.log(
    `${s.layer.name.padEnd(12)} ${String(s.passed).padStart(4)} passed ${String(s.failed).padStart(4)} failed  ${String(s.seconds).padStart(4)} s${s.note ? `  (${s.note})` : ''}`,
  );
}
const passed = summary.reduce((n, s) => n + s.passed, 0);
const failed = summary.reduce((n, s) => n + s.failed, 0);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
