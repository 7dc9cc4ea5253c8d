// The test entry the extension host loads (extensionTestsPath), the same contract as @vscode/test-electron:
// export run(), resolve when every test passed, reject otherwise. It runs every out/test/integration/**/*.test.js.
import * as fs from 'fs';
import * as path from 'path';
import Mocha from 'mocha';
import CountingReporter from '../harness/countingReporter';

export function run(): Promise<void> {
  const mocha = new Mocha({
    ui: 'bdd',
    timeout: 60_000,
    color: false,
    reporter: CountingReporter,
    reporterOptions: { label: 'INTEGRATION' },
  });
  // INTEGRATION_FILES=trust,invokeSelection runs only the files whose names contain one of those words (development).
  const only = (process.env.INTEGRATION_FILES ?? '').split(',').map((w) => w.trim()).filter(Boolean);
  const files = fs.readdirSync(__dirname, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.test.js'))
    .filter((f) => only.length === 0 || only.some((word) => f.includes(word)))
    .sort();
  for (const f of files) mocha.addFile(path.join(__dirname, f));
  return new Promise((resolve, reject) => {
    try {
      mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} integration test(s) failed`)) : resolve()));
    } catch (err) {
      reject(err);
    }
  });
}
