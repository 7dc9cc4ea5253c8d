// `npm start [-- --port 8080] [-- --host 127.0.0.1]`: the extension, packaged and installed into a real VS Code
// (code-server) that talks to the local Bedrock emulator. Open the printed URL in a browser; Ctrl+C stops everything.
// AWS settings live in a throwaway HOME (profiles `emulator` and `emulator-west`); your ~/.aws is never read or written.
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';
import { build, COMPILE, PACKAGE, repoRoot } from './lib.mjs';

const { values } = parseArgs({
  options: { port: { type: 'string', default: '8080' }, host: { type: 'string', default: '127.0.0.1' } },
});
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be a port number, not "${values.port}"`);
  process.exit(2);
}

if (!(await build([COMPILE, PACKAGE]))) process.exit(1);
const require = createRequire(`${repoRoot}/`);
const { ensureVsCodeServer } = require('./out/test/harness/provision.js');
const { createTestbed } = require('./out/test/harness/testbed.js');
const { installExtension, startCodeServer } = require('./out/test/harness/codeServer.js');
const { shuttingDown } = require('./out/test/harness/cleanup.js');
const { vsixPath } = require('./out/test/harness/paths.js');

let bed;
try {
  const server = await ensureVsCodeServer();
  bed = await createTestbed('demo', { emulator: { log: (line) => console.log(`[emulator] ${line}`) } });
  process.stdout.write('> install the .vsix into VS Code... ');
  await installExtension(server, bed.sandbox, vsixPath);
  console.log('done');
  const codeServer = await startCodeServer(server, bed.sandbox, { host: values.host, port, folder: bed.workspace });
  console.log(`
Bedrock Invoke demo: VS Code ${server.vscodeVersion} with the extension installed from dist/bedrock-invoke.vsix.

  Open in your browser:  ${codeServer.url}/
  Workspace:             ${bed.workspace} (a copy of test/fixtures/workspace)
  Bedrock emulator:      ${bed.emulator.url}  (settings: bedrock.endpoint; AWS profile "emulator", us-east-1)

Try: select text in prompt.txt and run "Bedrock: Invoke Model on Selection" (F1), or open hello.bedrock.json.
Press Ctrl+C to stop (the workspace copy is thrown away).
`);
  const code = await codeServer.exited;
  if (shuttingDown()) await new Promise(() => {}); // Ctrl+C: the harness is stopping everything and will exit
  console.error(`code-server exited unexpectedly (${code}); its log: ${codeServer.logFile}`);
  await bed.close(false);
  process.exit(1);
} catch (err) {
  console.error(`demo: ${err.message}`);
  await bed?.close(false);
  process.exit(1);
}
