// What a test index loaded by the extension host (extensionTestsPath) does, the same contract as
// @vscode/test-electron: run every *.test.js under a folder with mocha, resolve when all passed, reject otherwise.
// The reporter ends with `<LABEL>-RESULT passed=N failed=M`, which the runner reads.
import * as fs from 'fs';
import * as path from 'path';
import Mocha from 'mocha';
import CountingReporter from './countingReporter';

export function runMochaSuite(dir: string, label: string): Promise<void> {
  const mocha = new Mocha({
    ui: 'bdd',
    timeout: 60_000,
    color: false,
    reporter: CountingReporter,
    reporterOptions: { label },
  });
  // INTEGRATION_FILES=trust,invokeSelection runs only the files whose names contain one of those words (development).
  const only = (process.env.INTEGRATION_FILES ?? '')
    .split(',')
    .map((w) => w.trim())
    .filter(Boolean);
  const files = fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.test.js'))
    .filter((f) => only.length === 0 || only.some((word) => f.includes(word)))
    .sort();
  for (const f of files) mocha.addFile(path.join(dir, f));
  return new Promise((resolve, reject) => {
    try {
      mocha.run((failures) =>
        failures > 0 ? reject(new Error(`${failures} ${label.toLowerCase()} test(s) failed`)) : resolve(),
      );
    } catch (err) {
      reject(err);
    }
  });
}
