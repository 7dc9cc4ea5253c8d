// Starts and stops code-server, the real VS Code server, inside a sandbox.
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { exec } from './exec';
import { killAll } from './processTree';
import type { VsCodeServer } from './provision';
import type { Sandbox } from './sandbox';

export interface CodeServerOptions {
  /** Folder to open when the page gives none. */
  folder?: string;
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** Flags passed through to the VS Code server, e.g. `enable-smoke-test-driver`. */
  vscodeOptions?: string[];
  startTimeoutMs?: number;
  /** Leave VS Code's workspace trust on (default off: every folder is trusted). */
  workspaceTrust?: boolean;
}

export interface RunningCodeServer {
  url: string;
  port: number;
  pid: number;
  /** code-server's own log (stdout and stderr). */
  logFile: string;
  /** Settles when the server process exits, with its exit code. */
  exited: Promise<number | null>;
  stop(): Promise<void>;
}

const LISTENING = /HTTP server listening on (http:\/\/\S+?)\/?\s/;

function baseArgs(server: VsCodeServer, sandbox: Sandbox): string[] {
  return [server.entry, '--extensions-dir', sandbox.extensionsDir, '--user-data-dir', sandbox.userDataDir];
}

export async function startCodeServer(
  server: VsCodeServer,
  sandbox: Sandbox,
  options: CodeServerOptions = {},
): Promise<RunningCodeServer> {
  const args = [
    ...baseArgs(server, sandbox),
    '--auth',
    'none',
    '--bind-addr',
    `${options.host ?? '127.0.0.1'}:${options.port ?? 0}`,
    '--disable-telemetry',
    '--disable-update-check',
    ...(options.workspaceTrust ? [] : ['--disable-workspace-trust']),
    '--disable-getting-started-override',
    '--config',
    path.join(sandbox.dir, 'code-server.yaml'),
    ...(options.vscodeOptions ?? []).flatMap((o) => ['--vscode-option', o]),
    ...(options.folder ? [options.folder] : []),
  ];
  const logFile = path.join(sandbox.logsDir, 'code-server.log');
  const log = fs.createWriteStream(logFile, { flags: 'a' });
  // Its own process group: Ctrl+C in the terminal reaches the harness, which then stops the server in order.
  const child = spawn(server.node, args, {
    env: sandbox.env,
    cwd: sandbox.home,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const stop = sandbox.cleanup.add('code-server', async () => {
    await killAll([child.pid!]);
    log.end();
  });
  const timeoutMs = options.startTimeoutMs ?? 60_000;
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let seen = '';
      const timer = setTimeout(
        () => reject(new Error(`code-server did not start listening within ${timeoutMs / 1000} s`)),
        timeoutMs,
      );
      const onData = (chunk: Buffer) => {
        seen += chunk.toString();
        const m = LISTENING.exec(seen);
        if (m) {
          clearTimeout(timer);
          child.stdout.off('data', onData);
          resolve(m[1]);
        }
      };
      child.stdout.on('data', onData);
      child.on('error', (err) => {
        clearTimeout(timer);
        reject(err);
      });
      child.on('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`code-server exited (${code}) before listening:\n${seen.slice(-2000)}`));
      });
    });
    return { url, port: Number(new URL(url).port), pid: child.pid!, logFile, exited, stop };
  } catch (err) {
    await stop();
    throw new Error(`${(err as Error).message}\nLog: ${logFile}`);
  }
}

/** Installs a .vsix the way a user would (`code-server --install-extension`) into the sandbox's extensions folder. */
export async function installExtension(server: VsCodeServer, sandbox: Sandbox, vsix: string): Promise<void> {
  const output = await exec(server.node, [...baseArgs(server, sandbox), '--install-extension', vsix, '--force'], {
    env: sandbox.env,
    cwd: sandbox.home,
    timeoutMs: 120_000,
    logFile: path.join(sandbox.logsDir, 'install-extension.log'),
  });
  if (!/successfully installed/i.test(output)) throw new Error(`Installing ${vsix} did not report success:\n${output}`);
}
