import * as assert from 'node:assert/strict';
import {
  converseInputOf,
  estimateTokens,
  UnsupportedChatPartError,
  type ChatMessage,
} from '../../../src/core/converse';

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47]);

describe('a chat conversation as a ConverseStream request', () => {
  it('system text apart, turns of one role merged, blank text dropped, images as image blocks', () => {
    const messages: ChatMessage[] = [
      { role: 'system', parts: [{ kind: 'text', text: 'Be brief.' }] },
      { role: 'user', parts: [{ kind: 'text', text: 'Hello' }] },
      {
        role: 'user',
        parts: [
          { kind: 'text', text: '  ' },
          { kind: 'data', mimeType: 'image/png', data: PNG },
        ],
      },
      { role: 'assistant', parts: [{ kind: 'text', text: 'Hi' }] },
      { role: 'assistant', parts: [] },
      {
        role: 'user',
        parts: [
          { kind: 'data', mimeType: 'text/plain', data: new TextEncoder().encode('attached text') },
          { kind: 'data', mimeType: 'cache_control', data: new TextEncoder().encode('ephemeral') },
        ],
      },
    ];
    assert.deepEqual(converseInputOf({ modelId: 'm', messages }), {
      modelId: 'm',
      system: [{ text: 'Be brief.' }],
      messages: [
        { role: 'user', content: [{ text: 'Hello' }, { image: { format: 'png', source: { bytes: PNG } } }] },
        { role: 'assistant', content: [{ text: 'Hi' }] },
        { role: 'user', content: [{ text: 'attached text' }] },
      ],
    });
  });

  it('refuses a data part Converse cannot take, naming its type', () => {
    assert.throws(
      () =>
        converseInputOf({
          modelId: 'm',
          messages: [{ role: 'user', parts: [{ kind: 'data', mimeType: 'application/zip', data: PNG }] }],
        }),
      (e: unknown) => e instanceof UnsupportedChatPartError && /application\/zip/.test(e.message),
    );
  });

  it('tools as toolConfig, tool calls and results as toolUse and toolResult, a required tool as toolChoice', () => {
    const input = converseInputOf({
      modelId: 'm',
      tools: [
        {
          name: 'get_weather',
          description: 'Weather',
          inputSchema: { type: 'object', properties: { city: { type: 'string' } } },
        },
        { name: 'no_schema' },
      ],
      toolMode: 'required',
      messages: [
        { role: 'user', parts: [{ kind: 'text', text: 'Weather?' }] },
        {
          role: 'assistant',
          parts: [
            { kind: 'toolCall', callId: 't1', name: 'get_weather', input: { city: 'Paris' } },
            { kind: 'toolCall', callId: 't2', name: 'old_tool', input: {} },
          ],
        },
        {
          role: 'user',
          parts: [
            { kind: 'toolResult', callId: 't1', content: [{ kind: 'text', text: 'sunny' }] },
            { kind: 'toolResult', callId: 't2', content: [], isError: true },
          ],
        },
      ],
      options: { maxTokens: 100.7, temperature: 0.5, stopSequences: ['END'], unrelated: 'x' },
    });
    assert.deepEqual(input.toolConfig, {
      tools: [
        {
          toolSpec: {
            name: 'get_weather',
            description: 'Weather',
            inputSchema: { json: { type: 'object', properties: { city: { type: 'string' } } } },
          },
        },
        { toolSpec: { name: 'no_schema', inputSchema: { json: { type: 'object', properties: {} } } } },
        // Named in the history only: Converse requires every toolUse's tool to be declared.
        { toolSpec: { name: 'old_tool', inputSchema: { json: { type: 'object', properties: {} } } } },
      ],
      toolChoice: { any: {} },
    });
    assert.deepEqual(input.messages?.[1].content, [
      { toolUse: { toolUseId: 't1', name: 'get_weather', input: { city: 'Paris' } } },
      { toolUse: { toolUseId: 't2', name: 'old_tool', input: {} } },
    ]);
    assert.deepEqual(input.messages?.[2].content, [
      { toolResult: { toolUseId: 't1', content: [{ text: 'sunny' }] } },
      { toolResult: { toolUseId: 't2', content: [{ text: '(no output)' }], status: 'error' } },
    ]);
    assert.deepEqual(input.inferenceConfig, {
      maxTokens: 100,
      temperature: 0.5,
      topP: undefined,
      stopSequences: ['END'],
    });
  });

  it('no toolConfig without tools; one required tool is forced by name', () => {
    assert.equal(
      converseInputOf({ modelId: 'm', messages: [{ role: 'user', parts: [{ kind: 'text', text: 'x' }] }] }).toolConfig,
      undefined,
    );
    const forced = converseInputOf({
      modelId: 'm',
      tools: [{ name: 'only' }],
      toolMode: 'required',
      messages: [{ role: 'user', parts: [{ kind: 'text', text: 'x' }] }],
    });
    assert.deepEqual(forced.toolConfig?.toolChoice, { tool: { name: 'only' } });
  });

  it('estimates about four characters a token and 1,600 tokens an image', () => {
    assert.equal(estimateTokens('x'.repeat(401)), 101);
    assert.equal(
      estimateTokens([
        {
          role: 'user',
          parts: [
            { kind: 'text', text: 'abcdefgh' },
            { kind: 'data', mimeType: 'image/png', data: PNG },
          ],
        },
      ]),
      2 + 1600,
    );
  });
});
