// The e2e tests' view of VS Code: the extension installed from its .vsix into a real VS Code (code-server), the
// workbench open in Chromium on a copy of the sample workspace, the emulator behind the user's AWS profile.
// Helpers drive it as a person would: the command palette, the Output panel, screenshots.
import * as fs from 'fs';
import * as path from 'path';
import type { Page } from 'playwright-core';
import type { RunningEmulator } from '../emulator';
import { firstPage, launchBrowser } from './browser';
import { shuttingDown } from './cleanup';
import { installExtension, startCodeServer } from './codeServer';
import { resultsDir, vsixPath } from './paths';
import { ensureVsCodeServer } from './provision';
import type { Sandbox } from './sandbox';
import type { Leak } from './secrets';
import { createTestbed, type TestbedOptions } from './testbed';

export interface Workbench {
  page: Page;
  emulator: RunningEmulator;
  sandbox: Sandbox;
  /** The opened folder, a copy of test/fixtures/workspace. */
  workspace: string;
  /** Where code-server serves the workbench. */
  url: string;
  /** Stops browser, server and emulator, then scans the run's files for credentials (resolves to the leaks found). */
  close(ok?: boolean): Promise<Leak[]>;
}

export interface WorkbenchOptions extends TestbedOptions {
  /** The .vsix to install; defaults to dist/bedrock-invoke.vsix (`npm run package`). */
  vsix?: string;
  /** Files to add to (or replace in) the workspace copy, by relative path. */
  files?: Record<string, string>;
}

export async function openWorkbench(options: WorkbenchOptions = {}): Promise<Workbench> {
  const vsix = options.vsix ?? vsixPath;
  if (!fs.existsSync(vsix)) throw new Error(`${vsix} does not exist: run \`npm run package\` first`);
  const server = await ensureVsCodeServer();
  const bed = await createTestbed('e2e', options);
  try {
    for (const [rel, text] of Object.entries(options.files ?? {})) {
      fs.mkdirSync(path.dirname(path.join(bed.workspace, rel)), { recursive: true });
      fs.writeFileSync(path.join(bed.workspace, rel), text);
    }
    await installExtension(server, bed.sandbox, vsix);
    const codeServer = await startCodeServer(server, bed.sandbox);
    const page = await firstPage(await launchBrowser(bed.sandbox));
    page.setDefaultTimeout(30_000);
    await page.goto(`${codeServer.url}/?folder=${encodeURIComponent(bed.workspace)}`, { timeout: 60_000 });
    await page.locator('.monaco-workbench .part.statusbar').waitFor({ timeout: 60_000 });
    await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 60_000 });
    await waitForExtensionHost(bed.sandbox.userDataDir);
    return {
      page,
      emulator: bed.emulator,
      sandbox: bed.sandbox,
      workspace: bed.workspace,
      url: codeServer.url,
      close: (ok = true) => bed.close(ok),
    };
  } catch (err) {
    // Keep the logs of a workbench that failed to open, unless Ctrl+C is why.
    await bed.close(shuttingDown());
    throw err;
  }
}

const PALETTE_INPUT = '.quick-input-widget .quick-input-box input';
const PALETTE_ROWS = '.quick-input-widget .quick-input-list .monaco-list-row';

/** The extension host logs this once it has started and activated the `*` extensions. */
async function waitForExtensionHost(userDataDir: string, timeoutMs = 60_000): Promise<void> {
  const logs = path.join(userDataDir, 'logs');
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const hostLogs = fs
      .readdirSync(logs, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('remoteexthost.log'));
    if (hostLogs.some((f) => fs.readFileSync(path.join(logs, f), 'utf8').includes('Eager extensions activated')))
      return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`the extension host did not finish starting within ${timeoutMs / 1000} s (logs: ${logs})`);
}

/** Opens the command palette (F1), types `text` and returns the labels it lists once the list has settled. */
/** Opens the fixture workspace's prompt.txt from the Explorer, the way a person would, and selects all of its text. */
export async function selectPromptFile(page: Page): Promise<void> {
  await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'prompt.txt' }).first().click();
  const editor = page.locator('.editor-instance .monaco-editor .view-lines', { hasText: 'river that flows backwards' });
  await editor.waitFor({ state: 'visible' });
  await editor.click();
  await page.keyboard.press('Control+A');
}

