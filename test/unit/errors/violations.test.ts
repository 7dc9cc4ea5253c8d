import * as assert from 'node:assert/strict';
import {
  closestIds,
  defaultValueFor,
  deniedResource,
  guardrailActionOf,
  guardrailIntervention,
  invokePolicy,
  parseViolations,
  renameFor,
} from '../../../src/core/errors';

describe('errors: schema violations', () => {
  it('splits concatenated parts with no separator (Llama given a chat body)', () => {
    const v = parseViolations(
      'Malformed input request: #: required key [prompt] not found#: extraneous key [messages] is not permitted, please reformat your input and try again.',
    );
    assert.deepEqual(
      v.map((x) => [x.kind, x.path, x.key]),
      [
        ['missingKey', [], 'prompt'],
        ['extraneousKey', ['messages'], 'messages'],
      ],
    );
    assert.equal(v[0].text, '#: required key [prompt] not found');
  });

  it('keeps a part whose text has commas and braces whole', () => {
    const v = parseViolations(
      'Malformed input request: #: subject must not be valid against schema {"required":["messages"]}#/messages/0/content: expected minLength: 1, actual: 0, please reformat your input and try again.',
    );
    assert.equal(v.length, 2);
    assert.match(v[0].text, /\{"required":\["messages"\]\}$/);
    assert.deepEqual(v[1].path, ['messages', 0, 'content']);
    assert.match(v[1].message, /expected minLength: 1, actual: 0/);
  });

  it('decodes JSON-pointer escapes', () => {
    assert.deepEqual(
      parseViolations('Malformed input request: #/a~1b/c~0d: expected type: Integer, found: String')[0].path,
      ['a/b', 'c~d'],
    );
  });

  it('finds nothing in messages that are not schema reports', () => {
    assert.deepEqual(parseViolations('The provided model identifier is invalid.'), []);
  });
});

describe('errors: what fixes write', () => {
  it("inserts sensible values for missing keys, the family's shape first", () => {
    assert.equal(defaultValueFor('max_tokens', 'anthropic'), 1024);
    assert.equal(defaultValueFor('anthropic_version', 'anthropic'), 'bedrock-2023-05-31');
    assert.deepEqual(defaultValueFor('messages', 'nova'), [{ role: 'user', content: [{ text: 'Hello' }] }]);
    assert.equal(defaultValueFor('no_such_key'), undefined);
  });

  it("renames other families' spellings to this family's", () => {
    assert.equal(renameFor('maxTokenCount', 'nova'), 'maxTokens');
    assert.equal(renameFor('maxTokens', 'titan-text'), 'maxTokenCount');
    assert.equal(renameFor('maxTokens', 'anthropic'), 'max_tokens');
    assert.equal(renameFor('max_tokens', 'llama'), 'max_gen_len');
    assert.equal(renameFor('maxTokens', undefined), undefined);
  });

  it('suggests the closest model IDs', () => {
    const ids = [
      'anthropic.claude-3-haiku-20240307-v1:0',
      'amazon.nova-lite-v1:0',
      'us.anthropic.claude-3-haiku-20240307-v1:0',
    ];
    assert.deepEqual(closestIds('anthropic.claude-3-haiku-20240307-v1', ids), [
      'anthropic.claude-3-haiku-20240307-v1:0',
    ]);
    assert.deepEqual(closestIds('amazon.nova-lte-v1:0', ids), ['amazon.nova-lite-v1:0']);
    assert.deepEqual(closestIds('completely-unrelated-thing', ids), []);
  });

  it('writes a least-privilege policy for the denied resource and the model', () => {
    const message =
      'User: arn:aws:iam::123456789012:user/dev is not authorized to perform: bedrock:InvokeModel on resource: arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-lite-v1:0 because no identity-based policy allows it';
    assert.equal(deniedResource(message), 'arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-lite-v1:0');
    const policy = JSON.parse(invokePolicy('amazon.nova-lite-v1:0', 'us-east-1', message)) as {
      Statement: Array<{ Action: string[]; Resource: string[]; Effect: string }>;
    };
    assert.deepEqual(policy.Statement[0].Action, ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream']);
    assert.deepEqual(policy.Statement[0].Resource, [
      'arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-lite-v1:0',
    ]);
    const profile = JSON.parse(
      invokePolicy('us.anthropic.claude-3-5-haiku-20241022-v1:0', 'us-east-1'),
    ) as typeof policy;
    assert.deepEqual(profile.Statement[0].Resource, [
      'arn:aws:bedrock:us-east-1:*:inference-profile/us.anthropic.claude-3-5-haiku-20241022-v1:0',
      'arn:aws:bedrock:*::foundation-model/anthropic.claude-3-5-haiku-20241022-v1:0',
    ]);
  });

  it('recognises a guardrail intervention and names the guardrail', () => {
    assert.equal(guardrailActionOf({ 'amazon-bedrock-guardrailAction': 'INTERVENED' }), 'INTERVENED');
    assert.equal(guardrailActionOf({ content: [] }), undefined);
    const problem = guardrailIntervention({ identifier: 'gr123abc', version: '1' });
    assert.equal(problem.severity, 'information');
    assert.match(problem.message, /"gr123abc" \(version 1\) intervened/);
    assert.deepEqual(problem.jsonPath, ['guardrailIdentifier']);
  });
});
