// `npm run test:integration`: builds, then runs out/test/integration inside a real VS Code extension host
// (code-server + headless Chromium, provisioned into .cache/ on first use). The last line is
// `INTEGRATION-RESULT passed=N failed=M`.
// `--untrusted` (`npm run test:untrusted`) runs out/test/integration-untrusted instead, with VS Code's workspace trust
// on and the folder not trusted (Restricted Mode); its last line is `UNTRUSTED-RESULT passed=N failed=M`.
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { build, COMPILE, BUNDLE, repoRoot } from './lib.mjs';

const untrusted = process.argv.includes('--untrusted');
const label = untrusted ? 'UNTRUSTED' : 'INTEGRATION';
if (!(await build([COMPILE, BUNDLE]))) {
  console.log(`${label}-RESULT passed=0 failed=1`);
  process.exit(1);
}
const require = createRequire(`${repoRoot}/`);
const { runIntegrationSuite } = require('./out/test/harness/integration.js');
process.exit(
  await runIntegrationSuite(
    untrusted
      ? { testsPath: path.join(repoRoot, 'out', 'test', 'integration-untrusted', 'index.js'), label, trusted: false }
      : {},
  ),
);
