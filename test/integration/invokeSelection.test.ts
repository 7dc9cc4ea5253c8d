// Invoke Model on Selection in the real extension host, against the emulator, through the real SDK.
import * as assert from 'node:assert/strict';
import { parse } from 'jsonc-parser';
import * as vscode from 'vscode';
import type { TextRunOutcome } from '../../src/features/services/runText';
import { emulator } from './support/emulator';
import { bedrockLogText, cleanSlate, editorWith, outputChannelText, until } from './support/workbench';

const HAIKU = 'anthropic.claude-3-haiku-20240307-v1:0';

function marker(): string {
  return `marker-${Math.random().toString(36).slice(2, 10)}`;
}

async function invoke(): Promise<TextRunOutcome> {
  const outcome = await vscode.commands.executeCommand<TextRunOutcome | undefined>('bedrock.invokeSelection');
  assert.ok(outcome, 'the command did not run an invocation');
  return outcome;
}

describe('Invoke Model on Selection', () => {
  const clean = cleanSlate({ emulator: { fillerTokens: 8, pacing: { chunksPerSecond: 0, firstByteDelayMs: 0 } } });

  it('streams the answer to the selection into the Bedrock Output channel, between a header and a metrics footer', async () => {
    await clean.settings({ 'bedrock.modelId': HAIKU, 'bedrock.output': 'outputChannel', 'bedrock.stream': true });
    const mark = marker();
    const text = `Please answer ${mark}`;
    await editorWith(`ignored line\n${text}\nignored too`, [[13, 13 + text.length]]);

    const { result } = await invoke();

    assert.equal(result.outcome, 'completed', String(result.error));
    assert.ok(result.text.includes(text), 'the answer echoes exactly the selected text');
    const [record] = await emulator.invocations();
    assert.equal(record.operation, 'InvokeModelWithResponseStream');
    assert.equal(record.modelId, HAIKU);
    assert.ok(!JSON.stringify(record.body).includes('ignored'), 'only the selection is sent');
    const log = await until('the footer in the Output channel', async () => {
      const all = await outputChannelText();
      const at = all.lastIndexOf(`▶ ${HAIKU}`);
      return at >= 0 && all.slice(at).includes('■ stop: end_turn') ? all.slice(at) : undefined;
    });
    assert.match(log, /profile emulator · us-east-1/);
    assert.ok(log.includes(result.text), 'the channel holds the whole answer');
    assert.match(log, /tokens \d+ in \/ \d+ out · first token \d+(\.\d+)? m?s · total/);
  });

  it('writes one line per invocation to the Bedrock Log, and neither the prompt nor the answer', async () => {
    await clean.settings({ 'bedrock.modelId': HAIKU, 'bedrock.output': 'outputChannel', 'bedrock.stream': true });
    const text = `Log me ${marker()}`;
    await editorWith(text, [[0, text.length]]);
    const answersBefore = (await outputChannelText()).length;
    const { result } = await invoke();
    assert.equal(result.outcome, 'completed', String(result.error));
    const line = await until('the invocation line in the Bedrock Log', async () =>
      (await bedrockLogText())
        .split('\n')
        .find((l) => l.includes(`InvokeModelWithResponseStream ${HAIKU} in us-east-1 (profile emulator): completed`)),
    );
    assert.match(line, /\[info\].* after \d+ ms, \d+ in \/ \d+ out tokens$/);
    const log = await bedrockLogText();
    assert.ok(!log.includes(text), 'the prompt is not logged');
    assert.ok(!log.includes(result.text), 'the answer is not logged');
    const answers = await until('the footer in the Output channel', async () => {
      const all = (await outputChannelText()).slice(answersBefore);
      return all.includes('■ stop') ? all : undefined;
    });
    assert.ok(!answers.includes(`${HAIKU} in us-east-1`), 'the answer channel carries answers only');
  });

  it('shows the header while a slow model has not answered yet, then the answer and footer after it', async () => {
    await clean.settings({ 'bedrock.modelId': HAIKU, 'bedrock.output': 'outputChannel', 'bedrock.stream': true });
    await emulator.configure({ pacing: { chunksPerSecond: 0, firstByteDelayMs: 2500 } });
    const text = `Slow answer ${marker()}`;
    await editorWith(text, [[0, text.length]]);
    const before = (await outputChannelText()).length;
    const running = invoke();
    const started = Date.now();
    // The first token is 2.5 s away; the header must not wait for it.
    await until('the header in the Output channel', async () =>
      (await outputChannelText()).slice(before).includes(`▶ ${HAIKU}`) ? true : undefined,
    );
    assert.ok(Date.now() - started < 2000, `the header took ${Date.now() - started} ms`);
    assert.ok(!(await outputChannelText()).slice(before).includes(text), 'no answer yet');
    const { result } = await running;
    assert.equal(result.outcome, 'completed', String(result.error));
    const log = await until('the footer', async () => {
      const all = (await outputChannelText()).slice(before);
      return all.includes('■ stop:') ? all : undefined;
    });
    const header = log.indexOf(`▶ ${HAIKU}`);
    assert.equal(log.indexOf('▶ ', header + 1), -1, 'one header');
    assert.ok(
      header < log.indexOf(result.text) && log.indexOf(result.text) < log.indexOf('■ stop:'),
      'header, answer, footer in that order',
    );
  });

  it('streams into a new Markdown document beside the editor when bedrock.output is newDocument', async () => {
    await clean.settings({ 'bedrock.modelId': HAIKU, 'bedrock.output': 'newDocument' });
    const mark = marker();
    await editorWith(`Write about ${mark}`, [[0, 12 + mark.length]]);

    const { result } = await invoke();

    assert.equal(result.outcome, 'completed', String(result.error));
    const document = await until('the answer document', () =>
      vscode.workspace.textDocuments.find(
        (d) => d.isUntitled && d.languageId === 'markdown' && d.getText().includes(mark),
      ),
    );
    await until('the whole answer in the document', () => document.getText() === result.text);
    assert.ok(
      vscode.window.visibleTextEditors.some((e) => e.document === document),
      'the document is shown',
    );
  });

  it('sends several selections in document order, separated by a blank line', async () => {
    await clean.settings({ 'bedrock.modelId': HAIKU });
    const text = 'FIRST part\nnot selected\nSECOND part';
    const second: [number, number] = [text.indexOf('SECOND'), text.length];
    const first: [number, number] = [0, 'FIRST part'.length];
    await editorWith(text, [second, first]);

    const { result } = await invoke();

    assert.equal(result.outcome, 'completed', String(result.error));
    assert.ok(result.text.includes('FIRST part\n\nSECOND part'), `got: ${result.text}`);
    const [record] = await emulator.invocations();
    assert.ok(JSON.stringify(record.body).includes('FIRST part\\n\\nSECOND part'));
  });

  it('cancels mid-stream: the HTTP request is aborted, the emulator records it, and the partial text stays', async () => {
    await clean.settings({ 'bedrock.modelId': HAIKU, 'bedrock.output': 'outputChannel' });
    await emulator.configure({ fillerTokens: 2000, pacing: { chunksPerSecond: 40 } });
    const mark = marker();
    await editorWith(`Long answer ${mark}`, [[0, 12 + mark.length]]);

    const running = vscode.commands.executeCommand<TextRunOutcome>('bedrock.invokeSelection');
    // Cancel once the answer is visibly streaming (the prompt's echo has reached the Output channel).
    await until('the first streamed text in the Output channel', async () =>
      (await outputChannelText()).includes(`Long answer ${mark}`) ? true : undefined,
    );
    await vscode.commands.executeCommand('bedrock.cancelAll');
    const { result } = await running;

    assert.equal(result.outcome, 'cancelled');
    assert.ok(result.text.includes(mark), 'the partial text was kept');
    const record = await until('the aborted record', async () => (await emulator.invocations()).find((r) => r.aborted));
    assert.equal(record.completed, false);
    await until('the cancelled footer', async () =>
      (await outputChannelText()).includes('■ cancelled after') ? true : undefined,
    );
  });

  it('uses InvokeModel when streaming is turned off', async () => {
    await clean.settings({ 'bedrock.modelId': 'amazon.nova-lite-v1:0', 'bedrock.stream': false });
    const mark = marker();
    await editorWith(`Nova, ${mark}`, [[0, 6 + mark.length]]);

    const { result } = await invoke();

    assert.equal(result.outcome, 'completed', String(result.error));
    assert.equal(result.streamed, false);
    assert.ok(result.text.includes(mark));
    const [record] = await emulator.invocations();
    assert.equal(record.operation, 'InvokeModel');
  });

  it("signs with the profile chosen in settings, in that profile's region", async () => {
    await clean.settings({ 'bedrock.modelId': HAIKU, 'bedrock.profile': 'emulator-west' });
    await editorWith('Which region?', [[0, 13]]);

    const { result } = await invoke();

    assert.equal(result.outcome, 'completed', String(result.error));
    const [record] = await emulator.invocations();
    assert.equal(record.region, 'us-west-2');
    assert.equal(record.authType, 'sigv4');
    assert.equal(record.accessKeyId, 'AKIAEMULATOREXAMPLE');
  });

  it('shows DeepSeek R1 reasoning apart from the answer', async () => {
    await clean.settings({ 'bedrock.modelId': 'us.deepseek.r1-v1:0', 'bedrock.output': 'outputChannel' });
    const mark = marker();
    await editorWith(`Reason about ${mark}`, [[0, 13 + mark.length]]);

    const { result } = await invoke();

    assert.equal(result.outcome, 'completed', String(result.error));
    assert.ok(result.reasoning.length > 0);
    assert.ok(!result.text.includes('</think>'));
    const log = await until('the answer section', async () => {
      const all = await outputChannelText();
      const at = all.lastIndexOf('▶ us.deepseek.r1-v1:0');
      return at >= 0 && all.slice(at).includes('■ stop:') ? all.slice(at) : undefined;
    });
    assert.ok(log.indexOf('── reasoning ──') < log.indexOf('── answer ──'));
  });

  it('reports a Bedrock error with what to do, and keeps nothing half-written', async () => {
    await clean.settings({ 'bedrock.modelId': HAIKU });
    await emulator.fault({
      fault: 'AccessDeniedException',
      message: "You don't have access to the model with the specified model ID.",
    });
    await editorWith('Denied?', [[0, 7]]);

    const { result, problem } = await invoke();

    assert.equal(result.outcome, 'failed');
    assert.equal(problem?.kind, 'modelAccessNotGranted');
    await until('the error footer', async () =>
      (await outputChannelText()).includes('✖ AccessDeniedException') ? true : undefined,
    );
  });

  it('never interleaves the text of two invocations running at once in the Output channel', async () => {
    await clean.settings({ 'bedrock.modelId': HAIKU, 'bedrock.output': 'outputChannel' });
    await emulator.configure({ fillerTokens: 120, pacing: { chunksPerSecond: 200 } });
    const first = marker();
    const second = marker();
    await editorWith(`First ${first}`, [[0, 6 + first.length]]);
    const a = vscode.commands.executeCommand<TextRunOutcome>('bedrock.invokeSelection');
    await editorWith(`Second ${second}`, [[0, 7 + second.length]]);
    const b = vscode.commands.executeCommand<TextRunOutcome>('bedrock.invokeSelection');

    const [ra, rb] = await Promise.all([a, b]);

    assert.equal(ra.result.outcome, 'completed');
    assert.equal(rb.result.outcome, 'completed');
    const log = await until('both footers', async () => {
      const all = await outputChannelText();
      return all.includes(ra.result.text) && all.includes(rb.result.text) ? all : undefined;
    });
    // Each answer appears whole, directly under its own header, and the other's header comes after its footer.
    for (const { text } of [ra.result, rb.result]) {
      const at = log.indexOf(text);
      const header = log.lastIndexOf('▶ ', at);
      const footer = log.indexOf('■ stop:', at);
      assert.ok(!log.slice(header + 1, at).includes('▶ '), 'another header inside this answer');
      assert.ok(!log.slice(at, footer).includes('▶ '), 'another invocation wrote before this footer');
    }
  });

  it('has a keybinding that no other default VS Code keybinding uses', async () => {
    const manifest = vscode.extensions.getExtension('bedrock-invoke.bedrock-invoke')!.packageJSON;
    const ours: { key: string } = manifest.contributes.keybindings.find(
      (k: { command: string }) => k.command === 'bedrock.invokeSelection',
    );
    assert.ok(ours, 'Invoke Model on Selection has no keybinding');
    await vscode.commands.executeCommand('workbench.action.openDefaultKeybindingsFile');
    const document = await until('the default keybindings', () =>
      vscode.window.activeTextEditor?.document.uri.toString().includes('keybindings')
        ? vscode.window.activeTextEditor.document
        : undefined,
    );
    const defaults = parse(document.getText()) as Array<{ key: string; command: string }>;
    assert.ok(
      defaults.length > 500 && defaults.some((k) => k.key === 'ctrl+b'),
      'this is not the default keybindings file',
    );
    assert.ok(
      defaults.some((k) => k.key === ours.key && k.command === 'bedrock.invokeSelection'),
      'ours is not among them',
    );
    const taken = defaults.filter(
      (k) => k.key === ours.key && k.command !== 'bedrock.invokeSelection' && !k.command.startsWith('-'),
    );
    assert.deepEqual(taken, [], `${ours.key} is also bound to other commands`);
  });
});
