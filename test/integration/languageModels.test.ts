// Bedrock as a VS Code language-model chat provider, used the way any extension uses it: `vscode.lm.selectChatModels`
// and `sendRequest` in the real extension host, against the emulator through the real SDK (ConverseStream,
// CountTokens, the control plane's listings).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { RecordedRequest } from '../emulator/types';
import { emulator } from './support/emulator';
import { cleanSlate, until } from './support/workbench';

const HAIKU = 'anthropic.claude-3-haiku-20240307-v1:0';
const HAIKU_35 = 'anthropic.claude-3-5-haiku-20241022-v1:0';
const NOVA_LITE = 'amazon.nova-lite-v1:0';
// The smallest valid PNG (1x1, transparent).
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

const User = vscode.LanguageModelChatMessage.User;
const Assistant = vscode.LanguageModelChatMessage.Assistant;

async function bedrockModel(id: string): Promise<vscode.LanguageModelChat> {
  const [model] = await vscode.lm.selectChatModels({ vendor: 'bedrock', id });
  assert.ok(model, `selectChatModels offers ${id}`);
  return model;
}

/** Every part of the answer, in arrival order, with the time each arrived. */
async function collect(response: vscode.LanguageModelChatResponse): Promise<Array<{ part: unknown; at: number }>> {
  const parts: Array<{ part: unknown; at: number }> = [];
  for await (const part of response.stream) parts.push({ part, at: performance.now() });
  return parts;
}

function textOf(parts: Array<{ part: unknown }>): string {
  return parts.map(({ part }) => (part instanceof vscode.LanguageModelTextPart ? part.value : '')).join('');
}

async function converseStreams(): Promise<RecordedRequest[]> {
  return (await emulator.requests()).filter((r) => r.operation === 'ConverseStream');
}

interface PickerSnapshot {
  title?: string;
  busy: boolean;
  items: { label: string; description?: string }[];
  selected?: string[];
}

async function openChatModelsPicker(): Promise<PickerSnapshot> {
  return until('the Chat Models picker', async () => {
    const s = await vscode.commands.executeCommand<PickerSnapshot | undefined>('_bedrock.activePicker');
    return s && s.items.length > 0 && s.title?.includes('Chat Models') ? s : undefined;
  });
}

function setting(key: string): unknown {
  return vscode.workspace.getConfiguration('bedrock').inspect(key)?.globalValue;
}

