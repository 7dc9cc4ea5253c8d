// Small helpers the runner scripts share: run a step with its output streamed, and pass signals on to it.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import * as path from 'node:path';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const children = new Set();
let interrupted = false;

/** True once this process got SIGINT, SIGTERM or SIGHUP. */
export const wasInterrupted = () => interrupted;

// A signal is passed on to the running steps, which stop what they started and exit; this script then exits with
// their code. (Ctrl+C in a terminal reaches them directly too; the harness ignores the duplicate.)
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => {
    interrupted = true;
    for (const child of children) child.kill(sig);
    // Exit now unless a step is still stopping or the harness, loaded in this process, is stopping its own things.
    if (children.size === 0 && process.listenerCount(sig) === 1)
      process.exit(128 + { SIGINT: 2, SIGTERM: 15, SIGHUP: 1 }[sig]);
  });
}

/** Sends a signal to every running step (a time limit ran out); SIGKILL follows for any still alive after `graceMs`. */
export function stopSteps(sig = 'SIGTERM', graceMs = 30_000) {
  const targets = [...children];
  for (const child of targets) child.kill(sig);
  setTimeout(() => targets.forEach((c) => c.exitCode === null && c.kill('SIGKILL')), graceMs).unref();
}

/**
 * Runs a command in the repo root; resolves to { code, output } (never rejects). Output is streamed unless `quiet`
 * (then it is printed only on failure); `onOutput` sees stdout as it comes.
 */
export function run(command, args, { quiet = false, onOutput } = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    children.add(child);
    let output = '';
    child.stdout.on('data', (d) => {
      output = (output + d).slice(-200_000);
      onOutput?.(d);
      if (!quiet) process.stdout.write(d);
    });
    child.stderr.on('data', (d) => {
      output = (output + d).slice(-200_000);
      if (!quiet) process.stderr.write(d);
    });
    let settled = false;
    const settle = (code) => {
      if (settled) return;
      settled = true;
      children.delete(child);
      if (quiet && code !== 0) process.stderr.write(output);
      resolve({ code, output });
    };
    child.on('error', (err) => {
      output += `${command}: ${err.message}\n`;
      settle(127);
    });
    // 'close' waits for the output pipes; a grandchild that outlives the step could hold them open for ever.
    child.on('exit', (code, signal) => setTimeout(() => settle(code ?? (signal ? 128 : 1)), 5000).unref());
    child.on('close', (code, signal) => settle(code ?? (signal ? 128 : 1)));
  });
}

/** Runs named build steps quietly, in order; returns false (after showing the output) at the first that fails. */
export async function build(steps) {
  for (const [title, command, args] of steps) {
    const started = Date.now();
    process.stdout.write(`> ${title}... `);
    const { code } = await run(command, args, { quiet: true });
    if (code !== 0) {
      console.log(`failed (exit ${code})`);
      return false;
    }
    console.log(`done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  return true;
}

const node = (script, ...args) => [process.execPath, [script, ...args]];
// Build steps run the tools directly (not through `npm run`, whose shell does not pass signals on).
export const COMPILE = ['compile (tsc)', ...node('node_modules/typescript/bin/tsc', '-p', '.')];
export const BUNDLE = ['bundle (esbuild)', ...node('esbuild.mjs')];
export const PACKAGE = ['package the .vsix (vsce)', 'npm', ['run', '--silent', 'package']];
