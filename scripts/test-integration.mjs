// `npm run test:integration`: builds, then runs out/test/integration inside a real VS Code extension host
// (code-server + headless Chromium, provisioned into .cache/ on first use). The last line is
// `INTEGRATION-RESULT passed=N failed=M`.
import { createRequire } from 'node:module';
import { build, COMPILE, BUNDLE, repoRoot } from './lib.mjs';

if (!(await build([COMPILE, BUNDLE]))) {
  console.log('INTEGRATION-RESULT passed=0 failed=1');
  process.exit(1);
}
const require = createRequire(`${repoRoot}/`);
const { runIntegrationSuite } = require('./out/test/harness/integration.js');
process.exit(await runIntegrationSuite());
