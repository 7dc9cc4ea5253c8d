// The one redactor: each shape the issue lists, and each output path that can be checked on plain Node (the
// Problems panel's per-violation texts from classify, the Output channel's header and footer lines, the raw-response
// view's text). The paths that need VS Code (Output channel writes, documents, notifications, the log) are checked
// in test/integration/redaction.test.ts.
import * as assert from 'node:assert/strict';
import { classify } from '../../../src/core/errors';
import { redact, StreamRedactor } from '../../../src/core/security';
import { footerLine, headerLine } from '../../../src/features/output/format';
import { rawResponseText } from '../../../src/features/requestFiles/rawResponse';

const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const KEY_ID = 'ASIAY34FZKBOKMUTVV7A';
const TOKEN = 'IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQ';
const STS_XML = `<AssumeRoleResponse><AssumeRoleResult><Credentials><AccessKeyId>${KEY_ID}</AccessKeyId><SecretAccessKey>${SECRET}</SecretAccessKey><SessionToken>${TOKEN}</SessionToken></Credentials></AssumeRoleResult></AssumeRoleResponse>`;
const SSO_CACHE = JSON.stringify({
  startUrl: 'https://d-1.awsapps.com/start',
  accessToken: 'aoaAAAAAGVwQ2xpZW50VG9rZW4',
  refreshToken: 'Atzr|IwEBIA-refresh-1234',
  clientId: 'abc',
  clientSecret: 'eyJraWQiOiJrZXktMTU2NDAy',
});

/** Every shape, with the secrets it carries (none of which may remain) and what must remain. */
const SHAPES: Array<{ name: string; text: string; secrets: string[]; kept?: string[] }> = [
  {
    name: 'STS XML',
    text: STS_XML,
    secrets: [SECRET, TOKEN],
    kept: [KEY_ID, '<SecretAccessKey>[redacted]</SecretAccessKey>'],
  },
  {
    name: 'SSO cache JSON',
    text: SSO_CACHE,
    secrets: ['aoaAAAAAGVwQ2xpZW50VG9rZW4', 'Atzr|IwEBIA-refresh-1234', 'eyJraWQiOiJrZXktMTU2NDAy'],
    kept: ['d-1.awsapps.com'],
  },
  {
    name: 'JSON-escaped text (a string inside JSON)',
    text: JSON.stringify({ text: `aws_secret_access_key = "${SECRET}"\n"sessionToken": "${TOKEN}"` }),
    secrets: [SECRET, TOKEN],
  },
  {
    name: 'doubly JSON-escaped SSO cache',
    text: JSON.stringify(JSON.stringify({ text: SSO_CACHE })),
    secrets: ['aoaAAAAAGVwQ2xpZW50VG9rZW4', 'eyJraWQiOiJrZXktMTU2NDAy'],
  },
  {
    name: '"secret access key: ..."',
    text: `The secret access key: ${SECRET} is wrong`,
    secrets: [SECRET],
    kept: ['is wrong'],
  },
  {
    name: 'a bare 40-character secret next to its key ID',
    text: `keys: ${KEY_ID} ${SECRET}`,
    secrets: [SECRET],
    kept: [KEY_ID],
  },
  { name: 'a bare secret after its key ID, CSV', text: `${KEY_ID},"${SECRET}"`, secrets: [SECRET], kept: [KEY_ID] },
  {
    name: 'URL user info',
    text: 'Could not reach https://user:hunter2pass@proxy.example.com:8080 (no proxy)',
    secrets: ['hunter2pass'],
    kept: ['https://user:[redacted]@proxy.example.com:8080'],
  },
  {
    name: 'URL with a token as user',
    text: 'https://ghp_abcdefghijklmnopqrstuvwxyz0123@github.com/o/r.git',
    secrets: ['ghp_abcdefghijklmnopqrstuvwxyz0123'],
  },
  {
    name: 'X-Amz-Security-Token in a query',
    text: `GET /model?X-Amz-Security-Token=${encodeURIComponent(TOKEN)}&X-Amz-Date=20260101T000000Z`,
    secrets: [encodeURIComponent(TOKEN)],
    kept: ['X-Amz-Date=20260101T000000Z'],
  },
  {
    name: 'double-encoded X-Amz-Security-Token',
    text: `redirect=${encodeURIComponent(encodeURIComponent(`https://h/?X-Amz-Security-Token=${TOKEN}`))}`,
    secrets: [encodeURIComponent(encodeURIComponent(TOKEN)), 'IQoJb3JpZ2lu'],
  },
  {
    name: 'SigV4 Authorization header',
    text: `Authorization: AWS4-HMAC-SHA256 Credential=${KEY_ID}/20260101/us-east-1/bedrock/aws4_request, SignedHeaders=host, Signature=${'ab'.repeat(32)}`,
    secrets: ['ab'.repeat(32)],
    kept: [KEY_ID],
  },
  {
    name: 'Bedrock API key',
    text: 'x-api-key ABSKQmVkcm9ja0FQSUtleS1leGFtcGxlMTIzNDU2Nzg5MA==',
    secrets: ['ABSKQmVkcm9ja0FQSUtleS1leGFtcGxl'],
  },
];

