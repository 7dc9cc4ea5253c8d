// Bundles the extension for VS Code's Node extension host: dist/extension.js (activation), dist/sdk.js (the AWS
// SDK, required on the first Bedrock call, so activation never parses it), dist/config.js (the SDK's config
// reader), dist/secretlint.js (secret patterns, on the first ${env:} value) and dist/outlineWorker.js (request-file
// outlines off the main thread). `--production` minifies; `--watch` rebuilds on change. The AWS SDK's ES module builds (`module` field) tree-shake far better than its CommonJS ones.
import * as esbuild from 'esbuild';
import { chmodSync, copyFileSync, readFileSync } from 'node:fs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const cli = process.argv.includes('--cli');

/**
 * Keeps the SDK out of extension.js: the lazy imports in src/core/bedrock/sdk.ts become require('./sdk.js') (the
 * clients, on the first call) and require('./config.js') (the shared-config reader, for profiles and regions).
 */
const LAZY_MODULES = {
  './sdkModules': './sdk.js',
  './configModules': './config.js',
  './secretlintModules': './secretlint.js',
};
/** The one file that may load each lazy module (src/core/bedrock/sdk.ts, src/core/security/secretScan.ts). */
const LOADERS = { './sdkModules': 'sdk.ts', './configModules': 'sdk.ts', './secretlintModules': 'secretScan.ts' };
const sdkAsSeparateFiles = {
  name: 'sdk-as-separate-files',
  setup(build) {
    build.onResolve({ filter: /^\.\/(sdk|config|secretlint)Modules$/ }, (args) =>
      args.importer.endsWith(LOADERS[args.path]) ? { path: LAZY_MODULES[args.path], external: true } : undefined,
    );
  },
};

/** @type {import('esbuild').BuildOptions} */
const options = {
  entryPoints: {
    extension: 'src/extension.ts',
    sdk: 'src/core/bedrock/sdkModules.ts',
    config: 'src/core/bedrock/configModules.ts',
    // secretlint's rules, for the ${env:} value check (src/core/security/secretScan.ts), loaded on first use.
    secretlint: 'src/core/security/secretlintModules.ts',
    // Request-file outlines are computed in a worker thread (src/core/requestFile/outline.ts).
    outlineWorker: 'src/core/requestFile/outlineWorker.ts',
  },
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  external: ['vscode'],
  mainFields: ['module', 'main'],
  minify: production,
  sourcemap: true,
  sourcesContent: !production,
  metafile: true,
  logLevel: 'warning',
  legalComments: 'none',
  plugins: [sdkAsSeparateFiles],
};

/**
 * `--cli`: the command-line program `bedrock-invoke` (src/cli), its own npm package in cli/. cli.js reads the command
 * line only; run.js (the core, reporters) loads after that and sdk.js/config.js on the first call, so `--version`
 * and `--help` parse almost nothing. Everything is bundled: the package installs without dependencies.
 */
const cliSeparateFiles = {
  name: 'cli-separate-files',
  setup(build) {
    build.onResolve({ filter: /^\.\/(sdkModules|configModules|secretlintModules|run)$/ }, (args) => {
      if (args.path === './run')
        return args.importer.endsWith('main.ts') ? { path: './run.js', external: true } : undefined;
      return args.importer.endsWith(LOADERS[args.path]) ? { path: LAZY_MODULES[args.path], external: true } : undefined;
    });
  },
};
const cliOptions = {
  ...options,
  // The extension's lazily loaded files (the SDK, its config reader, secretlint) beside the CLI's own two.
  entryPoints: {
    ...Object.fromEntries(
      Object.entries(options.entryPoints).filter(([name]) => name !== 'extension' && name !== 'outlineWorker'),
    ),
    cli: 'src/cli/main.ts',
    run: 'src/cli/run.ts',
  },
  outdir: 'cli/dist',
  external: [],
  minify: true,
  sourcemap: false,
  // ES module builds (fdir's, under tinyglobby) ask import.meta.url for createRequire: this CommonJS file's URL.
  define: {
    CLI_VERSION: JSON.stringify(JSON.parse(readFileSync('cli/package.json', 'utf8')).version),
    'import.meta.url': '__importMetaUrl',
  },
  banner: { js: "#!/usr/bin/env node\nvar __importMetaUrl = require('url').pathToFileURL(__filename).href;" },
  plugins: [cliSeparateFiles],
};

if (cli) {
  const result = await esbuild.build(cliOptions);
  chmodSync('cli/dist/cli.js', 0o755);
  copyFileSync('LICENSE', 'cli/LICENSE');
  for (const [file, output] of Object.entries(result.metafile.outputs))
    console.log(`${file} ${(output.bytes / 1024).toFixed(1)} KB (minified)`);
} else if (watch) {
  const ctx = await esbuild.context({
    ...options,
    plugins: [
      ...options.plugins,
      {
        name: 'report',
        setup(build) {
          build.onEnd((r) => console.log(`[watch] build finished with ${r.errors.length} error(s)`));
        },
      },
    ],
  });
  await ctx.watch();
  console.log('[watch] watching src/ for changes');
} else {
  const result = await esbuild.build(options);
  for (const [file, output] of Object.entries(result.metafile.outputs)) {
    if (file.endsWith('.js'))
      console.log(`${file} ${(output.bytes / 1024).toFixed(1)} KB${production ? ' (minified)' : ''}`);
  }
}
