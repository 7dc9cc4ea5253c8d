import * as assert from 'node:assert/strict';
import { checkEndpoint, checkEnvironmentVariable, redact } from '../../../src/core/security';

describe('checkEndpoint', () => {
  const aws = [
    'https://bedrock-runtime.us-east-1.amazonaws.com',
    'https://bedrock-runtime-fips.us-gov-west-1.amazonaws.com',
    'https://bedrock-runtime.us-east-1.api.aws',
    'https://bedrock-runtime-fips.us-east-1.api.aws',
    'https://bedrock-runtime.cn-north-1.amazonaws.com.cn',
    'https://vpce-0abc123-xyz.bedrock-runtime.us-east-1.vpce.amazonaws.com',
    'https://bedrock-runtime.us-east-1.amazonaws.com.',
    'https://bedrock.us-west-2.amazonaws.com',
  ];
  for (const url of aws) it(`counts ${url} as AWS`, () => assert.equal(checkEndpoint(url).aws, true));

  const notAws: Array<[string, RegExp]> = [
    ['http://127.0.0.1:8080', /not an Amazon Bedrock endpoint/],
    ['http://localhost:4566', /not an Amazon Bedrock endpoint/],
    ['http://[::1]:9000', /not an Amazon Bedrock endpoint/],
    ['https://proxy.example.com', /not an Amazon Bedrock endpoint/],
    ['https://amazonaws.com.evil.example', /not an Amazon Bedrock endpoint/],
    ['https://evilamazonaws.com', /not an Amazon Bedrock endpoint/],
    ['https://abc123.execute-api.us-east-1.amazonaws.com', /not an Amazon Bedrock endpoint/],
    ['https://my-lb-1234.us-east-1.elb.amazonaws.com', /not an Amazon Bedrock endpoint/],
    ['https://bucket.s3.amazonaws.com', /not an Amazon Bedrock endpoint/],
    ['https://ec2-1-2-3-4.compute-1.amazonaws.com', /not an Amazon Bedrock endpoint/],
    ['https://bedrock-runtime.us-east-1.amazonaws.com.evil.example', /not an Amazon Bedrock endpoint/],
    ['http://bedrock-runtime.us-east-1.amazonaws.com', /not HTTPS/],
    ['https://user:pw@bedrock-runtime.us-east-1.amazonaws.com', /user name or password/],
    ['not a url', /not a valid URL/],
  ];
  for (const [url, reason] of notAws) {
    it(`does not count ${url} as AWS, and says why`, () => {
      const verdict = checkEndpoint(url);
      assert.equal(verdict.aws, false);
      assert.match(verdict.reason ?? '', reason);
    });
  }
});

describe('checkEnvironmentVariable', () => {
  for (const name of ['HOME', 'USER', 'PROJECT_NAME', 'AWS_REGION', 'AWS_PROFILE', 'LANG']) {
    it(`allows ${name}`, () => assert.equal(checkEnvironmentVariable(name, []).allowed, true));
  }
  for (const name of [
    'MY_SECRET',
    'GITHUB_TOKEN',
    'DB_PASSWORD',
    'OPENAI_API_KEY',
    'AWS_ACCESS_KEY_ID',
    'AWS_SECRET_ACCESS_KEY',
    'AWS_SESSION_TOKEN',
    'AWS_BEARER_TOKEN_BEDROCK',
    'aws_secret_access_key',
  ]) {
    it(`refuses ${name}, saying how to allow it`, () => {
      const verdict = checkEnvironmentVariable(name, []);
      assert.equal(verdict.allowed, false);
      assert.match(verdict.message ?? '', /bedrock\.allowedEnvironmentVariables/);
      assert.ok(verdict.message?.includes(name));
    });
  }
  it('allows a refused name the user listed, exactly', () => {
    assert.equal(checkEnvironmentVariable('GITHUB_TOKEN', ['GITHUB_TOKEN']).allowed, true);
    assert.equal(checkEnvironmentVariable('GITHUB_TOKEN', ['github_token']).allowed, false);
  });
});

describe('redact', () => {
  it('removes SigV4 signatures but keeps the access key ID and scope', () => {
    const text =
      'authorization: AWS4-HMAC-SHA256 Credential=AKIAEMULATOREXAMPLE/20261126/us-east-1/bedrock/aws4_request, SignedHeaders=host, Signature=' +
      'a'.repeat(64);
    const out = redact(text);
    assert.ok(!out.includes('a'.repeat(64)));
    assert.match(out, /AKIAEMULATOREXAMPLE/);
  });
  it('removes bearer tokens, security tokens, secret keys and Bedrock API keys', () => {
    const text = [
      'Authorization: Bearer ABSKZW11bGF0b3JCZWFyZXJUb2tlbkV4YW1wbGU=',
      'x-amz-security-token: IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQ',
      'aws_secret_access_key = emulatorSecretKeyExample',
      '{"aws_session_token":"FwoGZXIvYXdzEBYaDExample"}',
      'key ABSKQmVkcm9ja0FQSUtleS1leGFtcGxlLWtleQ==',
      'short bedrock-api-key-YmVkcm9jay5hbWF6b25hd3MuY29tLz9BY3Rpb249Q2FsbFdpdGhCZWFyZXJUb2tlbg==',
    ].join('\n');
    const out = redact(text);
    for (const secret of [
      'ABSKZW11bGF0b3JCZWFyZXJUb2tlbkV4YW1wbGU=',
      'IQoJb3JpZ2luX2VjEJr',
      'emulatorSecretKeyExample',
      'FwoGZXIvYXdzEBYaDExample',
      'ABSKQmVkcm9ja0FQSUtleS1leGFtcGxlLWtleQ==',
      'YmVkcm9jay5hbWF6b25hd3MuY29tLz9BY3Rpb249Q2FsbFdpdGhCZWFyZXJUb2tlbg==',
    ]) {
      assert.ok(!out.includes(secret), `${secret} survived: ${out}`);
    }
  });
  it('removes known secret values wherever they appear', () => {
    assert.equal(redact('the key is s3cr3tValue!! ok', ['s3cr3tValue!!']), 'the key is [redacted] ok');
  });
  it('leaves ordinary text alone', () => {
    const text =
      'Malformed input request: #: required key [max_tokens] not found, please reformat your input and try again.';
    assert.equal(redact(text), text);
  });
});
