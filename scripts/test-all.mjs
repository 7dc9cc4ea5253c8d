// `npm test`: unit, integration and e2e tests, in that order, each run even when an earlier one failed. Every layer
// ends with a `<LAYER>-RESULT passed=N failed=M` line; a layer that crashes, times out or runs no tests counts as
// failed. The last line is the sum over all layers: `N passed, N failed`. Exits non-zero if anything failed.
import { spawn } from 'node:child_process';
import { repoRoot } from './lib.mjs';

const MINUTE = 60_000;
const layers = [
  { name: 'unit', label: 'UNIT', timeoutMs: 15 * MINUTE,
    args: ['run', 'test:unit', '--', '--reporter', 'out/test/harness/countingReporter.js', '--reporter-option', 'label=UNIT'] },
  { name: 'integration', label: 'INTEGRATION', timeoutMs: 25 * MINUTE, args: ['run', 'test:integration'] },
  { name: 'e2e', label: 'E2E', timeoutMs: 25 * MINUTE, args: ['run', 'test:e2e'] },
];

let current;
let interrupted = false;
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => {
    interrupted = true;
    // Ctrl+C reaches the whole terminal group already; other signals are passed on so the layer can clean up.
    if (sig !== 'SIGINT') current?.kill(sig);
  });
}

function runLayer(layer) {
  return new Promise((resolve) => {
    const child = spawn('npm', layer.args, { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'] });
    current = child;
    let output = '';
    child.stdout.on('data', (chunk) => {
      output = (output + chunk).slice(-100_000);
      process.stdout.write(chunk);
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 30_000).unref();
    }, layer.timeoutMs);
    child.on('error', (err) => { output += `\n${err.message}`; });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      current = undefined;
      resolve({ output, code: code ?? 1, signal, timedOut });
    });
  });
}

function score(layer, { output, code, signal, timedOut }) {
  const matches = [...output.matchAll(new RegExp(`${layer.label}-RESULT passed=(\\d+) failed=(\\d+)`, 'g'))];
  const last = matches.at(-1);
  if (timedOut) return { passed: last ? Number(last[1]) : 0, failed: Math.max(1, last ? Number(last[2]) : 0), note: `timed out after ${layer.timeoutMs / MINUTE} min` };
  if (!last) return { passed: 0, failed: 1, note: `could not run (exit ${signal ?? code}, no result line)` };
  const [passed, failed] = [Number(last[1]), Number(last[2])];
  if (passed + failed === 0) return { passed: 0, failed: 1, note: 'ran no tests' };
  if (code !== 0 && failed === 0) return { passed, failed: 1, note: `exited with ${signal ?? code} although every test passed` };
  return { passed, failed };
}

const summary = [];
const started = Date.now();
for (const layer of layers) {
  if (interrupted) {
    summary.push({ layer, passed: 0, failed: 1, note: 'not run (interrupted)', seconds: 0 });
    continue;
  }
  console.log(`\n===== ${layer.name} tests =====`);
  const t0 = Date.now();
  const result = score(layer, await runLayer(layer));
  summary.push({ layer, ...result, seconds: Math.round((Date.now() - t0) / 1000) });
}

console.log(`\n===== summary (${Math.round((Date.now() - started) / 1000)} s) =====`);
for (const s of summary) {
  console.log(`${s.layer.name.padEnd(12)} ${String(s.passed).padStart(4)} passed ${String(s.failed).padStart(4)} failed  ${String(s.seconds).padStart(4)} s${s.note ? `  (${s.note})` : ''}`);
}
const passed = summary.reduce((n, s) => n + s.passed, 0);
const failed = summary.reduce((n, s) => n + s.failed, 0);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || interrupted ? 1 : 0);
