// Temporary credentials and Bedrock API keys reach Bedrock the way the SDK sends them, and nothing the extension
// writes holds them: after the whole run, the harness scans every file the run produced for these values.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { BEARER_TOKEN, SESSION_CREDENTIAL } from '../harness/secrets';
import { ROLE_ARN, ROLE_PROFILE, SESSION_PROFILE } from '../harness/userSetup';
import type { TextRunOutcome } from '../../src/features/services/runText';
import { emulator } from './support/emulator';
import { cleanSlate, editorWith, outputChannelText } from './support/workbench';

describe('credentials', () => {
  const clean = cleanSlate();
  afterEach(() => {
    delete process.env.AWS_BEARER_TOKEN_BEDROCK;
  });

  it("signs with a profile's temporary credentials and sends its session token", async () => {
    await clean.settings({
      'bedrock.modelId': 'anthropic.claude-3-haiku-20240307-v1:0',
      'bedrock.profile': SESSION_PROFILE,
    });
    await editorWith('Temporary credentials', [[0, 21]]);

    const outcome = await vscode.commands.executeCommand<TextRunOutcome>('bedrock.invokeSelection');

    assert.equal(outcome?.result.outcome, 'completed', String(outcome?.result.error));
    const [record] = await emulator.invocations();
    assert.equal(record.accessKeyId, SESSION_CREDENTIAL.accessKeyId);
    assert.equal(record.hasSessionToken, true);
    assert.ok(!(await outputChannelText()).includes(SESSION_CREDENTIAL.sessionToken));
  });

  it("assumes the role of an assume-role profile through STS with its source profile, then signs with the role's keys", async () => {
    await clean.settings({
      'bedrock.modelId': 'anthropic.claude-3-haiku-20240307-v1:0',
      'bedrock.profile': ROLE_PROFILE,
    });
    await editorWith('As the role', [[0, 11]]);

    const outcome = await vscode.commands.executeCommand<TextRunOutcome>('bedrock.invokeSelection');

    assert.equal(outcome?.result.outcome, 'completed', String(outcome?.result.error));
    const [assume, invoke] = await emulator.requests();
    assert.equal(assume.operation, 'AssumeRole');
    assert.equal(assume.accessKeyId, 'AKIAEMULATOREXAMPLE', "STS is called with the source profile's keys");
    assert.equal(new URLSearchParams(String(assume.body)).get('RoleArn'), ROLE_ARN);
    assert.equal(invoke.operation, 'InvokeModelWithResponseStream');
    assert.match(invoke.accessKeyId ?? '', /^ASIA/, "Bedrock is called with the role's temporary keys");
    assert.equal(invoke.hasSessionToken, true);
    assert.equal(invoke.region, 'eu-central-1');
  });

  it('sends the Bedrock API key from AWS_BEARER_TOKEN_BEDROCK instead of the profile, as the SDK does, and never shows it', async () => {
    await clean.settings({ 'bedrock.modelId': 'anthropic.claude-3-haiku-20240307-v1:0' });
    process.env.AWS_BEARER_TOKEN_BEDROCK = BEARER_TOKEN;
    await editorWith('Bearer please', [[0, 13]]);

    const outcome = await vscode.commands.executeCommand<TextRunOutcome>('bedrock.invokeSelection');

    assert.equal(outcome?.result.outcome, 'completed', String(outcome?.result.error));
    const [record] = await emulator.invocations();
    assert.equal(record.authType, 'bearer');
    const raw = await vscode.commands.executeCommand<vscode.TextDocument>('bedrock.showLastRawResponse');
    assert.ok(raw && !raw.getText().includes(BEARER_TOKEN));
    assert.ok(!(await outputChannelText()).includes(BEARER_TOKEN));
  });

  it("goes back to the profile's signature when the variable is gone", async () => {
    await clean.settings({ 'bedrock.modelId': 'anthropic.claude-3-haiku-20240307-v1:0' });
    await editorWith('SigV4 again', [[0, 11]]);

    const outcome = await vscode.commands.executeCommand<TextRunOutcome>('bedrock.invokeSelection');

    assert.equal(outcome?.result.outcome, 'completed', String(outcome?.result.error));
    assert.equal((await emulator.invocations())[0].authType, 'sigv4');
  });
});
