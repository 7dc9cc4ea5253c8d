// Stopping what a run started, in order (browser, then server, then emulator), on success, on failure, on Ctrl+C and
// on SIGTERM. Each sandbox owns one scope; a signal closes every open scope, a second signal stops waiting.
import { killAllSync } from './processTree';

type Cleanup = { name: string; fn: () => unknown };

const openScopes = new Set<CleanupScope>();
let installed = false;
let firstSignalAt: number | undefined;

export class CleanupScope {
  private readonly items: Cleanup[] = [];
  private closing: Promise<void> | undefined;

  /** `runId` tags processes (processTree.ts); any still alive when Node exits are killed. */
  constructor(readonly runId: string) {
    openScopes.add(this);
    installSignalHandlers();
  }

  /** Registers a cleanup; the returned function runs it now (once) and unregisters it. */
  add(name: string, fn: () => unknown): () => Promise<void> {
    const entry = { name, fn };
    this.items.push(entry);
    return async () => {
      const i = this.items.indexOf(entry);
      if (i < 0) return;
      this.items.splice(i, 1);
      await runOne(entry);
    };
  }

  /** Runs every cleanup, newest first. Safe to call more than once. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      while (this.items.length) await runOne(this.items.pop()!);
      openScopes.delete(this);
    })();
    return this.closing;
  }
}

async function runOne(entry: Cleanup, timeoutMs = 15_000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      Promise.resolve().then(entry.fn),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
  } catch (err) {
    console.error(`[harness] cleanup "${entry.name}" failed: ${(err as Error).message}`);
  } finally {
    clearTimeout(timer);
  }
}

/** True once a signal has started stopping everything (a server exiting then is expected, not a failure). */
export function shuttingDown(): boolean {
  return firstSignalAt !== undefined;
}

function installSignalHandlers(): void {
  if (installed) return;
  installed = true;
  for (const [sig, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ] as const) {
    process.on(sig, () => {
      if (firstSignalAt !== undefined) {
        // The same Ctrl+C often arrives twice (from the terminal and from a parent script passing it on); a later
        // one means "stop waiting": the exit handler below kills without waiting.
        if (Date.now() - firstSignalAt > 2000) process.exit(code);
        return;
      }
      firstSignalAt = Date.now();
      console.error(`\n[harness] ${sig}: stopping everything this run started...`);
      void Promise.all([...openScopes].map((s) => s.close())).finally(() => process.exit(code));
    });
  }
  process.on('exit', () => {
    for (const scope of openScopes) killAllSync([], scope.runId);
  });
}
