// `npm run test:e2e`: packages the .vsix, provisions VS Code (first run only), then runs the mocha suites in
// out/test/e2e, which install the .vsix into code-server and drive the workbench in Chromium. Screenshots go to
// test-results/e2e/. The last line is `E2E-RESULT passed=N failed=M`.
import { createRequire } from 'node:module';
import { build, COMPILE, PACKAGE, repoRoot, run } from './lib.mjs';

const fail = () => {
  console.log('E2E-RESULT passed=0 failed=1');
  process.exit(1);
};

if (!(await build([COMPILE, PACKAGE]))) fail();
const require = createRequire(`${repoRoot}/`);
try {
  await require('./out/test/harness/provision.js').ensureVsCodeServer();
} catch (err) {
  console.error(err.message);
  fail();
}
const { code } = await run(process.execPath, [
  'node_modules/mocha/bin/mocha.js',
  '--no-config',
  '--reporter',
  'out/test/harness/countingReporter.js',
  '--reporter-option',
  'label=E2E',
  '--timeout',
  '120000',
  '--exit',
  'out/test/e2e/**/*.test.js',
]);
process.exit(code);
