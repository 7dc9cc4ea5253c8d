// Small helpers the runner scripts share: run a step with its output streamed, and time things.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import * as path from 'node:path';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Runs a command in the repo root with inherited output; resolves to its exit code (never rejects). */
export function run(command, args, { env = process.env, quiet = false } = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: repoRoot, env, stdio: quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit' });
    let output = '';
    if (quiet) {
      child.stdout.on('data', (d) => { output += d; });
      child.stderr.on('data', (d) => { output += d; });
    }
    child.on('error', (err) => {
      console.error(`${command}: ${err.message}`);
      resolve(127);
    });
    child.on('close', (code, signal) => {
      if (quiet && code !== 0) process.stderr.write(output);
      resolve(code ?? (signal ? 128 : 1));
    });
  });
}

/** Runs named build steps in order; returns false (after saying which) at the first that fails. */
export async function build(steps) {
  for (const [title, command, args] of steps) {
    const started = Date.now();
    process.stdout.write(`> ${title}... `);
    const code = await run(command, args, { quiet: true });
    if (code !== 0) {
      console.log(`failed (exit ${code})`);
      return false;
    }
    console.log(`done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  return true;
}

export const COMPILE = ['compile (tsc)', 'npm', ['run', '--silent', 'compile']];
export const BUNDLE = ['bundle (esbuild)', 'npm', ['run', '--silent', 'bundle']];
export const PACKAGE = ['package the .vsix (vsce)', 'npm', ['run', '--silent', 'package']];
