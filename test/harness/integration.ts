// Runs the mocha suite in out/test/integration inside VS Code's real extension host (code-server), the way
// @vscode/test-electron does on the desktop: the workbench page carries extensionDevelopmentPath and
// extensionTestsPath, and reports the suite's console and exit code back through two window functions.
import * as fs from 'fs';
import * as path from 'path';
import { format } from 'util';
import { firstPage, launchBrowser } from './browser';
import { startCodeServer } from './codeServer';
import { parseResultLine, resultLine } from './resultLine';
import { repoRoot } from './paths';
import { ensureVsCodeServer, type VsCodeServer } from './provision';
import { createTestbed, type Testbed } from './testbed';

export const DEFAULT_LABEL = 'INTEGRATION';

const WORKBENCH_NOISE =
  /^(Ignoring fetching additional builtin extensions from gallery|SettingsEditor2: Settings not included)/;

export interface IntegrationOptions {
  /** Compiled test index (exports run()). */
  testsPath?: string;
  timeoutMs?: number;
  /** The result line's label; the suite's reporter must print the same (default INTEGRATION). */
  label?: string;
  /** false: the workspace opens untrusted (Restricted Mode), with VS Code's workspace trust on. */
  trusted?: boolean;
  /** A file to write a CPU profile of the workbench's main thread to, over the whole suite (bench diagnostics). */
  rendererProfile?: string;
}

/** Returns the process exit code; prints the suite's output and, last, an INTEGRATION-RESULT line. */
export async function runIntegrationSuite(options: IntegrationOptions = {}): Promise<number> {
  const LABEL = options.label ?? DEFAULT_LABEL;
  const trusted = options.trusted ?? true;
  const testsPath = options.testsPath ?? path.join(repoRoot, 'out', 'test', 'integration', 'index.js');
  const timeoutMs = options.timeoutMs ?? 10 * 60_000;
  let server: VsCodeServer;
  let bed: Testbed;
  try {
    server = await ensureVsCodeServer();
    bed = await createTestbed('integration', trusted ? {} : { settings: { 'security.workspace.trust.enabled': true } });
  } catch (err) {
    console.error(`[integration] ${(err as Error).message}`);
    console.log(resultLine(LABEL, 0, 1));
    return 1;
  }
  let output = '';
  let ok = false;
  const consoleLog = path.join(bed.sandbox.logsDir, 'workbench-console.log');
  // The workbench's own chatter shares this channel with the suite's output: known offline noise is left out and
  // very long lines are cut on screen (the log file has everything).
  let profileStarted = 0;
  const marks: string[] = [];
  const print = (text: string) => {
    if (profileStarted) marks.push(`${Date.now() - profileStarted}\t${text}`);
    output += `${text}\n`;
    fs.appendFileSync(consoleLog, `${text}\n`);
    if (!WORKBENCH_NOISE.test(text))
      process.stdout.write(
        `${text.length > 400 ? `${text.slice(0, 400)}... (${text.length - 400} more characters)` : text}\n`,
      );
  };
  try {
    const codeServer = await startCodeServer(server, bed.sandbox, {
      vscodeOptions: ['enable-smoke-test-driver'],
      workspaceTrust: !trusted,
    });
    console.log(`[integration] VS Code ${server.vscodeVersion} at ${codeServer.url}, emulator at ${bed.emulator.url}`);
    const page = await firstPage(await launchBrowser(bed.sandbox));
    const profiler = options.rendererProfile ? await page.context().newCDPSession(page) : undefined;
    if (profiler) {
      await profiler.send('Profiler.enable');
      await profiler.send('Profiler.start');
      profileStarted = Date.now();
    }
    const exited = new Promise<number>((resolve) => {
      void page.exposeFunction('codeAutomationExit', (code: number) => resolve(code));
    });
    await page.exposeFunction('codeAutomationLog', (_level: string, message: unknown) => {
      print(Array.isArray(message) ? format(...message) : String(message));
    });
    page.on('pageerror', (err) => print(`[workbench page error] ${err.message}`));
    const remote = (p: string) => `vscode-remote://127.0.0.1:${codeServer.port}${p}`;
    const payload = [
      ['extensionDevelopmentPath', remote(repoRoot)],
      ['extensionTestsPath', remote(testsPath)],
    ];
    const url = `${codeServer.url}/?folder=${encodeURIComponent(bed.workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
    await page.goto(url, { timeout: 60_000 });
    const code = await Promise.race([
      exited,
      new Promise<number>((_, reject) =>
        setTimeout(() => reject(new Error(`the suite did not finish within ${timeoutMs / 1000} s`)), timeoutMs).unref(),
      ),
    ]);
    if (profiler && options.rendererProfile) {
      const { profile } = await profiler.send('Profiler.stop');
      fs.writeFileSync(options.rendererProfile, JSON.stringify(profile));
      // What the suite printed, with the ms since the profile started, to find a run's window in the profile.
      fs.writeFileSync(`${options.rendererProfile}.marks`, marks.join('\n'));
    }
    const counts = parseResultLine(LABEL, output);
    if (!counts) {
      console.log(`[integration] the extension host exited (${code}) before the suite reported its results`);
      console.log(resultLine(LABEL, 0, 1));
      return 1;
    }
    ok = code === 0 && counts.failed === 0;
    if (!ok && counts.failed === 0) {
      // The suite passed but the extension host did not exit cleanly: count that as a failure, not as a pass.
      console.log(`[integration] the extension host exited with ${code}`);
      console.log(resultLine(LABEL, counts.passed, 1));
      return 1;
    }
    return ok ? 0 : 1;
  } catch (err) {
    console.error(`[integration] ${(err as Error).message}`);
    console.log(
      resultLine(
        LABEL,
        parseResultLine(LABEL, output)?.passed ?? 0,
        Math.max(1, parseResultLine(LABEL, output)?.failed ?? 0),
      ),
    );
    return 1;
  } finally {
    const leaks = await bed.close(ok);
    if (leaks.length) {
      // Printed last, so it is the line that counts: a credential in anything the run wrote is a failure.
      const counts = parseResultLine(LABEL, output);
      console.log(`[integration] secret scan: ${leaks.length} file(s) contain a credential`);
      console.log(resultLine(LABEL, counts?.passed ?? 0, (counts?.failed ?? 0) + 1));
      // eslint-disable-next-line no-unsafe-finally -- the leak overrides whatever the suite returned
      return 1;
    }
  }
}
