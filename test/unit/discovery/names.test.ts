import * as assert from 'node:assert/strict';
import { builtInCatalog, displayName, shortNameFromId } from '../../../src/core/discovery';

describe('discovery: short model names for the status bar', () => {
  it("drops provider, date and version from an ID, and keeps an inference profile's geography", () => {
    assert.equal(shortNameFromId('anthropic.claude-3-haiku-20240307-v1:0'), 'claude-3-haiku');
    assert.equal(shortNameFromId('us.anthropic.claude-3-5-haiku-20241022-v1:0'), 'claude-3-5-haiku (us)');
    assert.equal(shortNameFromId('amazon.titan-text-express-v1'), 'titan-text-express');
    assert.equal(shortNameFromId('arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-lite-v1:0'), 'nova-lite');
    assert.equal(
      shortNameFromId('arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/a1b2c3d4e5f6'),
      'application inference profile a1b2c3d4e5f6',
    );
  });

  it("uses the catalog's name when it knows the model", () => {
    const catalog = builtInCatalog('p', 'us-east-1', { kind: 'network', errorName: 'Error', reason: '' });
    assert.equal(displayName('us.anthropic.claude-sonnet-4-20250514-v1:0', catalog), 'Claude Sonnet 4 (us)');
    assert.equal(displayName('amazon.nova-lite-v1:0', catalog), 'Nova Lite');
    assert.equal(displayName('vendor.unknown-model-v1:0', catalog), 'unknown-model');
  });
});