function assertClean(out: string, shape: { name: string; secrets: string[]; kept?: string[] }): void {
  for (const secret of shape.secrets) assert.ok(!out.includes(secret), `${shape.name}: ${secret} is still in ${out}`);
  for (const kept of shape.kept ?? []) assert.ok(out.includes(kept), `${shape.name}: ${kept} was removed from ${out}`);
}

describe('redact: every shape', () => {
  for (const shape of SHAPES) it(shape.name, () => assertClean(redact(shape.text), shape));

  it('leaves ordinary text alone: model IDs, git SHAs near a key ID, documentation URLs, a user without a password', () => {
    for (const text of [
      'anthropic.claude-3-haiku-20240307-v1:0 in us-east-1',
      `commit 3f786850e387550fdab836ed7e6dc881de23001b by ${KEY_ID}`,
      'See https://docs.aws.amazon.com/bedrock/latest/userguide/api-keys.html',
      'ssh://git@github.com/org/repo.git',
      'The answer is 42.',
    ])
      assert.equal(redact(text), text);
  });
});

describe('StreamRedactor: a streamed answer, in pieces of any size', () => {
  const answer = [
    'Here is the config you asked for.\n',
    `aws_access_key_id = ${KEY_ID}\naws_secret_access_key = "${SECRET}"\n`,
    `${STS_XML}\n${SSO_CACHE}\n`,
    '-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA7\nq0Zl\n-----END RSA PRIVATE KEY-----\n',
    'Connect to https://admin:hunter2pass@db.example.com and Authorization: Bearer abcdefghijklmnopqrstuv, then rest.',
  ].join('');
  const secrets = [
    SECRET,
    TOKEN,
    'aoaAAAAAGVwQ2xpZW50VG9rZW4',
    'MIIEowIBAAKCAQEA7',
    'hunter2pass',
    'abcdefghijklmnopqrstuv',
  ];

  for (const size of [1, 2, 3, 5, 7, 13, 64, 4096]) {
    it(`${size}-character pieces: the same text as redacting the whole answer, no secret in any piece`, () => {
      const redactor = new StreamRedactor();
      const pieces: string[] = [];
      for (let i = 0; i < answer.length; i += size) pieces.push(redactor.push(answer.slice(i, i + size)));
      pieces.push(redactor.end());
      for (const piece of pieces) assertClean(piece, { name: 'piece', secrets: secrets.map((s) => s.slice(0, 12)) });
      assert.equal(pieces.join(''), redact(answer));
    });
  }

  it('a bare secret on the line after its access key ID is held until the whole-text rule can see both', () => {
    const answer = `The key is ${KEY_ID}\nand its secret ${SECRET} so keep it safe. ${'More text. '.repeat(30)}`;
    assert.ok(!redact(answer).includes(SECRET), 'the whole-text rule catches it');
    for (const size of [1, 7, 40, 4096]) {
      const redactor = new StreamRedactor();
      const pieces: string[] = [];
      for (let i = 0; i < answer.length; i += size) pieces.push(redactor.push(answer.slice(i, i + size)));
      pieces.push(redactor.end());
      assert.ok(!pieces.join('').includes(SECRET.slice(0, 12)), `${size}-character pieces let the secret through`);
      assert.equal(pieces.join(''), redact(answer));
    }
  });

  it('plain text is shown as it comes, one word late; a line without spaces is let go at 64 KiB', () => {
    const redactor = new StreamRedactor();
    assert.equal(redactor.push('Hello'), '');
    assert.equal(redactor.push(' world,'), 'Hello ');
    assert.equal(redactor.push(' and more\n'), 'world, and more\n');
    assert.equal(redactor.push('x'.repeat(70_000)).length, 70_000);
  });
});

