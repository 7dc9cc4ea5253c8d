// What users download: the .vsix holds the bundle, the icon and the documents, and nothing else (no sources, tests,
// node_modules or build leftovers).
import * as assert from 'node:assert/strict';
import { execFileSync } from 'child_process';
import { vsixPath } from '../harness/paths';

const ALLOWED = [
  /^extension\.vsixmanifest$/,
  /^\[Content_Types\]\.xml$/,
  /^extension\/package\.json$/,
  /^extension\/readme\.md$/i,
  /^extension\/changelog\.md$/i,
  /^extension\/license(\.txt)?$/i,
  /^extension\/media\/.+/,
  /^extension\/dist\/[^/]+\.js(\.map)?$/,
];
const REQUIRED = [
  'extension/package.json',
  'extension/dist/extension.js',
  'extension/dist/outlineWorker.js',
  'extension/readme.md',
  'extension/changelog.md',
];

describe('the packaged .vsix', () => {
  const entries = () => execFileSync('unzip', ['-Z1', vsixPath], { encoding: 'utf8' }).split('\n').filter(Boolean);

  it('contains only the bundle, media, package.json, README, CHANGELOG and LICENSE', () => {
    assert.deepEqual(
      entries().filter((e) => !ALLOWED.some((re) => re.test(e))),
      [],
    );
  });

  it('contains the entry point, the manifest, the documents and a license', () => {
    const list = entries().map((e) => e.toLowerCase());
    assert.deepEqual(
      REQUIRED.filter((r) => !list.includes(r.toLowerCase())),
      [],
    );
    assert.ok(
      list.some((e) => /^extension\/license(\.txt)?$/.test(e)),
      'no LICENSE in the package',
    );
  });
});
