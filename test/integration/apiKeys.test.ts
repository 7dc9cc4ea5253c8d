// Bedrock: Set API Key / Clear API Key / Generate Short-Term API Key in the real extension host against the emulator: once a key is stored for
// the region, the next request carries `Authorization: Bearer <key>` and no SigV4 signature; a key stored for another
// region does not sign; after clearing, requests are SigV4-signed with the profile again. The key is kept in
// SecretStorage only (never in settings), and the run's leak scan proves no log or file the run produced holds it.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { BEARER_TOKEN } from '../harness/secrets';
import { emulator } from './support/emulator';
import { cleanSlate, until } from './support/workbench';
import { NOVA, openRequestFile, runRequest } from './diagnosticsSupport';

async function acceptInPicker(titlePart: string, accept: string): Promise<string[]> {
  const snapshot = await until(`a picker titled "${titlePart}"`, async () => {
    const s = await vscode.commands.executeCommand<
      { busy: boolean; items: Array<{ label: string }>; title?: string } | undefined
    >('_bedrock.activePicker');
    return s && !s.busy && s.items.length > 0 && s.title?.includes(titlePart) ? s : undefined;
  });
  await vscode.commands.executeCommand('_bedrock.activePicker', { accept });
  return snapshot.items.map((i) => i.label);
}

async function lastInvocation() {
  const invocations = await emulator.invocations();
  assert.ok(invocations.length, 'a request reached the emulator');
  return invocations[invocations.length - 1];
}

describe('Bedrock API keys (Set API Key / Clear API Key)', () => {
  const clean = cleanSlate({ emulator: { fillerTokens: 4, pacing: { chunksPerSecond: 0, firstByteDelayMs: 0 } } });

  afterEach(async () => {
    await vscode.commands.executeCommand('bedrock.clearApiKey', { scope: 'all' });
  });

  it('a key stored for the region signs the next request as a bearer token, and Clear API Key brings SigV4 back', async () => {
    await clean.settings({ 'bedrock.modelId': NOVA });
    const document = await openRequestFile('apikey.bedrock.json', { modelId: NOVA, prompt: 'Hello with a key' });

    assert.equal((await runRequest(document)).outcome, 'completed');
    assert.equal((await lastInvocation()).authType, 'sigv4', 'before any key: the profile signs');

    // The scope is asked in the real picker; the key comes as the command's argument (its input box is a password box).
    const stored = vscode.commands.executeCommand<string | undefined>('bedrock.setApiKey', { key: BEARER_TOKEN });
    assert.deepEqual(await acceptInPicker('Set API Key', 'Only us-east-1'), ['Only us-east-1', 'All regions']);
    assert.equal(await stored, 'us-east-1');
    const inspected = vscode.workspace.getConfiguration('bedrock');
    assert.ok(!JSON.stringify(inspected).includes(BEARER_TOKEN), 'the key is in no setting');

    await emulator.reset();
    assert.equal((await runRequest(document)).outcome, 'completed');
    const withKey = await lastInvocation();
    assert.equal(withKey.authType, 'bearer', 'Authorization: Bearer <key>');
    assert.equal(withKey.accessKeyId, undefined, 'no SigV4 credential');
    assert.equal(withKey.hasSessionToken, false);
    assert.equal(withKey.status, 200, 'the emulator accepted the key');

    // Two keys stored: Clear API Key asks which.
    assert.equal(
      await vscode.commands.executeCommand('bedrock.setApiKey', {
        key: BEARER_TOKEN,
        scope: 'region',
        region: 'us-west-2',
      }),
      'us-west-2',
    );
    const cleared = vscode.commands.executeCommand<string[]>('bedrock.clearApiKey');
    assert.deepEqual(await acceptInPicker('Clear API Key', 'All of them'), ['us-east-1', 'us-west-2', 'All of them']);
    assert.deepEqual((await cleared).sort(), ['us-east-1', 'us-west-2']);

    await emulator.reset();
    assert.equal((await runRequest(document)).outcome, 'completed');
    assert.equal((await lastInvocation()).authType, 'sigv4', 'after clearing: the profile signs again');
  });

  it('a key stored for another region does not sign; one stored for all regions does', async () => {
    await clean.settings({ 'bedrock.modelId': NOVA });
    const document = await openRequestFile('apikey-regions.bedrock.json', { modelId: NOVA, prompt: 'Which key?' });
    await vscode.commands.executeCommand('bedrock.setApiKey', {
      key: BEARER_TOKEN,
      scope: 'region',
      region: 'eu-west-1',
    });
    assert.equal((await runRequest(document)).outcome, 'completed');
    assert.equal((await lastInvocation()).authType, 'sigv4', 'the eu-west-1 key is not used in us-east-1');

    await vscode.commands.executeCommand('bedrock.setApiKey', { key: BEARER_TOKEN, scope: 'allRegions' });
    await emulator.reset();
    assert.equal((await runRequest(document)).outcome, 'completed');
    assert.equal((await lastInvocation()).authType, 'bearer', 'the key for all regions signs in us-east-1');
  });

  it('Generate Short-Term API Key: a key made from the profile for the region signs (verified as AWS does), and when it lapses the profile signs again', async () => {
    await clean.settings({ 'bedrock.modelId': NOVA });
    const document = await openRequestFile('apikey-short.bedrock.json', { modelId: NOVA, prompt: 'Short-term' });
    const made = await vscode.commands.executeCommand<{ region: string; expiresAt: string } | undefined>(
      'bedrock.generateApiKey',
      { expiresInSeconds: 4 },
    );
    assert.equal(made?.region, 'us-east-1');
    const left = Date.parse(made.expiresAt) - Date.now();
    assert.ok(left > 0 && left <= 4000, `expires in the 4 s asked for (${left} ms)`);
    assert.equal((await runRequest(document)).outcome, 'completed');
    const withKey = await lastInvocation();
    assert.equal(withKey.authType, 'bearer');
    assert.equal(withKey.status, 200, 'the emulator verified the presigned signature and the expiry');

    await new Promise((r) => setTimeout(r, Math.max(0, Date.parse(made.expiresAt) - Date.now()) + 300));
    await emulator.reset();
    assert.equal((await runRequest(document)).outcome, 'completed', 'a lapsed key does not sign');
    assert.equal((await lastInvocation()).authType, 'sigv4');
  });

  it('an invalid stored key: the error says the stored key signed, not the profile', async () => {
    await clean.settings({ 'bedrock.modelId': NOVA });
    const document = await openRequestFile('apikey-invalid.bedrock.json', { modelId: NOVA, prompt: 'Refused' });
    await vscode.commands.executeCommand('bedrock.setApiKey', {
      key: 'ABSKbm90VGhlS2V5VGhlRW11bGF0b3JLbm93cw==',
      scope: 'allRegions',
    });
    const report = await runRequest(document);
    assert.equal(report.problem?.kind, 'accessDenied', report.problem?.message);
    assert.match(
      report.problem?.message ?? '',
      /signed with the Bedrock API key stored in VS Code, not with profile "emulator"/,
    );
    assert.match(report.problem?.hint ?? '', /Bedrock: Clear API Key/);
    assert.doesNotMatch(`${report.problem?.message} ${report.problem?.hint}`, /ABSKbm90/, 'the key is never quoted');
  });
});
