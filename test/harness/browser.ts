// Chromium from Debian, driven by playwright-core (playwright's own browser download does not work offline).
// A persistent context keeps chromium's profile inside the sandbox instead of the system temp folder.
import * as fs from 'fs';
import * as path from 'path';
import { chromium, type BrowserContext } from 'playwright-core';
import type { Sandbox } from './sandbox';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export async function launchBrowser(sandbox: Sandbox): Promise<BrowserContext> {
  if (!fs.existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `No browser at ${CHROMIUM_PATH}: install it with \`apt-get install -y chromium\` (or set CHROMIUM_PATH).`,
    );
  }
  const context = await chromium.launchPersistentContext(path.join(sandbox.dir, 'chromium'), {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    env: sandbox.env,
    viewport: { width: 1280, height: 800 },
    timeout: 60_000,
    // The harness owns signal handling and stops the browser in order (cleanup.ts).
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
  sandbox.cleanup.add('browser', () => context.close());
  return context;
}

/** The context's first tab (a persistent context opens with one). */
export async function firstPage(context: BrowserContext) {
  return context.pages()[0] ?? (await context.newPage());
}