export async function searchCommands(page: Page, text: string, settleMs = 500): Promise<string[]> {
  await openPalette(page, text);
  const labels = page.locator(`${PALETTE_ROWS} .label-name`);
  let last = '';
  let stableSince = Date.now();
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const now = JSON.stringify(await labels.allInnerTexts());
    if (now !== last) [last, stableSince] = [now, Date.now()];
    else if (Date.now() - stableSince >= settleMs) break;
    await page.waitForTimeout(100);
  }
  // The list is virtualised: only the rows in view exist. Page down through it (the input keeps focus, the active row
  // moves and the list scrolls) until every row of the set (aria-setsize) has been seen.
  const seen = new Set<string>(JSON.parse(last || '[]') as string[]);
  const total = Number(
    (await page
      .locator(PALETTE_ROWS)
      .first()
      .getAttribute('aria-setsize')
      .catch(() => null)) ?? seen.size,
  );
  for (let i = 0; i < 20 && seen.size < total; i++) {
    await page.keyboard.press('PageDown');
    await page.waitForTimeout(150);
    for (const label of await labels.allInnerTexts()) seen.add(label);
  }
  return [...seen];
}

/** Runs a command by its palette title, e.g. `Bedrock: Open Settings`, as a person would: F1, type, Enter. */
export async function runCommand(page: Page, title: string, timeoutMs = 15_000): Promise<void> {
  await openPalette(page, title);
  const row = page
    .locator(PALETTE_ROWS)
    .filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${escapeRegExp(title)}$`) }) });
  await row.first().waitFor({ timeout: timeoutMs });
  await row.first().click();
  await page.locator(PALETTE_INPUT).waitFor({ state: 'hidden', timeout: timeoutMs });
}

async function openPalette(page: Page, text: string): Promise<void> {
  const input = page.locator(PALETTE_INPUT);
  if (!(await input.isVisible())) await page.keyboard.press('F1');
  await input.waitFor({ state: 'visible' });
  await input.fill(`>${text}`);
}

export async function closePalette(page: Page): Promise<void> {
  if (await page.locator(PALETTE_INPUT).isVisible()) await page.keyboard.press('Escape');
}

/**
 * The text of an output channel, read from the log file VS Code keeps for it
 * (<user-data-dir>/logs/<session>/exthost<N>/output_logging_<time>/<N>-<name>.log); '' before it exists.
 */
export function readOutputChannel(workbench: Workbench, name: string): string {
  const logs = path.join(workbench.sandbox.userDataDir, 'logs');
  const files = fs.existsSync(logs)
    ? fs
        .readdirSync(logs, { recursive: true, encoding: 'utf8' })
        .filter(
          (f) =>
            path.basename(path.dirname(f)).startsWith('output_logging_') &&
            new RegExp(`^\\d+-${escapeRegExp(name)}\\.log$`).test(path.basename(f)),
        )
        .map((f) => path.join(logs, f))
    : [];
  const newest = files.sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs)[0];
  return newest ? fs.readFileSync(newest, 'utf8') : '';
}

/** Waits until an output channel's text matches `pattern`; returns the text. */
export async function waitForOutput(
  workbench: Workbench,
  name: string,
  pattern: RegExp,
  timeoutMs = 20_000,
): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = readOutputChannel(workbench, name);
    if (pattern.test(text)) return text;
    if (Date.now() > deadline)
      throw new Error(
        `output channel "${name}" did not match ${pattern} within ${timeoutMs / 1000} s; it reads:\n${text}`,
      );
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Saves a PNG of the page as test-results/e2e/<name>.png and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  const file = path.join(resultsDir, 'e2e', `${name.replace(/[^\w.-]+/g, '-').replace(/^-|-$/g, '')}.png`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  await page.screenshot({ path: file });
  return file;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
