// Where the harness keeps things. Everything generated lives under .cache/ and test-results/ (both gitignored),
// so a fresh clone and a re-run see the same layout.
import * as path from 'path';

/** The repository root: compiled files live in out/test/harness, sources in test/harness. */
export const repoRoot = path.resolve(__dirname, __dirname.includes(`${path.sep}out${path.sep}`) ? '../../..' : '../..');
export const cacheDir = path.join(repoRoot, '.cache');
export const serverCacheDir = path.join(cacheDir, 'vscode-server');
export const runsDir = path.join(cacheDir, 'runs');
export const resultsDir = path.join(repoRoot, 'test-results');
export const fixtureWorkspace = path.join(repoRoot, 'test', 'fixtures', 'workspace');
/** The package.json and lockfile that pin code-server and all its dependencies. */
export const serverManifestDir = path.join(repoRoot, 'test', 'harness', 'vscode-server');
export const vsixPath = path.join(repoRoot, 'dist', 'bedrock-invoke.vsix');
