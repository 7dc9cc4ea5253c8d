// CountTokens for a request's InvokeModel body or Converse input, against the emulator through the real SDK: the
// bare model is asked, the context window comes from the capability table, and unsupported models are a result.
import * as assert from 'node:assert/strict';
import { BedrockClients } from '../../../src/core/bedrock';
import { countRequestTokens, tokenCountText } from '../../../src/core/converse';
import { startEmulator, type RunningEmulator } from '../../emulator';
import { cleanEnv, writeAwsFiles, type AwsFiles } from '../bedrock/awsFiles';

describe('CountTokens of a request', () => {
  let emulator: RunningEmulator;
  let files: AwsFiles;
  let clients: BedrockClients;
  let connection: { profile: string; endpoint: string };

  before(async () => {
    emulator = await startEmulator();
    files = writeAwsFiles();
    clients = new BedrockClients({
      env: cleanEnv(),
      configFile: files.configFile,
      credentialsFile: files.credentialsFile,
      maxAttempts: 1,
    });
    connection = { profile: 'default', endpoint: emulator.url };
  });
  after(async () => {
    clients.dispose();
    files.remove();
    await emulator.close();
  });
  beforeEach(() => emulator.reset());

  it('counts an InvokeModel body and a Converse input of an inference profile on its bare model, with the context window', async () => {
    const body = JSON.stringify({
      anthropic_version: 'bedrock-2023-05-31',
      max_tokens: 10,
      messages: [{ role: 'user', content: 'one two three four' }],
    });
    const native = await countRequestTokens(clients, connection, {
      modelId: 'anthropic.claude-3-haiku-20240307-v1:0',
      invokeModelBody: body,
    });
    assert.equal(native.kind, 'counted');
    const converse = await countRequestTokens(clients, connection, {
      modelId: 'us.anthropic.claude-sonnet-4-20250514-v1:0',
      converse: {
        modelId: 'us.anthropic.claude-sonnet-4-20250514-v1:0',
        messages: [{ role: 'user', content: [{ text: 'one two three four' }] }],
        inferenceConfig: { maxTokens: 5 },
      },
    });
    assert.ok(converse.kind === 'counted' && converse.inputTokens > 0 && converse.contextWindow === 200_000);
    assert.match(tokenCountText(converse), /^\d+ input tokens of 200,000$/);
    assert.deepEqual(
      emulator.requests().map((r) => [r.operation, r.modelId]),
      [
        ['CountTokens', 'anthropic.claude-3-haiku-20240307-v1:0'],
        ['CountTokens', 'anthropic.claude-sonnet-4-20250514-v1:0'],
      ],
    );
  });

  it('says a model the capability table knows not to count tokens does not, and sends nothing', async () => {
    const nova = await countRequestTokens(clients, connection, {
      modelId: 'amazon.nova-lite-v1:0',
      converse: { modelId: 'amazon.nova-lite-v1:0', messages: [{ role: 'user', content: [{ text: 'hi' }] }] },
    });
    assert.equal(nova.kind, 'unsupported');
    assert.equal(emulator.requests().length, 0);
    assert.match(tokenCountText(nova), /not supported/);
  });
});
