// The model, profile and region switcher in the real extension host: its pickers list what the emulator's control
// plane returns, and a choice changes what the next request is signed with and sent to. The pickers are the real
// QuickPicks; `_bedrock.activePicker` reads their items and accepts one through the workbench's accept command.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { TextRunOutcome } from '../../src/features/services/runText';
import { emulator } from './support/emulator';
import { cleanSlate, editorWith, outputChannelText, until } from './support/workbench';

const HAIKU = 'anthropic.claude-3-haiku-20240307-v1:0';
const HAIKU_35 = 'anthropic.claude-3-5-haiku-20241022-v1:0';
const EMULATOR_KEY = 'AKIAEMULATOREXAMPLE';

interface Snapshot {
  title?: string;
  busy: boolean;
  items: { label: string; description?: string; detail?: string; kind?: 'separator' }[];
}

/** The open picker once its items are in. */
async function openPicker(titlePart: string): Promise<Snapshot> {
  return until(`a picker titled "${titlePart}"`, async () => {
    const s = await vscode.commands.executeCommand<Snapshot | undefined>('_bedrock.activePicker');
    return s && !s.busy && s.items.length > 0 && s.title?.includes(titlePart) ? s : undefined;
  });
}

async function accept(labelOrDescription: string): Promise<void> {
  await vscode.commands.executeCommand('_bedrock.activePicker', { accept: labelOrDescription });
}

const modelIds = (s: Snapshot) => s.items.filter((i) => i.kind !== 'separator').map((i) => i.description);

async function invokeOnSelection(text = 'hello from the switcher test'): Promise<TextRunOutcome> {
  await editorWith(text, [[0, text.length]]);
  const outcome = await vscode.commands.executeCommand<TextRunOutcome | undefined>('bedrock.invokeSelection');
  assert.ok(outcome, 'Invoke Model on Selection did not run');
  return outcome;
}

function setting(key: string): unknown {
  return vscode.workspace.getConfiguration('bedrock').inspect(key)?.globalValue;
}

