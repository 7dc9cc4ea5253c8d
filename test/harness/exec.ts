// Runs a command to completion under a time limit; on timeout the command's whole process tree is killed.
import { spawn } from 'child_process';
import * as fs from 'fs';
import { killAll, killAllSync } from './processTree';

export interface ExecOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  timeoutMs: number;
  /** Append stdout and stderr here instead of inheriting them. */
  logFile?: string;
  /** Called with each chunk of output (for progress). */
  onOutput?: (text: string) => void;
}

export class ExecError extends Error {
  constructor(
    message: string,
    readonly output: string,
  ) {
    super(message);
  }
}

const running = new Set<number>();
let exitHookInstalled = false;

/** A command still running when this process exits (Ctrl+C during provisioning, say) is killed with it. */
function killOnExit(pid: number): void {
  running.add(pid);
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => killAllSync([...running]));
}

export function exec(command: string, args: string[], options: ExecOptions): Promise<string> {
  return new Promise((resolve, reject) => {
    const log = options.logFile ? fs.openSync(options.logFile, 'a') : undefined;
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    if (child.pid) killOnExit(child.pid);
    let output = '';
    const take = (chunk: Buffer) => {
      const text = chunk.toString();
      output = (output + text).slice(-200_000);
      if (log !== undefined) fs.writeSync(log, text);
      options.onOutput?.(text);
    };
    child.stdout.on('data', take);
    child.stderr.on('data', take);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      void killAll([child.pid!]);
    }, options.timeoutMs);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(new ExecError(`${command} could not start: ${err.message}`, output));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      running.delete(child.pid!);
      if (log !== undefined) fs.closeSync(log);
      const what = `${command} ${args.join(' ')}`;
      if (timedOut)
        reject(new ExecError(`${what} took longer than ${options.timeoutMs / 1000} s and was stopped`, output));
      else if (code !== 0) reject(new ExecError(`${what} failed (${signal ?? `exit ${code}`})`, output));
      else resolve(output);
    });
  });
}
