// The CLI's npm package (cli/package.json) against the extension's: one version, a bin that the build writes, and
// nothing to install (everything is bundled).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.join(__dirname, '../../../..');
const read = (file: string) => JSON.parse(fs.readFileSync(path.join(root, file), 'utf8')) as Record<string, unknown>;

describe('the CLI package', () => {
  it("has the extension's version, the bedrock-invoke bin, no dependencies, and the clone's npx finds the same bin", () => {
    const cli = read('cli/package.json');
    const extension = read('package.json');
    assert.equal(cli.version, extension.version);
    assert.deepEqual(cli.bin, { 'bedrock-invoke': 'dist/cli.js' });
    assert.equal(cli.dependencies, undefined);
    assert.deepEqual(extension.bin, { 'bedrock-invoke': 'cli/dist/cli.js' });
  });
});
