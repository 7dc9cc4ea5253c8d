// The one redactor on every output path of the real extension host: a model answer and a Bedrock error that quote
// credentials (STS XML, SSO cache JSON, `secret access key: ...`, a bare secret beside its key ID, URL user info)
// reach the Output channel, the answer document, the raw-response view, the Problems panel and the Bedrock Log
// with every secret replaced by [redacted].
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { emulator } from './support/emulator';
import { bedrockLogText, cleanSlate, outputChannelText, until } from './support/workbench';
import { diagnosticsOf, HAIKU, openRequestFile, runRequest } from './diagnosticsSupport';

const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const KEY_ID = 'ASIAY34FZKBOKMUTVV7A';
const TOKEN = 'IQoJb3JpZ2luX2VjEJrSESSIONTOKENEXAMPLE';
const SSO = 'aoaAAAAAGVwQ2xpZW50VG9rZW4example';
const PASSWORD = 'hunter2pass';
const SECRETS = [SECRET, TOKEN, SSO, PASSWORD];
const ANSWER = [
  `Your STS answer: <Credentials><AccessKeyId>${KEY_ID}</AccessKeyId><SecretAccessKey>${SECRET}</SecretAccessKey><SessionToken>${TOKEN}</SessionToken></Credentials>`,
  `Your SSO cache: {"accessToken": "${SSO}", "refreshToken": "${SSO}", "clientSecret": "${SSO}"}`,
  `The secret access key: ${SECRET}`,
  `Keys: ${KEY_ID} ${SECRET}`,
  `Database: postgres://admin:${PASSWORD}@db.example.com/app`,
].join('\n');

function assertClean(what: string, text: string): void {
  for (const secret of SECRETS) assert.ok(!text.includes(secret), `${what} shows ${secret}`);
}

describe('Redaction on every output path', function () {
  this.timeout(60_000);
  const slate = cleanSlate({
    emulator: {
      pacing: { chunksPerSecond: 0, firstByteDelayMs: 0 },
      replies: [{ whenPromptContains: 'LEAK-TEST', text: ANSWER }],
    },
    settings: { 'bedrock.stream': true },
  });
  after(() => emulator.configure({ replies: [] }));

  it('a streamed answer that quotes credentials: the Output channel and the raw-response view show [redacted]', async () => {
    await slate.settings({ 'bedrock.output': 'outputChannel' });
    const document = await openRequestFile('leak-output.bedrock.json', { modelId: HAIKU, prompt: 'LEAK-TEST please' });
    assert.equal((await runRequest(document)).outcome, 'completed');
    const output = await until('the answer in the Output channel', async () => {
      const text = await outputChannelText();
      return text.includes('Database: postgres://admin:[redacted]@db.example.com/app') ? text : undefined;
    });
    assertClean('the Output channel', output);
    assert.ok(output.includes(`<SecretAccessKey>[redacted]</SecretAccessKey>`));
    assert.ok(output.includes(`Keys: ${KEY_ID} [redacted]`), 'the key ID stays, its secret goes');
    const raw = await vscode.commands.executeCommand<vscode.TextDocument>('bedrock.showLastRawResponse');
    assertClean('the raw-response view', raw.getText());
    assert.match(
      raw.getText(),
      /\\"accessToken\\": \\"\[redacted\]\\"/,
      'the JSON-escaped SSO cache is redacted inside the JSON',
    );
  });

  it('the same answer into a new document: the document shows [redacted]', async () => {
    await slate.settings({ 'bedrock.output': 'newDocument' });
    const document = await openRequestFile('leak-document.bedrock.json', { modelId: HAIKU, prompt: 'LEAK-TEST again' });
    assert.equal((await runRequest(document)).outcome, 'completed');
    const answer = await until('the answer document', () =>
      vscode.workspace.textDocuments.find(
        (d) => d.languageId === 'markdown' && d.getText().includes('Database: postgres://admin:[redacted]@'),
      ),
    );
    assertClean('the answer document', answer.getText());
  });

  it('a Bedrock error that quotes credentials: each per-violation diagnostic and the Bedrock Log show [redacted]', async () => {
    const document = await openRequestFile('leak-error.bedrock.json', {
      modelId: HAIKU,
      body: { anthropic_version: 'bedrock-2023-05-31', max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] },
    });
    await emulator.fault({
      fault: 'ValidationException',
      count: 1,
      message: `Malformed input request: #: extraneous key [<SecretAccessKey>${SECRET}</SecretAccessKey>] is not permitted#: extraneous key [secret access key: ${SECRET} ${KEY_ID} ${SECRET}] is not permitted, please reformat your input and try again.`,
    });
    assert.equal((await runRequest(document)).outcome, 'failed');
    const diagnostics = await diagnosticsOf(document.uri, 2);
    for (const d of diagnostics) assertClean('a diagnostic', d.message);
    assert.ok(
      diagnostics.some((d) => d.message.includes('<SecretAccessKey>[redacted]</SecretAccessKey>')),
      diagnostics.map((d) => d.message).join('\n'),
    );
    const log = await until('the failed run in the Bedrock Log', async () => {
      const text = await bedrockLogText();
      return text.includes('ValidationException') ? text : undefined;
    });
    assertClean('the Bedrock Log', log);
  });
});