describe('Model switcher', () => {
  // The open picker goes first: closing editors under it would not close it.
  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
  });
  const clean = cleanSlate();

  it("Select Model lists the text models of the profile's region from the control plane, profile-only models as their profile IDs, and saves the choice", async () => {
    // A region of its own, so the listing is fresh rather than cached by an earlier test.
    await clean.settings({ 'bedrock.modelId': HAIKU, 'bedrock.region': 'us-east-2' });
    const chosen = vscode.commands.executeCommand<string | undefined>('bedrock.selectModel');
    const picker = await openPicker('Select Model');

    assert.match(picker.title!, /emulator · us-east-2/);
    const ids = modelIds(picker);
    assert.ok(ids.includes(`us.${HAIKU_35}`), 'the profile-only model is offered as its inference profile ID');
    assert.ok(!ids.includes(HAIKU_35), 'its bare ID, which fails on demand, is not offered');
    assert.ok(ids.includes(HAIKU) && ids.includes('amazon.nova-lite-v1:0'));
    assert.ok(!ids.includes('amazon.titan-embed-text-v2:0'), 'Invoke Model on Selection gets text models only');
    const groups = picker.items.filter((i) => i.kind === 'separator').map((i) => i.label);
    assert.ok(
      ['Amazon', 'Anthropic', 'Meta'].every((g) => groups.includes(g)),
      `provider groups: ${groups.join(', ')}`,
    );
    assert.equal(picker.items.at(-1)?.label, '$(edit) Enter a model ID or ARN...');
    const listings = (await emulator.requests()).filter((r) => r.operation.startsWith('List'));
    assert.deepEqual([...new Set(listings.map((r) => `${r.operation} ${r.region} ${r.accessKeyId}`))].sort(), [
      `ListFoundationModels us-east-2 ${EMULATOR_KEY}`,
      `ListInferenceProfiles us-east-2 ${EMULATOR_KEY}`,
    ]);

    await accept(`us.${HAIKU_35}`);
    assert.equal(await chosen, `us.${HAIKU_35}`);
    assert.equal(setting('modelId'), `us.${HAIKU_35}`);

    // The choice is offered first next time.
    const again = vscode.commands.executeCommand<string | undefined>('bedrock.selectModel');
    const second = await openPicker('Select Model');
    assert.equal(second.items[0].label, 'Recently used');
    assert.equal(second.items[1].description, `us.${HAIKU_35}`);
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    assert.equal(await again, undefined);
  });

  it('falls back to the built-in list with the reason when listing is denied, and lists again when asked', async () => {
    await clean.settings({ 'bedrock.region': 'ca-central-1' });
    await emulator.fault({
      fault: 'AccessDeniedException',
      operation: 'ListFoundationModels',
      message: 'User: arn:aws:iam::123456789012:user/dev is not authorized to perform: bedrock:ListFoundationModels',
    });
    const chosen = vscode.commands.executeCommand<string | undefined>('bedrock.selectModel');
    const picker = await openPicker('Select Model');

    assert.match(picker.title!, /built-in list/);
    assert.match(picker.items[0].label, /Built-in model list/);
    assert.match(
      picker.items[0].detail!,
      /Profile "emulator" in ca-central-1 is not allowed to list models \(AccessDeniedException\)/,
    );
    assert.ok(
      modelIds(picker).includes(`us.${HAIKU_35}`),
      "the built-in list offers profile IDs for the region's geography",
    );

    // Picking the notice lists again; the fault is used up, so this time the account's list comes back.
    await accept(picker.items[0].label);
    const relisted = await until('the live list', async () => {
      const s = await openPicker('Select Model');
      return s.title?.includes('built-in') ? undefined : s;
    });
    assert.ok(!relisted.items.some((i) => /Built-in model list/.test(i.label)));
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    assert.equal(await chosen, undefined);
  });

  it('asks with the picker when no model is set, and Invoke Model on Selection uses the choice', async () => {
    await clean.settings({ 'bedrock.modelId': '' });
    const run = invokeOnSelection();
    await openPicker('Select Model');
    await accept('amazon.nova-lite-v1:0');
    const { result } = await run;
    assert.equal(result.outcome, 'completed', String(result.error));
    assert.equal(setting('modelId'), 'amazon.nova-lite-v1:0');
    const [record] = await emulator.invocations();
    assert.equal(record.modelId, 'amazon.nova-lite-v1:0');
  });

  it('a model the control plane lists as not streaming is invoked without streaming, and the header says why', async () => {
    const LLAMA4 = 'us.meta.llama4-maverick-17b-instruct-v1:0';
    await clean.settings({
      'bedrock.modelId': '',
      'bedrock.stream': true,
      'bedrock.output': 'outputChannel',
      'bedrock.region': 'us-west-2',
    });
    const before = (await outputChannelText()).length;
    const run = invokeOnSelection('hello from a model that does not stream');
    await openPicker('Select Model');
    await accept(LLAMA4);
    const { result } = await run;
    assert.equal(result.outcome, 'completed', String(result.error));
    assert.equal(result.streamed, false);
    const [record] = await emulator.invocations();
    assert.equal(record.operation, 'InvokeModel', 'the stream operation, which the model refuses, is not called');
    const header = (await outputChannelText())
      .slice(before)
      .split('\n')
      .find((l) => l.startsWith(`▶ ${LLAMA4}`));
    assert.match(header ?? '', / · not streaming \(the model does not support streaming\) · /);
  });

  it("Select AWS Profile lists the profiles with kind and region; the next request is signed for the new profile's region", async () => {
    await clean.settings({ 'bedrock.modelId': HAIKU, 'bedrock.profile': 'emulator', 'bedrock.region': '' });
    const chosen = vscode.commands.executeCommand<string | undefined>('bedrock.selectProfile');
    const picker = await openPicker('Select AWS Profile');
    const west = picker.items.find((i) => i.label === 'emulator-west');
    assert.equal(west?.description, 'access keys · us-west-2');
    assert.ok(
      picker.items.some((i) => i.label === '$(check) emulator'),
      'the current profile is marked',
    );
    await accept('emulator-west');
    assert.equal(await chosen, 'emulator-west');
    assert.equal(setting('profile'), 'emulator-west');

    const { result } = await invokeOnSelection();
    assert.equal(result.outcome, 'completed', String(result.error));
    const [record] = await emulator.invocations();
    assert.equal(record.region, 'us-west-2');
    assert.equal(record.accessKeyId, EMULATOR_KEY);
  });

  it('Select AWS Profile switches the credentials that sign the next request', async () => {
    // A profile with a key of its own, added to the run's AWS files (the runner's throwaway HOME) for this test.
    const configFile = process.env.AWS_CONFIG_FILE!;
    const credentialsFile = process.env.AWS_SHARED_CREDENTIALS_FILE!;
    assert.ok(configFile && credentialsFile && path.isAbsolute(configFile), 'the runner names the AWS files');
    const before = [fs.readFileSync(configFile, 'utf8'), fs.readFileSync(credentialsFile, 'utf8')] as const;
    const otherKey = 'AKIASWITCHEROTHER01';
    fs.appendFileSync(configFile, '\n[profile switcher-other]\nregion = eu-central-1\n');
    fs.appendFileSync(
      credentialsFile,
      `\n[switcher-other]\naws_access_key_id = ${otherKey}\naws_secret_access_key = switcherOtherSecretExample\n`,
    );
    try {
      await clean.settings({ 'bedrock.modelId': HAIKU, 'bedrock.profile': 'emulator', 'bedrock.region': '' });
      const chosen = vscode.commands.executeCommand('bedrock.selectProfile');
      const picker = await openPicker('Select AWS Profile');
      assert.equal(picker.items.find((i) => i.label === 'switcher-other')?.description, 'access keys · eu-central-1');
      await accept('switcher-other');
      await chosen;

      // The emulator does not know this key and refuses the call; its record still shows who signed it and where.
      await invokeOnSelection();
      const [record] = await emulator.invocations();
      assert.equal(record.accessKeyId, otherKey);
      assert.equal(record.region, 'eu-central-1');
    } finally {
      fs.writeFileSync(configFile, before[0]);
      fs.writeFileSync(credentialsFile, before[1]);
    }
  });

  it("Select Region offers the profile's own region first and sends the next request to the chosen one", async () => {
    await clean.settings({ 'bedrock.modelId': HAIKU, 'bedrock.profile': 'emulator-west', 'bedrock.region': '' });
    const chosen = vscode.commands.executeCommand<string | undefined>('bedrock.selectRegion');
    const picker = await openPicker('Select Region');
    assert.equal(picker.items[0].label, '$(check) us-west-2');
    assert.equal(picker.items[0].description, 'the region of profile emulator-west');
    assert.ok(picker.items.some((i) => i.label === 'eu-west-1' && i.description === 'Europe (Ireland)'));
    await accept('eu-west-1');
    assert.equal(await chosen, 'eu-west-1');
    assert.equal(setting('region'), 'eu-west-1');

    const { result } = await invokeOnSelection();
    assert.equal(result.outcome, 'completed', String(result.error));
    const [record] = await emulator.invocations();
    assert.equal(record.region, 'eu-west-1');
  });

  it('the profile · region menu leads to the region picker, and names an environment variable that overrides the profile', async () => {
    await clean.settings({ 'bedrock.profile': 'emulator', 'bedrock.region': '' });
    // The extension reads the extension host's own environment, as the AWS SDK would.
    process.env.AWS_BEARER_TOKEN_BEDROCK = 'ABSKc3dpdGNoZXJUZXN0VG9rZW4=';
    try {
      const done = vscode.commands.executeCommand('bedrock.switchConnection');
      const menu = await openPicker('AWS Profile and Region');
      assert.equal(menu.items.find((i) => i.label === '$(account) Select AWS Profile...')?.description, 'emulator');
      assert.equal(menu.items.find((i) => i.label === '$(globe) Select Region...')?.description, 'us-east-1');
      const warning = menu.items.find((i) => i.label.startsWith('$(warning)'));
      assert.match(
        warning?.detail ?? '',
        /AWS_BEARER_TOKEN_BEDROCK is set: requests use that Bedrock API key, not the credentials of profile "emulator"/,
      );
      await accept('$(globe) Select Region...');
      const regions = await openPicker('Select Region');
      assert.equal(regions.items[0].description, 'the region of profile emulator');
      await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
      await done;
    } finally {
      delete process.env.AWS_BEARER_TOKEN_BEDROCK;
    }
    const after = vscode.commands.executeCommand('bedrock.switchConnection');
    const menu = await openPicker('AWS Profile and Region');
    assert.ok(!menu.items.some((i) => i.label.startsWith('$(warning)')), 'no warning once the variable is gone');
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    await after;
  });

  it("with a request file active, lists every model and writes the choice into the file's modelId as an undoable edit", async () => {
    await clean.settings({ 'bedrock.modelId': HAIKU });
    const folder = vscode.workspace.workspaceFolders![0].uri;
    const document = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder, 'hello.bedrock.json'));
    await vscode.window.showTextDocument(document);
    const original = document.getText();
    const chosen = vscode.commands.executeCommand<string | undefined>('bedrock.selectModel');
    const picker = await openPicker('Select Model for hello.bedrock.json');
    assert.ok(modelIds(picker).includes('amazon.titan-embed-text-v2:0'), 'a request file may use any model');
    await accept('amazon.nova-lite-v1:0');
    const where = await openPicker('Use amazon.nova-lite-v1:0');
    await accept(where.items.find((i) => i.label.includes('Write into hello.bedrock.json'))!.label);
    assert.equal(await chosen, 'amazon.nova-lite-v1:0');

    await until('the edit', () =>
      document.getText().includes('"modelId": "amazon.nova-lite-v1:0"') ? true : undefined,
    );
    assert.ok(document.isDirty, "the edit is not saved behind the user's back");
    assert.equal(setting('modelId'), HAIKU, 'the default model is left alone');
    await vscode.commands.executeCommand('undo');
    await until('the undo', () => (document.getText() === original ? true : undefined));
  });

  it('in a file of several requests, writes the model into the request under the cursor, adding modelId where it is missing', async () => {
    await clean.settings({ 'bedrock.modelId': HAIKU });
    const folder = vscode.workspace.workspaceFolders![0].uri;
    const uri = vscode.Uri.joinPath(folder, 'switcher-two.bedrock.json');
    const text = `[\n  { "name": "first", "modelId": "${HAIKU}", "prompt": "one" },\n  { "name": "second", "prompt": "two" }\n]\n`;
    fs.writeFileSync(uri.fsPath, text);
    try {
      const document = await vscode.workspace.openTextDocument(uri);
      const editor = await vscode.window.showTextDocument(document);
      const inSecond = document.positionAt(text.indexOf('"two"'));
      editor.selection = new vscode.Selection(inSecond, inSecond);
      const chosen = vscode.commands.executeCommand<string | undefined>('bedrock.selectModel');
      await openPicker('Select Model for switcher-two.bedrock.json');
      await accept('amazon.nova-micro-v1:0');
      const where = await openPicker('Use amazon.nova-micro-v1:0');
      const write = where.items.find((i) => i.label.includes('Write into switcher-two.bedrock.json'))!;
      assert.equal(write.description, 'adds "modelId"');
      await accept(write.label);
      await chosen;
      const edited = await until('the edit', () => (document.getText() !== text ? document.getText() : undefined));
      const requests = JSON.parse(edited) as { name: string; modelId?: string }[];
      assert.deepEqual(
        requests.map((r) => [r.name, r.modelId]),
        [
          ['first', HAIKU],
          ['second', 'amazon.nova-micro-v1:0'],
        ],
      );
      await vscode.commands.executeCommand('undo');
      await until('the undo', () => (document.getText() === text ? true : undefined));
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      fs.rmSync(uri.fsPath, { force: true });
    }
  });
});
