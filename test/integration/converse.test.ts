// `"api": "converse"` request files in the real extension host, against the emulator through the real SDK: run from
// the CodeLens into the Output channel with an image read from the workspace, reasoning apart from the answer, a tool
// call as it arrives, structured output formatted, and Bedrock's Converse errors on the node they name with fixes.
// Fixture files are named converse-* so no other suite has the same document open.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { RequestRunReport } from '../../src/features/services/requestRuns';
import { emulator } from './support/emulator';
import { cleanSlate, outputChannelText, until } from './support/workbench';
import {
  apply,
  diagnosticsOf,
  jsonOf,
  noDiagnostics,
  quickFixes,
  textOf,
  titles,
  workspaceDir,
} from './diagnosticsSupport';

const HAIKU = 'anthropic.claude-3-haiku-20240307-v1:0';
// The smallest valid PNG (1x1, transparent).
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

function marker(): string {
  return `marker-${Math.random().toString(36).slice(2, 10)}`;
}

async function openConverseFile(name: string, request: unknown): Promise<vscode.TextDocument> {
  const file = path.join(workspaceDir(), 'converse', name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(request, null, 2)}\n`);
  const document = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
  await vscode.window.showTextDocument(document, { preview: false });
  return document;
}

async function lensesOf(uri: vscode.Uri): Promise<vscode.CodeLens[]> {
  return until("the request file's CodeLenses", async () => {
    // The request file's own lenses (Invoke, Add toolResult turn, ...), not the Testing view's.
    const lenses = (
      await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri)
    ).filter((l) => l.command && !['bedrock.runTests', 'bedrock.cancelTests'].includes(l.command.command));
    return lenses.length ? lenses : undefined;
  });
}

async function runLens(lens: vscode.CodeLens): Promise<RequestRunReport[]> {
  assert.ok(lens.command);
  const reports = await vscode.commands.executeCommand<RequestRunReport[] | undefined>(
    lens.command.command,
    ...(lens.command.arguments ?? []),
  );
  assert.ok(reports?.length, 'the lens ran nothing');
  return reports;
}

async function run(document: vscode.TextDocument, stream?: boolean): Promise<RequestRunReport> {
  const reports = await vscode.commands.executeCommand<RequestRunReport[] | undefined>(
    'bedrock.runRequestFile',
    document.uri,
    { requestIndex: 0, stream },
  );
  assert.ok(reports?.length, 'the request did not run');
  return reports[reports.length - 1];
}

async function outputAfter(before: number, pattern: RegExp): Promise<string> {
  return until(`the Output channel to show ${pattern}`, async () => {
    const text = (await outputChannelText()).slice(before);
    return pattern.test(text) ? text : undefined;
  });
}

describe('Converse request files', () => {
  const clean = cleanSlate({
    emulator: { fillerTokens: 3, pacing: { chunksPerSecond: 0, firstByteDelayMs: 0 } },
    // The region set and put back by every test: the model switcher then forgets the catalog the quick fixes listed,
    // so suites after this one list models afresh, as they expect.
    settings: {
      'bedrock.modelId': 'amazon.nova-lite-v1:0',
      'bedrock.output': 'outputChannel',
      'bedrock.stream': true,
      'bedrock.region': 'us-east-1',
    },
  });

  it('runs from its Invoke CodeLens with ConverseStream: an image from the workspace as bytes, the answer in the Output channel', async () => {
    fs.mkdirSync(path.join(workspaceDir(), 'converse'), { recursive: true });
    fs.writeFileSync(path.join(workspaceDir(), 'converse', 'converse-dot.png'), PNG);
    const m = marker();
    const document = await openConverseFile('converse-image.bedrock.json', {
      api: 'converse',
      modelId: HAIKU,
      system: 'Describe images briefly.',
      messages: [
        {
          role: 'user',
          content: [
            { text: `${m} what is this?` },
            { image: { format: 'png', source: { bytes: '${file:converse-dot.png}' } } },
          ],
        },
      ],
      inferenceConfig: { maxTokens: 200 },
    });
    // Other providers (the Test Explorer's Test lens) may come first: pick the request's own Invoke lens.
    const invoke = (await lensesOf(document.uri)).find((l) => l.command?.command === 'bedrock.runRequestFile');
    assert.equal(invoke?.command?.title, 'Invoke');
    const before = (await outputChannelText()).length;
    const reports = await runLens(invoke!);
    assert.deepEqual(
      reports.map((r) => r.outcome),
      ['completed'],
      reports[0].problem?.message,
    );

    const [sent] = (await emulator.requests()).filter((r) => r.operation === 'ConverseStream');
    assert.ok(sent, 'ConverseStream was called');
    const body = sent.body as {
      system: unknown;
      messages: Array<{ content: Array<{ image?: { source: { bytes: string } } }> }>;
    };
    assert.deepEqual(body.system, [{ text: 'Describe images briefly.' }]);
    assert.equal(
      body.messages[0].content[1].image?.source.bytes,
      PNG.toString('base64'),
      "the PNG file's bytes, not its text",
    );
    const text = await outputAfter(before, /■ stop: end_turn/);
    assert.match(text, new RegExp(`${m} what is this\\?`));
  });

  it('shows reasoning apart from the answer, and a tool call with its input as it arrives', async () => {
    const before = (await outputChannelText()).length;
    const reasoning = await openConverseFile('converse-reasoning.bedrock.json', {
      api: 'converse',
      modelId: 'us.deepseek.r1-v1:0',
      prompt: 'Think first',
    });
    assert.equal((await run(reasoning)).outcome, 'completed');
    const shown = await outputAfter(before, /── answer ──[\s\S]*■ stop/);
    assert.match(shown, /── reasoning ──\n[\s\S]+\n── answer ──\nThink first/);

    const after = (await outputChannelText()).length;
    const tools = await openConverseFile('converse-tools.bedrock.json', {
      api: 'converse',
      modelId: HAIKU,
      prompt: 'Weather in Paris?',
      toolConfig: {
        tools: [
          {
            toolSpec: {
              name: 'get_weather',
              inputSchema: { json: { type: 'object', properties: { city: { type: 'string' } } } },
            },
          },
        ],
      },
    });
    assert.equal((await run(tools)).outcome, 'completed');
    const call = await outputAfter(after, /■ stop: tool_use/);
    assert.match(call, /\[tool use: get_weather · [\w-]+\]\n\{"city":"emulator"\}/);
  });

  it('checks structured output against its schema and shows it formatted', async () => {
    const before = (await outputChannelText()).length;
    const schema = JSON.stringify({ type: 'object', required: ['city'], properties: { city: { type: 'string' } } });
    const document = await openConverseFile('converse-structured.bedrock.json', {
      api: 'converse',
      modelId: 'us.anthropic.claude-sonnet-4-5-20250929-v1:0',
      prompt: 'The capital of France, as JSON',
      outputConfig: { textFormat: { type: 'json_schema', structure: { jsonSchema: { schema, name: 'city' } } } },
    });
    assert.equal((await run(document)).outcome, 'completed');
    const text = await outputAfter(before, /structured output: matches the schema/);
    assert.match(text, /── structured output: matches the schema ──\n\{\n {2}"city": /);
  });

  it('puts a Converse error on the node it names (messages[1]) and a model error on modelId with its existing quick fix', async () => {
    const twice = await openConverseFile('converse-turns.bedrock.json', {
      api: 'converse',
      modelId: HAIKU,
      messages: [
        { role: 'user', content: [{ text: 'a' }] },
        { role: 'user', content: [{ text: 'b' }] },
      ],
    });
    assert.equal((await run(twice)).outcome, 'failed');
    const [turns] = await diagnosticsOf(twice.uri);
    assert.match(textOf(twice, turns.range), /^\{\s*"role": "user",\s*"content": \[\s*\{\s*"text": "b"/);
    assert.match(turns.message, /alternate between user and assistant/);

    const bare = await openConverseFile('converse-profile.bedrock.json', {
      api: 'converse',
      modelId: 'anthropic.claude-3-5-haiku-20241022-v1:0',
      prompt: 'Hi',
    });
    assert.equal((await run(bare)).outcome, 'failed');
    const [diagnostic] = await diagnosticsOf(bare.uri);
    assert.equal(textOf(bare, diagnostic.range), '"anthropic.claude-3-5-haiku-20241022-v1:0"');
    const fixes = await quickFixes(bare.uri, diagnostic);
    assert.ok(
      titles(fixes).includes('Use inference profile us.anthropic.claude-3-5-haiku-20241022-v1:0'),
      titles(fixes).join(' | '),
    );
    await apply(fixes, 'Use inference profile us.anthropic.claude-3-5-haiku-20241022-v1:0');
    assert.equal(jsonOf(bare).modelId, 'us.anthropic.claude-3-5-haiku-20241022-v1:0');
    await noDiagnostics(bare.uri);
    assert.equal((await run(bare)).outcome, 'completed');
  });

  it('refuses a Converse field without "api": "converse" on that field, and sends nothing', async () => {
    const document = await openConverseFile('converse-missing-api.bedrock.json', {
      modelId: HAIKU,
      messages: [{ role: 'user', content: [{ text: 'hi' }] }],
    });
    const report = await run(document);
    assert.equal(report.outcome, 'refused');
    assert.deepEqual(report.fileProblem?.path, ['messages']);
    assert.match(report.fileProblem?.message ?? '', /add "api": "converse"/);
    assert.equal((await emulator.requests()).filter((r) => r.operation.startsWith('Converse')).length, 0);
  });

  it('a model that takes no system prompt: the quick fix moves it into the first user message, and the rerun succeeds', async () => {
    const document = await openConverseFile('converse-no-system.bedrock.json', {
      api: 'converse',
      modelId: 'amazon.titan-text-express-v1',
      system: 'Be brief.',
      prompt: 'Hello',
      stream: false,
    });
    assert.equal((await run(document)).outcome, 'failed');
    const [diagnostic] = await diagnosticsOf(document.uri);
    assert.equal(textOf(document, diagnostic.range), '"Be brief."');
    const fixes = await quickFixes(document.uri, diagnostic);
    assert.ok(
      titles(fixes).some((t) => /^Use .+, which supports system prompts/.test(t)),
      titles(fixes).join(' | '),
    );
    await apply(fixes, 'Move the system prompt into the first user message');
    assert.deepEqual(jsonOf(document), {
      api: 'converse',
      modelId: 'amazon.titan-text-express-v1',
      prompt: 'Be brief.\n\nHello',
      stream: false,
    });
    await noDiagnostics(document.uri);
    assert.equal((await run(document)).outcome, 'completed');
  });

  it('a model that reads no images: on the image block, and a quick fix switches to a model that reads them', async () => {
    fs.mkdirSync(path.join(workspaceDir(), 'converse'), { recursive: true });
    fs.writeFileSync(path.join(workspaceDir(), 'converse', 'converse-dot.png'), PNG);
    const document = await openConverseFile('converse-no-images.bedrock.json', {
      api: 'converse',
      modelId: 'us.anthropic.claude-3-5-haiku-20241022-v1:0',
      messages: [
        {
          role: 'user',
          content: [
            { text: 'What is it?' },
            { image: { format: 'png', source: { bytes: '${file:converse-dot.png}' } } },
          ],
        },
      ],
    });
    assert.equal((await run(document)).outcome, 'failed');
    const [diagnostic] = await diagnosticsOf(document.uri);
    assert.match(textOf(document, diagnostic.range), /^\{\s*"format": "png"/);
    const fixes = await quickFixes(document.uri, diagnostic);
    const use = titles(fixes).filter((t) => /^Use .+, which supports images/.test(t));
    assert.ok(use.length >= 1, titles(fixes).join(' | '));
    await apply(fixes, use[0]);
    const chosen = String(jsonOf(document).modelId);
    assert.notEqual(chosen, 'us.anthropic.claude-3-5-haiku-20241022-v1:0');
    await noDiagnostics(document.uri);
    assert.equal((await run(document)).outcome, 'completed', `with ${chosen}`);
  });

  it('after an answer that calls a tool, "Add toolResult turn" continues the conversation in the file; the next run answers from the result', async () => {
    const document = await openConverseFile('converse-tool-turn.bedrock.json', {
      api: 'converse',
      modelId: HAIKU,
      prompt: 'Weather in Paris?',
      toolConfig: {
        tools: [
          {
            toolSpec: {
              name: 'get_weather',
              inputSchema: { json: { type: 'object', properties: { city: { type: 'string' } } } },
            },
          },
        ],
      },
    });
    assert.deepEqual(
      (await lensesOf(document.uri)).map((l) => l.command?.title),
      ['Invoke', 'Invoke without streaming', 'Count tokens'],
    );
    const first = await run(document);
    assert.equal(first.outcome, 'completed');
    const [call] = first.toolAnswer?.toolUses ?? [];
    assert.equal(call?.name, 'get_weather');
    assert.equal(jsonOf(document).prompt, 'Weather in Paris?', 'the file is not changed by the run');

    const lens = await until('the Add toolResult turn lens', async () =>
      (await lensesOf(document.uri)).find((l) => l.command?.title === 'Add toolResult turn'),
    );
    assert.equal(await vscode.commands.executeCommand(lens.command!.command, ...(lens.command!.arguments ?? [])), true);
    const messages = jsonOf(document).messages as Array<{
      role: string;
      content: Array<{ toolUse?: unknown; toolResult?: { toolUseId: string } }>;
    }>;
    assert.equal('prompt' in jsonOf(document), false);
    assert.deepEqual(
      messages.map((m) => m.role),
      ['user', 'assistant', 'user'],
    );
    assert.deepEqual(messages[1].content.at(-1), {
      toolUse: { toolUseId: call.toolUseId, name: 'get_weather', input: { city: 'emulator' } },
    });
    assert.equal(messages[2].content[0].toolResult?.toolUseId, call.toolUseId);
    const editor = vscode.window.activeTextEditor!;
    assert.match(editor.document.getText(editor.selection), /^The result of get_weather: replace this/);

    await editor.edit((e) => e.replace(editor.selection, 'Sunny, 21 C'));
    assert.ok(
      !(await lensesOf(document.uri)).some((l) => l.command?.title === 'Add toolResult turn'),
      'the call is answered in the file',
    );
    const before = (await outputChannelText()).length;
    assert.equal((await run(document)).outcome, 'completed');
    await outputAfter(before, /Tool result: Sunny, 21 C[\s\S]*■ stop: end_turn/);
  });

  it("the footer and Show Last Raw Response show prompt-cache writes then reads, Converse's latencyMs and the served tier", async () => {
    const long = 'Our house style for answers: lead with the answer, then the reason. '.repeat(80);
    const document = await openConverseFile('converse-cache.bedrock.json', {
      api: 'converse',
      modelId: 'us.anthropic.claude-sonnet-4-20250514-v1:0',
      system: [{ text: long }, { cachePoint: { type: 'default' } }],
      prompt: 'How do I quote code?',
      serviceTier: { type: 'flex' },
    });
    const before = (await outputChannelText()).length;
    assert.equal((await run(document)).outcome, 'completed');
    const first = await outputAfter(before, /■ stop: end_turn[^\n]*/);
    assert.match(
      first,
      /■ stop: end_turn · tokens \d+ in \/ \d+ out · cache read 0 \/ write [1-9]\d* · first token .* · Bedrock \d+ ms · tier flex/,
    );

    const again = (await outputChannelText()).length;
    assert.equal((await run(document, false)).outcome, 'completed');
    const second = await outputAfter(again, /■ stop: end_turn[^\n]*/);
    assert.match(second, /cache read [1-9]\d* \/ write 0/);

    const raw = await vscode.commands.executeCommand<vscode.TextDocument>('bedrock.showLastRawResponse');
    const shown = JSON.parse(raw.getText()) as Record<string, unknown>;
    assert.equal(shown.api, 'converse');
    assert.ok(Number(shown.cacheReadInputTokens) > 0, raw.getText());
    assert.equal(shown.cacheWriteInputTokens, 0);
    assert.equal(typeof shown.latencyMs, 'number');
    assert.equal(shown.serviceTier, 'flex');
  });

  it('Count tokens above every request counts what it would send (InvokeModel body or Converse input), shows it in the lens with the context window, and invokes nothing', async () => {
    const text = JSON.stringify(
      [
        { name: 'native', modelId: HAIKU, prompt: 'Count these words please' },
        {
          name: 'converse',
          api: 'converse',
          modelId: 'us.anthropic.claude-sonnet-4-20250514-v1:0',
          system: 'Be brief.',
          prompt: 'Count these words please, and more words',
        },
        { name: 'nova', api: 'converse', modelId: 'amazon.nova-lite-v1:0', prompt: 'Hi' },
      ],
      null,
      2,
    );
    const file = path.join(workspaceDir(), 'converse', 'converse-count.bedrock.json');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    const document = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
    await vscode.window.showTextDocument(document, { preview: false });
    const countLenses = async () =>
      (await lensesOf(document.uri)).filter((l) => l.command?.command === 'bedrock.countTokens');
    assert.deepEqual(
      (await countLenses()).map((l) => l.command?.title),
      ['Count tokens', 'Count tokens', 'Count tokens'],
    );

    const [native, converse, nova] = await countLenses();
    const first = await vscode.commands.executeCommand<{ kind: string; inputTokens: number; contextWindow?: number }>(
      native.command!.command,
      ...(native.command!.arguments ?? []),
    );
    assert.equal(first.kind, 'counted');
    assert.ok(first.inputTokens > 0);
    assert.equal(first.contextWindow, 200_000);
    const second = await vscode.commands.executeCommand<{ kind: string; inputTokens: number }>(
      converse.command!.command,
      ...(converse.command!.arguments ?? []),
    );
    assert.equal(second.kind, 'counted');
    const third = await vscode.commands.executeCommand<{ kind: string; message: string }>(
      nova.command!.command,
      ...(nova.command!.arguments ?? []),
    );
    assert.equal(third.kind, 'unsupported');
    assert.match(third.message, /amazon\.nova-lite-v1:0 does not support CountTokens/);

    const titles = await until('the counts in the lens titles', async () => {
      const t = (await countLenses()).map((l) => l.command?.title ?? '');
      return t[0] !== 'Count tokens' ? t : undefined;
    });
    assert.deepEqual(titles, [
      `Count tokens: ${first.inputTokens} input tokens of 200,000`,
      `Count tokens: ${second.inputTokens} input tokens of 200,000`,
      'Count tokens: CountTokens not supported',
    ]);
    const calls = await emulator.requests();
    assert.deepEqual(
      calls.map((r) => [r.operation, r.modelId]),
      [
        ['CountTokens', HAIKU],
        ['CountTokens', 'anthropic.claude-sonnet-4-20250514-v1:0'],
      ],
      'CountTokens only, to the bare model; Nova is known not to count, so nothing is sent for it',
    );
    const body = calls[1].body as { input: { converse: { system: unknown; messages: unknown } } };
    assert.deepEqual(body.input.converse.system, [{ text: 'Be brief.' }]);
  });

  it('Count Tokens with a selection counts the selection as Invoke Model on Selection would send it', async () => {
    await clean.settings({ 'bedrock.modelId': HAIKU });
    const editor = await vscode.window.showTextDocument(
      await vscode.workspace.openTextDocument({ language: 'plaintext', content: 'one two three four five six' }),
    );
    editor.selection = new vscode.Selection(0, 0, 0, 13);
    const counted = await vscode.commands.executeCommand<{ kind: string; inputTokens: number; modelId: string }>(
      'bedrock.countTokens',
    );
    assert.equal(counted.kind, 'counted');
    const [call] = await emulator.requests();
    assert.equal(call.operation, 'CountTokens');
    assert.equal(call.modelId, 'anthropic.claude-3-haiku-20240307-v1:0');
    const sent = JSON.parse(
      Buffer.from(
        (call.body as { input: { invokeModel: { body: string } } }).input.invokeModel.body,
        'base64',
      ).toString('utf8'),
    ) as { messages: Array<{ content: unknown }> };
    assert.match(JSON.stringify(sent.messages), /one two three/);
  });
});
