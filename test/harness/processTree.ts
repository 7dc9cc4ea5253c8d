// Stopping code-server is not enough: it leaves its file watcher, pty host and extension host behind, and chromium
// has a zygote and renderers. Every process a run starts carries a tag in its environment, so the run can find them
// all at the end, even the ones that were re-parented to init when their parent died.
import * as fs from 'fs';

export const RUN_TAG_VAR = 'BEDROCK_HARNESS_RUN';

interface ProcInfo {
  pid: number;
  ppid: number;
  state: string;
}

function readProc(pid: number): ProcInfo | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name is in parentheses and may itself contain spaces or parentheses.
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { pid, state: rest[0], ppid: Number(rest[1]) };
  } catch {
    return undefined;
  }
}

function allPids(): number[] {
  return fs
    .readdirSync('/proc')
    .filter((n) => /^\d+$/.test(n))
    .map(Number);
}

function isAlive(pid: number): boolean {
  const info = readProc(pid);
  return info !== undefined && info.state !== 'Z';
}

/** All processes below `root` (not including it). */
export function descendants(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const pid of allPids()) {
    const info = readProc(pid);
    if (!info) continue;
    const list = children.get(info.ppid) ?? [];
    list.push(pid);
    children.set(info.ppid, list);
  }
  const out: number[] = [];
  const queue = [root];
  while (queue.length) {
    for (const child of children.get(queue.shift()!) ?? []) {
      out.push(child);
      queue.push(child);
    }
  }
  return out;
}

/** Processes whose environment carries this run's tag. */
export function taggedProcesses(runId: string): number[] {
  const needle = `${RUN_TAG_VAR}=${runId}\0`;
  return allPids().filter((pid) => {
    if (pid === process.pid) return false;
    try {
      return fs.readFileSync(`/proc/${pid}/environ`, 'latin1').includes(needle);
    } catch {
      return false;
    }
  });
}

function signal(pids: number[], sig: NodeJS.Signals): void {
  for (const pid of pids) {
    try {
      process.kill(pid, sig);
    } catch {
      // already gone
    }
  }
}

function collect(roots: number[], runId?: string): number[] {
  const set = new Set<number>();
  for (const root of roots) {
    if (isAlive(root)) set.add(root);
    for (const pid of descendants(root)) set.add(pid);
  }
  if (runId) for (const pid of taggedProcesses(runId)) set.add(pid);
  set.delete(process.pid);
  return [...set];
}

/**
 * Terminates the trees below `roots` and every process tagged with `runId`: SIGTERM, then SIGKILL for whatever is
 * still alive after `graceMs`. The whole set is collected before the first signal, so children that get re-parented
 * are not lost. Returns the pids that were signalled.
 */
export async function killAll(roots: number[], runId?: string, graceMs = 3000): Promise<number[]> {
  const pids = collect(roots, runId);
  signal(pids, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline && pids.some(isAlive)) await new Promise((r) => setTimeout(r, 100));
  const survivors = [...new Set([...pids, ...collect(roots, runId)])].filter(isAlive);
  signal(survivors, 'SIGKILL');
  return pids;
}

/** The last resort in a synchronous `exit` handler: SIGKILL without waiting. */
export function killAllSync(roots: number[], runId?: string): void {
  signal(collect(roots, runId), 'SIGKILL');
}
