import * as assert from 'node:assert/strict';
import { getFamily, type FamilyId } from '../../../src/core/models';
import { StreamAccumulator } from './accumulate';

const deepseekChunk = (text: string, stop: string | null = null) => ({ choices: [{ text, stop_reason: stop }] });
const gptOssChunk = (content: string, stop: string | null = null) => ({
  object: 'chat.completion.chunk',
  choices: [{ index: 0, delta: { content }, finish_reason: stop }],
});

/** Streams `text` cut at the given offsets and returns what the user would read. */
function streamCut(
  family: FamilyId,
  text: string,
  cuts: number[],
  chunk: (t: string, stop?: string | null) => unknown,
) {
  const pieces: string[] = [];
  let from = 0;
  for (const cut of [...cuts, text.length]) {
    pieces.push(text.slice(from, cut));
    from = cut;
  }
  const parse = getFamily(family).createStreamParser();
  const acc = new StreamAccumulator();
  pieces.forEach((piece, i) => acc.add(parse(chunk(piece, i === pieces.length - 1 ? 'stop' : null))));
  return { text: acc.text, reasoning: acc.reasoning };
}

describe('reasoning shown apart from the answer', () => {
  const r1 = 'Let me think: 2 < 3.\n</think>\n\nThe answer is <b>yes</b>.';

  it('DeepSeek: splits at </think> wherever the stream cuts the text, including inside the tag', () => {
    for (let a = 0; a <= r1.length; a++) {
      for (const b of [a, Math.min(a + 1, r1.length), Math.min(a + 3, r1.length)]) {
        assert.deepStrictEqual(
          streamCut('deepseek', r1, [a, b], deepseekChunk),
          { text: 'The answer is <b>yes</b>.', reasoning: 'Let me think: 2 < 3.' },
          `cut at ${a},${b}`,
        );
      }
    }
  });

  it('DeepSeek: the tag arriving one character per chunk is still recognised', () => {
    const cuts = Array.from({ length: r1.length - 1 }, (_, i) => i + 1);
    assert.deepStrictEqual(streamCut('deepseek', r1, cuts, deepseekChunk), {
      text: 'The answer is <b>yes</b>.',
      reasoning: 'Let me think: 2 < 3.',
    });
  });

  it('DeepSeek: whole response and stream agree; a repeated <think> tag is not shown', () => {
    const body = { choices: [{ text: '<think>\nPondering.\n</think>\n\nDone.', stop_reason: 'stop' }] };
    assert.deepStrictEqual(getFamily('deepseek').parseResponse(body), {
      text: 'Done.',
      reasoning: 'Pondering.',
      stopReason: 'stop',
    });
    assert.deepStrictEqual(streamCut('deepseek', body.choices[0].text, [3, 9, 30], deepseekChunk), {
      text: 'Done.',
      reasoning: 'Pondering.',
    });
  });

  it('DeepSeek: text cut off before </think> is all reasoning (the model had not answered yet)', () => {
    assert.deepStrictEqual(
      getFamily('deepseek').parseResponse({ choices: [{ text: 'Still think', stop_reason: 'length' }] }),
      {
        text: '',
        reasoning: 'Still think',
        stopReason: 'length',
      },
    );
    assert.deepStrictEqual(streamCut('deepseek', 'Still thinking </thi', [5], deepseekChunk), {
      text: '',
      reasoning: 'Still thinking </thi',
    });
  });

  const oss = '<reasoning>User wants a greeting; a < b.</reasoning>Hello, <world>!';

  it('gpt-oss: moves <reasoning>…</reasoning> apart wherever the stream cuts the text', () => {
    for (let a = 0; a <= oss.length; a++) {
      for (const b of [a, Math.min(a + 2, oss.length), Math.min(a + 7, oss.length)]) {
        assert.deepStrictEqual(
          streamCut('gpt-oss', oss, [a, b], gptOssChunk),
          { text: 'Hello, <world>!', reasoning: 'User wants a greeting; a < b.' },
          `cut at ${a},${b}`,
        );
      }
    }
  });

  it('gpt-oss: an answer without reasoning passes through untouched, even with "<" in it', () => {
    const text = 'if a <reason then b';
    assert.deepStrictEqual(streamCut('gpt-oss', text, [6, 9, 12], gptOssChunk), { text, reasoning: '' });
    assert.deepStrictEqual(
      getFamily('gpt-oss').parseResponse({ choices: [{ message: { content: text }, finish_reason: 'stop' }] }),
      {
        text,
        stopReason: 'stop',
      },
    );
  });

  it('gpt-oss: reasoning in a separate reasoning_content field is shown as reasoning too', () => {
    const parse = getFamily('gpt-oss').createStreamParser();
    assert.deepStrictEqual(
      parse({ choices: [{ index: 0, delta: { reasoning_content: 'Plan.' }, finish_reason: null }] }),
      { reasoning: 'Plan.' },
    );
  });
});
