// Converse capabilities and context windows of well-known models, and the models a quick fix offers for a feature.
import * as assert from 'node:assert/strict';
import { builtInCatalog, capabilitiesOf, modelsSupporting } from '../../../src/core/discovery';
import { addToolResultTurns, parseRequestFile, moveSystemIntoUserTurn } from '../../../src/core/requestFile';

const FAILURE = { kind: 'accessDenied' as const, errorName: 'AccessDeniedException', reason: 'no listing' };
const FORMAT = { insertSpaces: true, tabSize: 2, eol: '\n' };

describe('discovery: Converse capabilities', () => {
  it('knows a model by its bare ID, an inference profile or an ARN; claims nothing about unknown models', () => {
    assert.equal(capabilitiesOf('anthropic.claude-3-haiku-20240307-v1:0')?.images, true);
    assert.equal(capabilitiesOf('us.anthropic.claude-3-5-haiku-20241022-v1:0')?.images, false);
    assert.equal(
      capabilitiesOf('arn:aws:bedrock:us-east-1::foundation-model/amazon.titan-text-express-v1')?.system,
      false,
    );
    assert.equal(capabilitiesOf('us.anthropic.claude-sonnet-4-20250514-v1:0')?.contextWindow, 200_000);
    assert.equal(capabilitiesOf('example.unknown-model-v1:0'), undefined);
  });

  it('offers text models that support the feature, callable as listed (on demand, or a profile of the region), same provider first', () => {
    const catalog = builtInCatalog('p', 'us-east-1', FAILURE);
    const images = modelsSupporting(catalog, 'images', 'us.anthropic.claude-3-5-haiku-20241022-v1:0');
    assert.ok(images.length >= 3);
    assert.ok(
      images.every((m) => capabilitiesOf(m.id)?.images),
      images.map((m) => m.id).join(', '),
    );
    assert.equal(images[0].provider, 'Anthropic');
    assert.ok(
      images.some((m) => m.id === 'us.anthropic.claude-sonnet-4-5-20250929-v1:0'),
      'a model that only runs through a profile is offered as the profile',
    );
    assert.ok(images.some((m) => m.id === 'anthropic.claude-3-haiku-20240307-v1:0'));
    const system = modelsSupporting(catalog, 'system', 'amazon.titan-text-express-v1');
    assert.equal(system[0].provider, 'Amazon');
    assert.ok(!system.some((m) => m.id.includes('titan-text')));
  });
});

describe('quick fix edit: move the system prompt into the first user turn', () => {
  it('prepends it to "prompt" and removes "system", keeping comments', () => {
    const text = '{\n  // greet\n  "api": "converse",\n  "system": "Be brief.",\n  "prompt": "Hi"\n}\n';
    const spec = parseRequestFile(text).requests[0];
    const moved = moveSystemIntoUserTurn(text, spec, FORMAT)!;
    assert.match(moved, /\/\/ greet/);
    assert.deepEqual(parseRequestFile(moved).requests[0].converse, {});
    assert.equal(parseRequestFile(moved).requests[0].prompt, 'Be brief.\n\nHi');
  });

  it("puts system blocks' text first in the first user message", () => {
    const request = [
      {
        api: 'converse',
        system: [{ text: 'A' }, { cachePoint: { type: 'default' } }, { text: 'B' }],
        messages: [{ role: 'user', content: [{ text: 'Q' }] }],
      },
    ];
    const text = JSON.stringify(request, null, 2);
    const moved = JSON.parse(moveSystemIntoUserTurn(text, parseRequestFile(text).requests[0], FORMAT)!) as Array<
      Record<string, unknown>
    >;
    assert.deepEqual(moved, [
      { api: 'converse', messages: [{ role: 'user', content: [{ text: 'A\n\nB' }, { text: 'Q' }] }] },
    ]);
  });
});

describe('quick fix edit: add the toolResult turn', () => {
  const answer = {
    text: 'Calling it.',
    toolUses: [
      { toolUseId: 't1', name: 'f', input: { a: 1 } },
      { toolUseId: 't2', name: 'g', input: {} },
    ],
  };

  it("turns a prompt request into messages: the prompt, the assistant's text and calls, one toolResult per call", () => {
    const text = '{ "api": "converse", "prompt": "Go", "toolConfig": { "tools": [] } }';
    const out = JSON.parse(addToolResultTurns(text, parseRequestFile(text).requests[0], answer, FORMAT)!) as Record<
      string,
      unknown
    >;
    assert.deepEqual(out.messages, [
      { role: 'user', content: [{ text: 'Go' }] },
      {
        role: 'assistant',
        content: [
          { text: 'Calling it.' },
          { toolUse: { toolUseId: 't1', name: 'f', input: { a: 1 } } },
          { toolUse: { toolUseId: 't2', name: 'g', input: {} } },
        ],
      },
      {
        role: 'user',
        content: [
          {
            toolResult: {
              toolUseId: 't1',
              content: [{ text: 'The result of f: replace this text with what the tool returned' }],
            },
          },
          {
            toolResult: {
              toolUseId: 't2',
              content: [{ text: 'The result of g: replace this text with what the tool returned' }],
            },
          },
        ],
      },
    ]);
    assert.equal('prompt' in out, false);
  });

  it('appends to existing messages of the request it is for (in an array of requests), and does nothing without a call', () => {
    const requests = [
      { api: 'converse', prompt: 'other' },
      { api: 'converse', messages: [{ role: 'user', content: [{ text: 'Go' }] }] },
    ];
    const text = JSON.stringify(requests, null, 2);
    const spec = parseRequestFile(text).requests[1];
    const out = JSON.parse(
      addToolResultTurns(text, spec, { text: '', toolUses: answer.toolUses.slice(0, 1) }, FORMAT)!,
    ) as Array<{ messages?: Array<{ role: string }> }>;
    assert.deepEqual(out[0], requests[0]);
    assert.deepEqual(
      out[1].messages!.map((m) => m.role),
      ['user', 'assistant', 'user'],
    );
    assert.equal(addToolResultTurns(text, spec, { text: 'x', toolUses: [] }, FORMAT), undefined);
  });
});
