import * as assert from 'node:assert/strict';
import { getFamily, type FamilyId, type StreamDelta } from '../../../src/core/models';
import { StreamAccumulator } from './accumulate';

const metrics = (input: number, output: number) => ({
  'amazon-bedrock-invocationMetrics': {
    inputTokenCount: input,
    outputTokenCount: output,
    invocationLatency: 800,
    firstByteLatency: 200,
  },
});

function run(family: FamilyId, events: unknown[]): StreamDelta[] {
  const parse = getFamily(family).createStreamParser();
  return events.map((event) => parse(event));
}

// Each family's stream in the catalog's shapes, with exactly what each event must contribute.
const cases: { family: FamilyId; name: string; events: unknown[]; deltas: StreamDelta[] }[] = [
  {
    family: 'anthropic',
    name: 'the real captured Claude Sonnet 4.5 stream (docs/bedrock-protocol.md §4.1)',
    events: [
      {
        type: 'message_start',
        message: {
          model: 'claude-sonnet-4-5-20250929',
          id: 'msg_bdrk_012GBPzpcoMCLP1b2pcJsSHk',
          type: 'message',
          role: 'assistant',
          content: [],
          stop_reason: null,
          stop_sequence: null,
          usage: { input_tokens: 10, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, output_tokens: 1 },
        },
      },
      { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Hi' } },
      { type: 'content_block_stop', index: 0 },
      { type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: 15 } },
      {
        type: 'message_stop',
        'amazon-bedrock-invocationMetrics': {
          inputTokenCount: 10,
          outputTokenCount: 15,
          invocationLatency: 1798,
          firstByteLatency: 1507,
        },
      },
    ],
    deltas: [
      { usage: { inputTokens: 10 } },
      {},
      { text: 'Hi' },
      {},
      { stopReason: 'end_turn', usage: { outputTokens: 15 } },
      {},
    ],
  },
  {
    family: 'anthropic',
    name: 'thinking, tool input, ping and an unknown event',
    events: [
      { type: 'ping' },
      { type: 'content_block_start', index: 0, content_block: { type: 'thinking', thinking: '' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'thinking_delta', thinking: 'Hmm.' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'signature_delta', signature: 'sig' } },
      { type: 'content_block_delta', index: 1, delta: { type: 'input_json_delta', partial_json: '{"a"' } },
      { type: 'brand_new_event', text: 'not model text' },
    ],
    deltas: [{}, {}, { reasoning: 'Hmm.' }, {}, {}, {}],
  },
  {
    family: 'anthropic',
    name: 'an error reported inside a chunk',
    events: [{ type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } }],
    deltas: [{ error: { type: 'overloaded_error', message: 'Overloaded' } }],
  },
  {
    family: 'nova',
    name: 'messageStart, deltas, stop and metadata (docs/bedrock-protocol.md §4.2)',
    events: [
      { messageStart: { role: 'assistant' } },
      { contentBlockDelta: { delta: { text: 'Hel' }, contentBlockIndex: 0 } },
      { contentBlockDelta: { delta: { text: 'lo' }, contentBlockIndex: 0 } },
      { contentBlockStop: { contentBlockIndex: 0 } },
      { messageStop: { stopReason: 'end_turn' } },
      { metadata: { usage: { inputTokens: 5, outputTokens: 3 } }, ...metrics(5, 3) },
    ],
    deltas: [
      {},
      { text: 'Hel' },
      { text: 'lo' },
      {},
      { stopReason: 'end_turn' },
      { usage: { inputTokens: 5, outputTokens: 3 } },
    ],
  },
  {
    family: 'titan-text',
    name: 'outputText chunks, the last with counts (docs/bedrock-protocol.md §4.3, catalog)',
    events: [
      {
        outputText: 'Hello',
        index: 0,
        totalOutputTextTokenCount: null,
        completionReason: null,
        inputTextTokenCount: 5,
      },
      {
        outputText: ' there',
        index: 0,
        totalOutputTextTokenCount: 9,
        completionReason: 'FINISH',
        inputTextTokenCount: 5,
        ...metrics(5, 9),
      },
    ],
    deltas: [
      { text: 'Hello', usage: { inputTokens: 5 } },
      { text: ' there', stopReason: 'FINISH', usage: { inputTokens: 5, outputTokens: 9 } },
    ],
  },
  {
    family: 'llama',
    name: 'generation chunks (docs/bedrock-protocol.md §4.4)',
    events: [
      { generation: 'Hel', prompt_token_count: 24, generation_token_count: 1, stop_reason: null },
      { generation: 'lo', prompt_token_count: null, generation_token_count: 2, stop_reason: 'stop', ...metrics(24, 2) },
    ],
    deltas: [
      { text: 'Hel', usage: { inputTokens: 24, outputTokens: 1 } },
      { text: 'lo', stopReason: 'stop', usage: { outputTokens: 2 } },
    ],
  },
  {
    family: 'mistral',
    name: 'outputs chunks (docs/bedrock-protocol.md §4.5)',
    events: [
      { outputs: [{ text: 'Hel', stop_reason: null }] },
      { outputs: [{ text: 'lo', stop_reason: 'stop' }], ...metrics(8, 2) },
    ],
    deltas: [{ text: 'Hel' }, { text: 'lo', stopReason: 'stop' }],
  },
  {
    family: 'mistral-chat',
    name: 'the real captured Mistral Large 2407 chunk shape (docs/bedrock-protocol.md §4.5)',
    events: [
      {
        id: 'b0098812-…',
        object: 'chat.completion.chunk',
        created: 1732582566,
        model: 'mistral-large-2407',
        choices: [
          {
            index: 0,
            logprobs: null,
            context_logits: null,
            generation_logits: null,
            message: { role: null, content: 'Hello', tool_calls: null, index: null, tool_call_id: null },
            stop_reason: null,
          },
        ],
        usage: null,
        p: null,
      },
      {
        id: 'b0098812-…',
        object: 'chat.completion.chunk',
        created: 1732582566,
        model: 'mistral-large-2407',
        choices: [{ index: 0, message: { role: null, content: '!', tool_calls: null }, stop_reason: 'stop' }],
        usage: { prompt_tokens: 7, total_tokens: 9, completion_tokens: 2 },
        ...metrics(7, 2),
      },
    ],
    deltas: [{ text: 'Hello' }, { text: '!', stopReason: 'stop', usage: { inputTokens: 7, outputTokens: 2 } }],
  },
  {
    family: 'cohere-command-r',
    name: 'stream-start, text-generation, an unknown event type and stream-end (catalog)',
    events: [
      { is_finished: false, event_type: 'stream-start', generation_id: 'g' },
      { is_finished: false, event_type: 'text-generation', text: 'Hel' },
      { is_finished: false, event_type: 'search-queries-generation', search_queries: [] },
      { is_finished: false, event_type: 'text-generation', text: 'lo' },
      {
        is_finished: true,
        event_type: 'stream-end',
        finish_reason: 'COMPLETE',
        response: { response_id: 'r', text: 'Hello', generation_id: 'g', finish_reason: 'COMPLETE' },
        ...metrics(4, 2),
      },
    ],
    deltas: [{}, { text: 'Hel' }, {}, { text: 'lo' }, { stopReason: 'COMPLETE' }],
  },
  {
    family: 'ai21-jamba',
    name: 'delta chunks, the last with finish_reason and usage (catalog)',
    events: [
      { id: 'j', choices: [{ index: 0, delta: { content: 'Hel' }, finish_reason: null }], usage: null },
      {
        id: 'j',
        choices: [{ index: 0, delta: { content: 'lo' }, finish_reason: 'stop' }],
        usage: { prompt_tokens: 6, completion_tokens: 2, total_tokens: 8 },
        ...metrics(6, 2),
      },
    ],
    deltas: [{ text: 'Hel' }, { text: 'lo', stopReason: 'stop', usage: { inputTokens: 6, outputTokens: 2 } }],
  },
  {
    family: 'deepseek',
    name: 'choices[].text chunks with the reasoning first (catalog)',
    events: [
      { choices: [{ text: 'Thinking', stop_reason: null }] },
      { choices: [{ text: ' hard.\n</think>\n\n', stop_reason: null }] },
      { choices: [{ text: 'Hello', stop_reason: null }] },
      { choices: [{ text: '!', stop_reason: 'stop' }], ...metrics(9, 6) },
    ],
    deltas: [{ reasoning: 'Thinking' }, { reasoning: ' hard.' }, { text: 'Hello' }, { text: '!', stopReason: 'stop' }],
  },
  {
    family: 'gpt-oss',
    name: 'chat.completion.chunk deltas with inline reasoning (catalog)',
    events: [
      {
        object: 'chat.completion.chunk',
        choices: [{ index: 0, delta: { content: '<reasoning>Greet' }, finish_reason: null }],
      },
      {
        object: 'chat.completion.chunk',
        choices: [{ index: 0, delta: { content: ' back.</reasoning>Hello' }, finish_reason: null }],
      },
      {
        object: 'chat.completion.chunk',
        choices: [{ index: 0, delta: { content: '!' }, finish_reason: 'stop' }],
        usage: { prompt_tokens: 10, completion_tokens: 8, total_tokens: 18 },
        ...metrics(10, 8),
      },
    ],
    deltas: [
      { reasoning: 'Greet' },
      { reasoning: ' back.', text: 'Hello' },
      { text: '!', stopReason: 'stop', usage: { inputTokens: 10, outputTokens: 8 } },
    ],
  },
];

