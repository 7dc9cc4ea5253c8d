// Invoke Model on Selection with `bedrock.api: "converse"` in the real extension host: the selection becomes a
// Converse user message for every model, also one whose ID names no family (an application inference profile:
// InvokeModel would first ask which body format it takes), and the generation settings become system and
// inferenceConfig.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TextRunOutcome } from '../../src/features/services/runText';
import { APPLICATION_PROFILE_ARN } from '../emulator/catalog';
import { emulator } from './support/emulator';
import { cleanSlate, editorWith, outputChannelText, until } from './support/workbench';

describe('Invoke Model on Selection through Converse (bedrock.api)', () => {
  const clean = cleanSlate({
    emulator: { fillerTokens: 3, pacing: { chunksPerSecond: 0, firstByteDelayMs: 0 } },
    settings: { 'bedrock.output': 'outputChannel', 'bedrock.stream': true, 'bedrock.api': 'converse' },
  });

  it('sends the selection as a Converse user message, with system prompt and inferenceConfig from the settings', async () => {
    await clean.settings({
      'bedrock.modelId': 'amazon.nova-lite-v1:0',
      'bedrock.systemPrompt': 'Be brief.',
      'bedrock.maxTokens': 77,
    });
    const marker = `converse-selection-${Math.random().toString(36).slice(2, 8)}`;
    const text = `ignored ${marker} ignored`;
    const start = text.indexOf(marker);
    await editorWith(text, [[start, start + marker.length]]);
    const before = (await outputChannelText()).length;
    const outcome = await vscode.commands.executeCommand<TextRunOutcome | undefined>('bedrock.invokeSelection');
    assert.equal(outcome?.result.outcome, 'completed', outcome?.problem?.message);
    const [sent] = (await emulator.requests()).filter(
      (r) => r.operation.startsWith('Converse') || r.operation.startsWith('InvokeModel'),
    );
    assert.equal(sent.operation, 'ConverseStream');
    assert.deepEqual(sent.body, {
      messages: [{ role: 'user', content: [{ text: marker }] }],
      system: [{ text: 'Be brief.' }],
      inferenceConfig: { maxTokens: 77 },
    });
    await until('the answer in the Output channel', async () =>
      (await outputChannelText()).slice(before).match(new RegExp(`${marker}[\\s\\S]*■ stop: end_turn`))
        ? true
        : undefined,
    );
  });

  it('calls a model whose ID names no family (application inference profile) without asking for a body format', async () => {
    await clean.settings({ 'bedrock.modelId': APPLICATION_PROFILE_ARN });
    await editorWith('Hello from an application profile', [[0, 5]]);
    const outcome = await vscode.commands.executeCommand<TextRunOutcome | undefined>('bedrock.invokeSelection');
    assert.equal(outcome?.result.outcome, 'completed', outcome?.problem?.message);
    const [sent] = (await emulator.requests()).filter(
      (r) => r.operation.startsWith('Converse') || r.operation.startsWith('InvokeModel'),
    );
    assert.equal(sent.operation, 'ConverseStream');
    assert.equal(sent.modelId, APPLICATION_PROFILE_ARN);
    assert.equal(outcome?.result.text.startsWith('Hello'), true, outcome?.result.text);
  });
});
