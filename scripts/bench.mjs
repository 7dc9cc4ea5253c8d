// `npm run bench`: sizes and load times measured here, then the streaming and first-text benchmarks inside VS Code's
// real extension host (bench/index.ts), all against the local emulator and the raw AWS SDK as the baseline.
import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { build, COMPILE, repoRoot } from './lib.mjs';

const RELEASE_BUNDLE = ['bundle (esbuild, release)', 'npm', ['run', '--silent', 'bundle:release']];
const PACKAGE = ['package the .vsix (vsce)', 'npm', ['run', '--silent', 'package']];
if (!(await build([COMPILE, RELEASE_BUNDLE, PACKAGE]))) process.exit(1);

const kb = (file) => `${(statSync(path.join(repoRoot, file)).size / 1024).toFixed(1)} KB`;
console.log('\nBENCH sizes');
for (const file of ['dist/extension.js', 'dist/sdk.js', 'dist/bedrock-invoke.vsix'])
  console.log(`  ${file.padEnd(28)} ${kb(file)}`);

const VSCODE_NAMESPACES = [
  'window',
  'workspace',
  'commands',
  'languages',
  'env',
  'extensions',
  'Uri',
  'Range',
  'Position',
  'Selection',
  'DiagnosticSeverity',
  'Diagnostic',
  'EventEmitter',
  'ThemeColor',
  'ThemeIcon',
  'StatusBarAlignment',
  'ProgressLocation',
  'ViewColumn',
  'ConfigurationTarget',
  'CodeActionKind',
  'CodeAction',
  'CodeLens',
  'MarkdownString',
  'WorkspaceEdit',
  'Disposable',
  'EndOfLine',
  'TextEditorRevealType',
  'QuickPickItemKind',
  'QuickInputButtons',
  'FileSystemError',
  'RelativePattern',
  'TextEdit',
  'SnippetString',
  'CompletionItem',
  'UIKind',
  'l10n',
];

/** Median time to require a module in a fresh Node process (vscode stubbed), in ms. */
function requireMs(specifier, samples = 11) {
  const script = `
    const Module = require('module'); const load = Module._load;
    // A stand-in for the vscode module: any property, call or construction gives another stand-in (listed names are
    // own properties too, so a bundler's namespace copy of the module sees them).
    const names = ${JSON.stringify(VSCODE_NAMESPACES)};
    const stub = new Proxy(() => {}, {
      get: (_t, key) => (key === Symbol.toPrimitive ? () => 0 : stub),
      apply: () => stub,
      construct: () => stub,
      ownKeys: () => names,
      getOwnPropertyDescriptor: (_t, key) => (names.includes(key) ? { configurable: true, enumerable: true, value: stub } : undefined),
    });
    Module._load = function (request, ...rest) { return request === 'vscode' ? stub : load.call(this, request, ...rest); };
    const t = performance.now(); require(${JSON.stringify(specifier)}); process.stdout.write(String(performance.now() - t));`;
  const times = [];
  for (let i = 0; i < samples; i++)
    times.push(Number(execFileSync(process.execPath, ['-e', script], { cwd: repoRoot })));
  return times.sort((a, b) => a - b)[Math.floor(samples / 2)];
}
const ours = requireMs('./dist/extension.js');
const sdk = requireMs('@aws-sdk/client-bedrock-runtime');
const lazy = requireMs('./dist/sdk.js');
console.log('\nBENCH load time at activation (median of 11 fresh processes)');
console.log(`  require dist/extension.js      ${ours.toFixed(1)} ms`);
console.log(
  `  require the raw SDK package    ${sdk.toFixed(1)} ms   (what importing the SDK at activation would cost)`,
);
console.log(`  ratio                          ${(ours / sdk).toFixed(2)}x`);
console.log(`  dist/sdk.js, on first invoke   ${lazy.toFixed(1)} ms`);
console.log('');

const require = createRequire(`${repoRoot}/`);
const { runIntegrationSuite } = require('./out/test/harness/integration.js');
process.exit(
  await runIntegrationSuite({
    testsPath: path.join(repoRoot, 'out', 'bench', 'index.js'),
    timeoutMs: 20 * 60_000,
    rendererProfile: process.env.BENCH_RENDERER_PROFILE,
  }),
);
