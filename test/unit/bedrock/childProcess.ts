// Runs a snippet in a fresh Node process. Used where a test needs state this process must not have or change:
// an empty module cache, or a HOME of its own (the SSO token cache path is derived from HOME only).
import { execFile } from 'node:child_process';

/** Runs `script` (CommonJS) with `env`; resolves to the JSON it writes to stdout. */
export function runNode<T>(script: string, env: Record<string, string | undefined>): Promise<T> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['-e', script], { env, timeout: 15000 }, (err, stdout, stderr) => {
      if (err) return reject(new Error(`${err.message}\n${stderr}`));
      try {
        resolve(JSON.parse(stdout) as T);
      } catch {
        reject(new Error(`not JSON: ${stdout}\n${stderr}`));
      }
    });
  });
}
