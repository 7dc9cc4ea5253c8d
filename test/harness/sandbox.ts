// A throwaway home for one run: code-server, its extension host and chromium get their own HOME, TMPDIR and XDG
// folders here, so nothing reads or writes the real home (~/.aws above all) or litters /tmp. The folder lives in the
// system temp dir rather than .cache/ because unix socket paths are limited to 107 bytes.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CleanupScope } from './cleanup';
import { RUN_TAG_VAR, taggedProcesses } from './processTree';

export interface Sandbox {
  /** Tags every process of this run (see processTree.ts). */
  id: string;
  dir: string;
  home: string;
  userDataDir: string;
  extensionsDir: string;
  workspace: string;
  logsDir: string;
  /** The environment for every process this run starts. */
  env: NodeJS.ProcessEnv;
  /** What to stop when the run ends: servers, browser, emulator, leftover processes. */
  cleanup: CleanupScope;
  /** Removes the folder; kept when a run failed, so its logs can be read. */
  remove(): void;
}

// Variables that would let the real machine's AWS setup, VS Code or Node options leak into the run.
const DROPPED_ENV = /^(AWS_|VSCODE_|ELECTRON_|NODE_OPTIONS$|NODE_PATH$|npm_)/;

const KEEP_FAILED_RUNS_MS = 24 * 3600_000;

/** Failed runs keep their folder for reading; a day later, when nothing of theirs still runs, it goes. */
function pruneOldSandboxes(): void {
  for (const name of fs.readdirSync(os.tmpdir()).filter((n) => /^bedrock-[a-z]+-\w{6}$/.test(n))) {
    const dir = path.join(os.tmpdir(), name);
    const age = Date.now() - (fs.statSync(dir, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
    if (age > KEEP_FAILED_RUNS_MS && taggedProcesses(name).length === 0)
      fs.rmSync(dir, { recursive: true, force: true });
  }
}

export function createSandbox(label: string, extraEnv: NodeJS.ProcessEnv = {}): Sandbox {
  pruneOldSandboxes();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `bedrock-${label}-`));
  const id = path.basename(dir);
  const sub = (name: string) => {
    const p = path.join(dir, name);
    fs.mkdirSync(p, { recursive: true });
    return p;
  };
  const home = sub('home');
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!DROPPED_ENV.test(k)) env[k] = v;
  Object.assign(env, {
    HOME: home,
    TMPDIR: sub('tmp'),
    XDG_CONFIG_HOME: sub('home/.config'),
    XDG_DATA_HOME: sub('home/.local/share'),
    XDG_CACHE_HOME: sub('home/.cache'),
    XDG_RUNTIME_DIR: sub('run'),
    AWS_CONFIG_FILE: path.join(home, '.aws', 'config'),
    AWS_SHARED_CREDENTIALS_FILE: path.join(home, '.aws', 'credentials'),
    // No extension marketplace: offline it only produces errors (code-server reads its gallery from here).
    EXTENSIONS_GALLERY: '{}',
    [RUN_TAG_VAR]: id,
    ...extraEnv,
  });
  fs.chmodSync(env.XDG_RUNTIME_DIR!, 0o700);
  return {
    id,
    dir,
    home,
    userDataDir: sub('user-data'),
    extensionsDir: sub('extensions'),
    workspace: path.join(dir, 'workspace'),
    logsDir: sub('logs'),
    env,
    cleanup: new CleanupScope(id),
    remove: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}
