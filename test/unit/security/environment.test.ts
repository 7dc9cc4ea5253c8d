// ${env:NAME}'s two rules: the name rule (secret-looking names, AWS credential variables) and the value rule (values
// that look like keys, tokens, PEM blocks, URLs with a password, long random strings), each lifted only by the exact
// name in the user's bedrock.allowedEnvironmentVariables; and both through expandRequest, on the variable's node.
import * as assert from 'node:assert/strict';
import { expandRequest, parseRequestFile, type VariableResolver } from '../../../src/core/requestFile';
import { checkEnvironmentValue, checkEnvironmentVariable, secretNameReason } from '../../../src/core/security';

const SECRET_NAMES = [
  // the list
  'DATABASE_URL',
  'MYSQL_PWD',
  'DB_PASS',
  'CI_JOB_JWT',
  'GH_PAT',
  'SLACK_WEBHOOK_URL',
  'SENTRY_DSN',
  // passwords, tokens, keys, cookies, sessions
  'PGPASSWORD',
  'REDIS_PASSWORD',
  'SMTP_PASS',
  'ADMIN_PW',
  'GITHUB_TOKEN',
  'NPM_TOKEN',
  'HF_TOKEN',
  'CI_JOB_TOKEN',
  'OPENAI_API_KEY',
  'STRIPE_SECRET',
  'APIKEY',
  'ghToken',
  'SESSION_COOKIE',
  'AUTH_HEADER',
  'JWT',
  'NEXTAUTH_SECRET',
  'SSH_PRIVATE_KEY',
  'GPG_PASSPHRASE',
  'TLS_CERT',
  'SIGNING_KEY',
  'DOCKER_AUTH_CONFIG',
  'KUBECONFIG',
  'DISCORD_WEBHOOK',
  'GOOGLE_APPLICATION_CREDENTIALS',
  'ARM_CLIENT_SECRET',
  'AZURE_STORAGE_CONNECTION_STRING',
  // connection URLs
  'REDIS_URL',
  'MONGODB_URI',
  'POSTGRES_URL',
  'AMQP_URL',
  'DB_CONNECTION',
  'KAFKA_BROKER_URL',
  'ELASTICSEARCH_URL',
  // AWS
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_BEARER_TOKEN_BEDROCK',
  'AWS_CONTAINER_CREDENTIALS_FULL_URI',
];
const PLAIN_NAMES = [
  'HOME',
  'PATH',
  'USER',
  'LANG',
  'TOPIC',
  'PWD',
  'OLDPWD',
  'TOKENIZERS_PARALLELISM',
  'KEYBOARD_LAYOUT',
  'EDITOR',
  'AWS_REGION',
  'SITE_URL',
  'TZ',
];

const SECRET_VALUES: Array<[string, RegExp]> = [
  ['AKIAIOSFODNN7EXAMPLE', /an AWS access key ID/],
  ['ASIAY34FZKBOKMUTVV7A', /an AWS access key ID/],
  ['ABSKQmVkcm9ja0FQSUtleS1leGFtcGxlMTIzNDU2Nzg5MA==', /an Amazon Bedrock API key/],
  ['bedrock-api-key-YmVkcm9jay5hbWF6b25hd3MuY29tLz9BY3Rpb249', /an Amazon Bedrock API key/],
  ['-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----', /a PEM block/],
  ['postgres://app:hunter2@db.internal:5432/app', /a URL with a user name or password/],
  ['https://x-access-token:abc@github.com/org/repo.git', /a URL with a user name or password/],
  ['eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U', /a JSON Web Token/],
  ['wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', /a long random string/],
  ['9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08', /a long random string/],
  ['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', /github|a long random string/],
  ['https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX', /slack/],
  ['xoxb-263594206564-2343594206574-FGqddMF8t08v8N7Oq4i57vs1', /slack|a long random string/],
];
const PLAIN_VALUES = [
  'owls',
  'Tell me about the weather in Paris.',
  '/home/dev/projects/my-app/src/index.ts',
  'en_US.UTF-8',
  '550e8400-e29b-41d4-a716-446655440000',
  'anthropic.claude-3-haiku-20240307-v1:0',
  'https://example.com/docs/page?id=42',
  'us-east-1',
  'false',
  '',
];

describe('${env:} secret rules', () => {
  it('the name rule refuses every secret-looking name and AWS credential variable', () => {
    for (const name of SECRET_NAMES) assert.ok(secretNameReason(name), `${name} was let through`);
  });

  it('the name rule lets ordinary names through (PWD is the working directory, KEYBOARD is no key)', () => {
    for (const name of PLAIN_NAMES) assert.equal(secretNameReason(name), undefined, name);
  });

  it("a refusal names the variable and says how to allow it; the user's exact name allows it", () => {
    const verdict = checkEnvironmentVariable('DATABASE_URL', []);
    assert.equal(verdict.allowed, false);
    assert.match(
      verdict.message ?? '',
      /\$\{env:DATABASE_URL\} is refused: its name looks like a connection URL.*add "DATABASE_URL" to the user setting bedrock\.allowedEnvironmentVariables/,
    );
    assert.equal(checkEnvironmentVariable('DATABASE_URL', ['DATABASE_URL']).allowed, true);
    assert.equal(checkEnvironmentVariable('DATABASE_URL', ['database_url']).allowed, false, 'the exact name only');
  });

  it('the value rule refuses values that look like keys, tokens, PEM blocks, URLs with a password or random strings, without quoting them', async () => {
    for (const [value, shape] of SECRET_VALUES) {
      const verdict = await checkEnvironmentValue('NOTES', value, []);
      assert.equal(verdict.allowed, false, `${value} was let through`);
      assert.match(verdict.message ?? '', shape, value);
      assert.match(
        verdict.message ?? '',
        /^\$\{env:NOTES\} is refused: its value looks like .*add "NOTES" to the user setting bedrock\.allowedEnvironmentVariables/,
      );
      assert.ok(!(verdict.message ?? '').includes(value.slice(4, 20)), 'the value is not quoted');
      assert.equal((await checkEnvironmentValue('NOTES', value, ['NOTES'])).allowed, true, 'allowed by name');
    }
  });

  it('the value rule lets ordinary values through', async () => {
    for (const value of PLAIN_VALUES)
      assert.deepEqual(await checkEnvironmentValue('NOTES', value, []), { allowed: true }, value);
  });

  it('through expandRequest: a secret-looking value stops the run on the variable, nothing sent; allowing the name lets it in', async () => {
    const text = '{"prompt":"Connect with ${env:NOTES} please"}';
    const file = parseRequestFile(text);
    const resolver: VariableResolver = {
      env: (name) => (name === 'NOTES' ? 'mysql://root:s3cret@10.0.0.5/prod' : undefined),
      file: () => Promise.reject(new Error('no files')),
      input: () => Promise.resolve(undefined),
      selection: () => undefined,
    };
    const refused = await expandRequest(file, file.requests[0], resolver);
    assert.ok('problem' in refused);
    assert.equal(
      text.slice(refused.problem.range.offset, refused.problem.range.offset + refused.problem.range.length),
      '${env:NOTES}',
    );
    assert.match(
      refused.problem.message,
      /its value looks like a URL with a user name or password.*Nothing was sent\./,
    );
    assert.ok(!refused.problem.message.includes('s3cret'));
    const allowed = await expandRequest(file, file.requests[0], {
      ...resolver,
      allowedEnvironmentVariables: ['NOTES'],
    });
    assert.ok('spec' in allowed);
    assert.equal(allowed.spec.prompt, 'Connect with mysql://root:s3cret@10.0.0.5/prod please');
  });
});