describe('redact: output paths', () => {
  it('Problems panel: each violation text of a ValidationException is redacted, and the message', () => {
    const raw = `Malformed input request: #: extraneous key [${STS_XML}] is not permitted#/messages/0: secret access key: ${SECRET}, please reformat your input and try again.`;
    const problem = classify(Object.assign(new Error(raw), { name: 'ValidationException' }));
    assert.ok(problem.violations?.length, 'split into violations');
    for (const v of problem.violations ?? [])
      assertClean(`${v.message} ${v.text}`, { name: 'violation', secrets: [SECRET, TOKEN] });
    assertClean(problem.message, { name: 'message', secrets: [SECRET, TOKEN] });
  });

  it('Output channel: the header line hides the password of an endpoint URL, the footer every shape of the message', () => {
    const header = headerLine({
      modelId: 'm',
      profile: 'p',
      region: 'us-east-1',
      endpoint: 'https://me:s3cretPassw0rd@proxy.example.com',
      streamed: true,
    });
    assertClean(header, {
      name: 'header',
      secrets: ['s3cretPassw0rd'],
      kept: ['https://me:[redacted]@proxy.example.com'],
    });
    const result = {
      outcome: 'failed' as const,
      text: '',
      reasoning: '',
      usage: {},
      streamed: true,
      textChunks: 0,
      metadata: {},
      totalMs: 1,
      error: new Error(STS_XML),
    };
    for (const shape of SHAPES) {
      const footer = footerLine(result, {
        kind: 'unknown',
        errorName: 'Error',
        message: shape.text,
        hint: '',
        fixes: [],
        retryable: true,
      });
      assertClean(footer, shape);
    }
  });

  it('raw-response view: secrets in a body and JSON-escaped in a streamed text are redacted', () => {
    const text = rawResponseText({
      modelId: 'm',
      at: '2026-01-01T00:00:00Z',
      outcome: 'completed',
      streamed: false,
      metadata: {},
      body: {
        content: [{ type: 'text', text: `Here: aws_secret_access_key = "${SECRET}"\n${SSO_CACHE}\n${STS_XML}` }],
      },
    });
    assertClean(text, {
      name: 'raw body',
      secrets: [SECRET, TOKEN, 'aoaAAAAAGVwQ2xpZW50VG9rZW4', 'eyJraWQiOiJrZXktMTU2NDAy'],
    });
    assert.doesNotThrow(() => JSON.parse(text), 'still JSON');
    const streamed = rawResponseText({
      modelId: 'm',
      at: 'now',
      outcome: 'completed',
      streamed: true,
      metadata: {},
      text: `keys ${KEY_ID} ${SECRET} and https://u:pw12345@h.example`,
    });
    assertClean(streamed, { name: 'raw streamed', secrets: [SECRET, 'pw12345'], kept: [KEY_ID] });
  });
});
