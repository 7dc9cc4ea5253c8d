// Chromium from Debian, driven by playwright-core (playwright's own browser download does not work offline).
import * as fs from 'fs';
import { chromium, type Browser } from 'playwright-core';
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

export async function launchBrowser(sandbox: Sandbox): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM_PATH)) {
    throw new Error(`No browser at ${CHROMIUM_PATH}: install it with \`apt-get install -y chromium\` (or set CHROMIUM_PATH).`);
  }
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    env: sandbox.env,
    timeout: 60_000,
    // The harness owns signal handling and stops the browser in order (cleanup.ts).
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
  sandbox.cleanup.add('browser', () => browser.close());
  return browser;
}
