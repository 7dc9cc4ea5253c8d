// Bundles the extension into one CommonJS file for VS Code's Node extension host.
// `--production` minifies; `--watch` rebuilds on change. The AWS SDK's ES module builds
// (`module` field) tree-shake far better than its CommonJS builds, so they are preferred.
import * as esbuild from 'esbuild';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** @type {import('esbuild').BuildOptions} */
const options = {
  entryPoints: ['src/extension.ts'],
  outfile: 'dist/extension.js',
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
};

if (watch) {
  const ctx = await esbuild.context({
    ...options,
    plugins: [{
      name: 'report',
      setup(build) {
        build.onEnd((r) => console.log(`[watch] build finished with ${r.errors.length} error(s)`));
      },
    }],
  });
  await ctx.watch();
  console.log('[watch] watching src/ for changes');
} else {
  const result = await esbuild.build(options);
  const bytes = Object.values(result.metafile.outputs).find((o) => o.entryPoint)?.bytes ?? 0;
  console.log(`dist/extension.js ${(bytes / 1024).toFixed(1)} KB${production ? ' (minified)' : ''}`);
}
