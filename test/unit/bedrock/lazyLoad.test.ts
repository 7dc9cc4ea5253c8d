import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { runNode } from './childProcess';
import { cleanEnv, writeAwsFiles } from './awsFiles';

const bedrockModule = join(__dirname, '../../../src/core/bedrock/index.js');

describe('bedrock: lazy SDK loading', () => {
  it('loads no AWS SDK module until the first call that needs it', async () => {
    const files = writeAwsFiles();
    try {
      const script = `
        const sdkLoaded = () => Object.keys(require.cache).some((p) => /[\\\\/]@(aws-sdk|smithy)[\\\\/]/.test(p));
        const { BedrockClients } = require(${JSON.stringify(bedrockModule)});
        const afterImport = sdkLoaded();
        const clients = new BedrockClients({ configFile: ${JSON.stringify(files.configFile)}, credentialsFile: ${JSON.stringify(files.credentialsFile)} });
        clients.environmentOverrides({ profile: 'static' });
        const afterConstruct = sdkLoaded();
        clients.resolve({ profile: 'static' }).then((connection) => {
          process.stdout.write(JSON.stringify({ afterImport, afterConstruct, afterResolve: sdkLoaded(), region: connection.region }));
        });`;
      const result = await runNode<{
        afterImport: boolean;
        afterConstruct: boolean;
        afterResolve: boolean;
        region: string;
      }>(script, cleanEnv());
      assert.deepEqual(result, { afterImport: false, afterConstruct: false, afterResolve: true, region: 'us-west-2' });
    } finally {
      files.remove();
    }
  });
});