describe('Bedrock language-model chat provider', function () {
  this.timeout(60_000);
  const clean = cleanSlate({
    emulator: { fillerTokens: 3, pacing: { chunksPerSecond: 0, firstByteDelayMs: 0 } },
    settings: { 'bedrock.languageModels.models': [] },
  });

  it('selectChatModels lists the text models the profile and region can call, profile-only models as their inference profile; a region switch lists again', async () => {
    await clean.settings({ 'bedrock.region': 'us-west-2' });
    const models = await until('the Bedrock chat models', async () => {
      const found = await vscode.lm.selectChatModels({ vendor: 'bedrock' });
      return found.length ? found : undefined;
    });
    const ids = models.map((m) => m.id);
    assert.ok(ids.includes(HAIKU) && ids.includes(NOVA_LITE), ids.join(', '));
    assert.ok(ids.includes(`us.${HAIKU_35}`), 'the model that needs an inference profile is offered as its profile');
    assert.ok(!ids.includes(HAIKU_35), 'its bare ID, which fails on demand, is not offered');
    assert.ok(
      !ids.some((id) => id.includes('embed') || id.includes('canvas') || id.includes('stability')),
      'no embedding or image model',
    );
    assert.ok(
      !ids.includes('us.meta.llama4-maverick-17b-instruct-v1:0'),
      'a model the control plane says does not stream is not offered',
    );

    const haiku = models.find((m) => m.id === HAIKU)!;
    assert.equal(haiku.vendor, 'bedrock');
    assert.equal(haiku.name, 'Claude 3 Haiku');
    assert.equal(haiku.family, 'claude-3-haiku');
    assert.equal(haiku.maxInputTokens, 200_000);
    const listed = (await emulator.requests())
      .filter((r) => r.operation.startsWith('List'))
      .map((r) => `${r.operation} ${r.region}`);
    assert.ok(
      listed.includes('ListFoundationModels us-west-2'),
      `the list came from the control plane: ${listed.join(', ')}`,
    );

    // A region switch tells VS Code the models changed: it asks again, and the new region is listed, with no
    // selectChatModels call in between.
    await clean.settings({ 'bedrock.region': 'eu-west-1' });
    await until('VS Code to ask for the models of the new region', async () =>
      (await emulator.requests()).some((r) => r.operation === 'ListFoundationModels' && r.region === 'eu-west-1'),
    );

    // The setting narrows the offer, and VS Code hears of it.
    await clean.settings({ 'bedrock.languageModels.models': [NOVA_LITE] });
    const narrowed = await until('the narrowed list', async () => {
      const found = await vscode.lm.selectChatModels({ vendor: 'bedrock' });
      return found.length === 1 ? found : undefined;
    });
    assert.deepEqual(
      narrowed.map((m) => m.id),
      [NOVA_LITE],
    );
  });

  it('sendRequest streams the answer through ConverseStream with the conversation, an image and the model options', async () => {
    await emulator.configure({ fillerTokens: 40, pacing: { chunksPerSecond: 20, firstByteDelayMs: 0 } });
    const model = await bedrockModel(HAIKU);
    const response = await model.sendRequest(
      [
        User('My name is Ada.'),
        Assistant('Hello Ada.'),
        User([
          new vscode.LanguageModelTextPart('What is in this picture?'),
          vscode.LanguageModelDataPart.image(PNG, 'image/png'),
        ]),
      ],
      { modelOptions: { maxTokens: 300, temperature: 0.2 } },
    );
    const parts: unknown[] = [];
    let firstWhileStreaming: boolean | undefined;
    for await (const part of response.stream) {
      if (parts.length === 0) firstWhileStreaming = (await converseStreams())[0]?.completed === false;
      parts.push(part);
    }
    assert.equal(firstWhileStreaming, true, 'the first piece arrived while Bedrock was still sending the answer');
    assert.ok(parts.length > 5, `the answer arrived in pieces (${parts.length})`);
    const text = textOf(parts.map((part) => ({ part })));
    assert.match(text, /What is in this picture\?/);

    const [sent] = await converseStreams();
    assert.ok(sent, 'ConverseStream was called');
    assert.equal(sent.modelId, HAIKU);
    assert.deepEqual(sent.body, {
      messages: [
        { role: 'user', content: [{ text: 'My name is Ada.' }] },
        { role: 'assistant', content: [{ text: 'Hello Ada.' }] },
        {
          role: 'user',
          content: [
            { text: 'What is in this picture?' },
            { image: { format: 'png', source: { bytes: PNG.toString('base64') } } },
          ],
        },
      ],
      inferenceConfig: { maxTokens: 300, temperature: 0.2 },
    });
    assert.equal(sent.completed, true);
  });

  it('a tool call comes back as a LanguageModelToolCallPart, and its result goes back as a toolResult', async () => {
    const model = await bedrockModel(HAIKU);
    const tools: vscode.LanguageModelChatTool[] = [
      {
        name: 'get_weather',
        description: 'The weather in a city',
        inputSchema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
      },
    ];
    const first = await collect(await model.sendRequest([User('Weather in Paris?')], { tools }));
    const calls = first
      .map(({ part }) => part)
      .filter((p): p is vscode.LanguageModelToolCallPart => p instanceof vscode.LanguageModelToolCallPart);
    assert.equal(calls.length, 1, 'one tool call');
    assert.equal(calls[0].name, 'get_weather');
    assert.deepEqual(calls[0].input, { city: 'emulator' });
    assert.ok(calls[0].callId);
    const [asked] = await converseStreams();
    assert.deepEqual((asked.body as { toolConfig: unknown }).toolConfig, {
      tools: [
        {
          toolSpec: {
            name: 'get_weather',
            description: 'The weather in a city',
            inputSchema: { json: tools[0].inputSchema },
          },
        },
      ],
    });

    const second = await collect(
      await model.sendRequest(
        [
          User('Weather in Paris?'),
          Assistant([new vscode.LanguageModelTextPart(textOf(first)), calls[0]]),
          User([
            new vscode.LanguageModelToolResultPart(calls[0].callId, [
              new vscode.LanguageModelTextPart('18°C and sunny'),
            ]),
          ]),
        ],
        { tools },
      ),
    );
    assert.match(textOf(second), /Tool result: 18°C and sunny/);
    const answered = (await converseStreams())[1];
    const messages = (answered.body as { messages: Array<{ role: string; content: unknown[] }> }).messages;
    assert.deepEqual(messages[1].content.at(-1), {
      toolUse: { toolUseId: calls[0].callId, name: 'get_weather', input: { city: 'emulator' } },
    });
    assert.deepEqual(messages[2], {
      role: 'user',
      content: [{ toolResult: { toolUseId: calls[0].callId, content: [{ text: '18°C and sunny' }] } }],
    });
  });

  it('a chat answer that quotes credentials is redacted as it streams, like every other answer', async () => {
    // The emulator's model echoes the prompt: an answer that carries an access key pair split over many chunks.
    const keyId = 'AKIAIOSFODNN7EXAMPLE';
    const secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
    await emulator.configure({ fillerTokens: 4, pacing: { chunksPerSecond: 0, firstByteDelayMs: 0 } });
    const model = await bedrockModel(HAIKU);
    const text = textOf(
      await collect(await model.sendRequest([User(`Store these: ${keyId}\naws_secret_access_key = ${secret} thanks`)])),
    );
    assert.ok(!text.includes(secret.slice(0, 12)), text);
    assert.match(text, /\[redacted/);
    assert.match(text, /thanks/, 'the rest of the answer is there');
  });

  it('cancelling mid-answer aborts the HTTP request', async () => {
    await emulator.configure({ fillerTokens: 400, pacing: { chunksPerSecond: 10, firstByteDelayMs: 0 } });
    const model = await bedrockModel(NOVA_LITE);
    const source = new vscode.CancellationTokenSource();
    const response = await model.sendRequest([User('Tell me a long story')], {}, source.token);
    let received = '';
    const started = performance.now();
    try {
      for await (const part of response.stream) {
        if (part instanceof vscode.LanguageModelTextPart) received += part.value;
        if (received.length > 0) source.cancel();
      }
    } catch (error) {
      // A cancelled response may end with a cancellation error; anything else is a failure.
      assert.match(String((error as Error).name ?? error), /Cancel/, String(error));
    }
    assert.ok(
      performance.now() - started < 10_000,
      'the answer stopped instead of running to its end (40 s at this pace)',
    );
    const aborted = await until('the emulator to see the request closed', async () => {
      const [record] = await converseStreams();
      return record?.aborted ? record : undefined;
    });
    assert.equal(aborted.completed, false);
    assert.ok((aborted.chunksSent ?? 0) < 400, `the stream was cut short (${aborted.chunksSent} chunks)`);
  });

  it('a Bedrock error surfaces as the classified message with what to do next', async () => {
    await emulator.fault({
      fault: 'AccessDeniedException',
      operation: 'ConverseStream',
      count: 5,
      message:
        'User: arn:aws:iam::123456789012:user/dev is not authorized to perform: bedrock:InvokeModelWithResponseStream',
    });
    const model = await bedrockModel(HAIKU);
    let failure: unknown;
    try {
      const response = await model.sendRequest([User('Hello')]);
      await collect(response);
    } catch (error) {
      failure = error;
    }
    assert.ok(failure instanceof Error, 'the request failed');
    assert.match(
      failure.message,
      /Access denied: User: arn:aws:iam::123456789012:user\/dev is not authorized to perform: bedrock:InvokeModelWithResponseStream/,
    );
    assert.match(
      failure.message,
      /Profile "emulator" is not allowed to invoke this model\. Grant bedrock:InvokeModel and bedrock:InvokeModelWithResponseStream, or switch profile\./,
    );
    assert.doesNotMatch(failure.message, /AKIA|aws_secret|Signature=/);
  });

  it('counts tokens with CountTokens for a model that supports it (by its foundation model), and estimates otherwise', async () => {
    const haiku = await bedrockModel(`us.${HAIKU_35}`);
    const counted = await haiku.countTokens('How many tokens is this sentence, exactly?');
    const [call] = (await emulator.requests()).filter((r) => r.operation === 'CountTokens');
    assert.ok(call, 'CountTokens was called');
    assert.equal(call.modelId, HAIKU_35, 'CountTokens takes the foundation model, not the inference profile');
    assert.equal(call.status, 200);
    assert.ok(counted > 0);

    const nova = await bedrockModel(NOVA_LITE);
    const text = 'x'.repeat(400);
    assert.equal(await nova.countTokens(text), 100, 'about four characters a token');
    assert.equal(
      (await emulator.requests()).filter((r) => r.operation === 'CountTokens').length,
      1,
      'no CountTokens call for a model without it',
    );
  });

  it('Bedrock: Choose Chat Models checks the models on offer, saves the choice, and VS Code offers only those', async () => {
    // The provider's management command, as VS Code's Manage Language Models runs it (with the vendor).
    const first = vscode.commands.executeCommand<string[] | undefined>('bedrock.manageLanguageModels', 'bedrock');
    const picker = await openChatModelsPicker();
    assert.match(picker.title!, /profile emulator · us-east-1/);
    const ids = picker.items.map((i) => i.description);
    assert.ok(ids.includes(HAIKU) && ids.includes(NOVA_LITE) && ids.includes(`us.${HAIKU_35}`), ids.join(', '));
    assert.equal(picker.selected?.length, picker.items.length, 'with the default, every model is checked');

    await vscode.commands.executeCommand('_bedrock.activePicker', { select: [NOVA_LITE, HAIKU] });
    const saved = await first;
    assert.deepEqual([...(saved ?? [])].sort(), [HAIKU, NOVA_LITE].sort());
    assert.deepEqual([...(setting('languageModels.models') as string[])].sort(), [HAIKU, NOVA_LITE].sort());
    const offered = await until('the chosen models only', async () => {
      const found = await vscode.lm.selectChatModels({ vendor: 'bedrock' });
      return found.length === 2 ? found : undefined;
    });
    assert.deepEqual(offered.map((m) => m.id).sort(), [HAIKU, NOVA_LITE].sort());

    // Next time the choice is checked; checking everything goes back to "all" ([]), new models included.
    const second = vscode.commands.executeCommand<string[] | undefined>('bedrock.manageLanguageModels');
    const again = await openChatModelsPicker();
    assert.deepEqual([...(again.selected ?? [])].sort(), ['Claude 3 Haiku', 'Nova Lite']);
    await vscode.commands.executeCommand('_bedrock.activePicker', { select: again.items.map((i) => i.label) });
    assert.deepEqual(await second, []);
    assert.deepEqual(setting('languageModels.models'), []);
  });
});