describe('model families: stream parsers', () => {
  for (const { family, name, events, deltas } of cases) {
    it(`${family}: ${name}`, () => {
      assert.deepStrictEqual(run(family, events), deltas);
    });
  }

  it('every family tolerates events that are not objects or have an unknown shape', () => {
    for (const family of [
      'anthropic',
      'nova',
      'titan-text',
      'llama',
      'mistral',
      'mistral-chat',
      'cohere-command-r',
      'ai21-jamba',
      'deepseek',
      'gpt-oss',
    ] as const) {
      const parse = getFamily(family).createStreamParser();
      for (const event of [
        null,
        undefined,
        7,
        'x',
        [],
        {},
        { type: 'unheard_of' },
        { choices: 'no' },
        { outputs: [] },
      ]) {
        assert.deepStrictEqual(parse(event), {}, `${family} ${JSON.stringify(event)}`);
      }
    }
  });

  it('no family reads the service-added keys of the last chunk (the transport does, once): metrics and guardrail action give nothing', () => {
    for (const family of [
      'anthropic',
      'nova',
      'titan-text',
      'llama',
      'mistral',
      'mistral-chat',
      'cohere-command-r',
      'ai21-jamba',
      'deepseek',
      'gpt-oss',
    ] as const) {
      const parse = getFamily(family).createStreamParser();
      assert.deepStrictEqual(
        parse({ unrelated: true, ...metrics(3, 4), 'amazon-bedrock-guardrailAction': 'NONE' }),
        {},
        family,
      );
    }
  });

  it('a streamed answer accumulates to the same result as the whole response', () => {
    const stream = cases.find((c) => c.name.startsWith('the real captured Claude'));
    const acc = new StreamAccumulator();
    run('anthropic', stream!.events).forEach((d) => acc.add(d));
    assert.deepStrictEqual(acc.result(), {
      text: 'Hi',
      stopReason: 'end_turn',
      usage: { inputTokens: 10, outputTokens: 15 },
    });
  });

  it('each stream gets its own parser state', () => {
    const deepseek = getFamily('deepseek');
    const first = deepseek.createStreamParser();
    first({ choices: [{ text: 'why\n</think>\n\n', stop_reason: null }] });
    assert.deepStrictEqual(first({ choices: [{ text: 'answer', stop_reason: null }] }), { text: 'answer' });
    const second = deepseek.createStreamParser();
    assert.deepStrictEqual(second({ choices: [{ text: 'fresh', stop_reason: null }] }), { reasoning: 'fresh' });
  });
});
