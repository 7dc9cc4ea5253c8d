// `npm run test:desktop`: the same integration suite in desktop VS Code (Electron) through @vscode/test-electron,
// for machines that have one. Set VSCODE_EXECUTABLE to an installed VS Code binary; without it test-electron
// downloads VS Code (needs internet). On Linux without a display, run it under xvfb-run.
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { build, COMPILE, BUNDLE, repoRoot } from './lib.mjs';

const require = createRequire(`${repoRoot}/`);

if (!(await build([COMPILE, BUNDLE]))) process.exit(1);
const { runTests } = require('@vscode/test-electron');
const { createTestbed } = require('./out/test/harness/testbed.js');

const bed = await createTestbed('desktop');
let code = 1;
try {
  // The sandbox's environment replaces the variables it drops (AWS_*, VSCODE_*, ...) rather than adding to them.
  const extensionTestsEnv = {
    ...Object.fromEntries(Object.keys(process.env).map((k) => [k, undefined])),
    ...bed.sandbox.env,
  };
  code = await runTests({
    vscodeExecutablePath: process.env.VSCODE_EXECUTABLE || undefined,
    extensionDevelopmentPath: repoRoot,
    extensionTestsPath: path.join(repoRoot, 'out', 'test', 'integration', 'index.js'),
    extensionTestsEnv,
    launchArgs: [
      bed.workspace,
      '--user-data-dir',
      bed.sandbox.userDataDir,
      '--extensions-dir',
      bed.sandbox.extensionsDir,
      '--disable-extensions',
    ],
  });
} catch (err) {
  // runTests rejects when VS Code exits non-zero (a failed test) or cannot be found or downloaded.
  console.error(`test:desktop: ${err.message ?? err}`);
  code = 1;
} finally {
  await bed.close(code === 0);
}
process.exit(code);
