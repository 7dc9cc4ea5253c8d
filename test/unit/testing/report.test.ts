// How a test result reads: the words the Test Explorer's output and the CLI's reporters share.
import * as assert from 'node:assert/strict';
import {
  answerText,
  durationText,
  errorText,
  isTextualFailure,
  resultFacts,
  totalsText,
  usageText,
  type RequestTestResult,
} from '../../../src/core/testing';

function result(fields: Partial<RequestTestResult>): RequestTestResult {
  return {
    file: 'a.bedrock.json',
    index: 0,
    name: 'r',
    path: [],
    range: { offset: 0, length: 1 },
    status: 'passed',
    failures: [],
    durationMs: 12.4,
    usage: {},
    graderUsage: {},
    hasExpectations: false,
    ...fields,
  };
}

describe('Test result wording', () => {
  it("names duration, tokens, the graders' tokens apart, the stop reason and how many expectations failed", () => {
    const failure = { expectation: 'contains' as const, path: [], message: 'm', expected: 'e', actual: 'a' };
    const r = result({
      status: 'failed',
      durationMs: 1520,
      usage: { inputTokens: 3, outputTokens: 7 },
      graderUsage: { inputTokens: 9, outputTokens: 1 },
      failures: [failure, failure],
      observation: {
        kind: 'text',
        modelId: 'm',
        text: 'hi',
        stopReason: 'end_turn',
        usage: {},
        latencyMs: 1,
        streamed: true,
      },
    });
    assert.equal(
      resultFacts(r),
      'failed · 1.52 s · 3 in / 7 out tokens · grader: 9 in / 1 out tokens · stop: end_turn · 2 failed expectations',
    );
    assert.equal(resultFacts(result({})), 'passed · 12 ms');
  });

  it('diffs text expectations only, not numbers', () => {
    const of = (expectation: 'contains' | 'json' | 'maxLatencyMs' | 'count') =>
      isTextualFailure({ expectation, path: [], message: '', expected: '', actual: '' });
    assert.deepEqual([of('contains'), of('json'), of('maxLatencyMs'), of('count')], [true, true, false, false]);
  });

  it('an error reads as its message and then its fix, once', () => {
    assert.equal(
      errorText({ message: 'Access denied.', hint: 'Request model access.', path: [] }),
      'Access denied. Request model access.',
    );
    assert.equal(
      errorText({ message: 'Access denied. Request model access.', hint: 'Request model access.', path: [] }),
      'Access denied. Request model access.',
    );
  });

  it('answers of embeddings and image models are described, text is shown as is', () => {
    const obs = { modelId: 'm', text: '', usage: {}, latencyMs: 1, streamed: false };
    assert.equal(
      answerText(result({ observation: { ...obs, kind: 'embedding', dimension: 256 } })),
      '(an embedding of 256 dimensions)',
    );
    assert.equal(answerText(result({ observation: { ...obs, kind: 'image', imageCount: 1 } })), '(1 image)');
    assert.equal(answerText(result({ observation: { ...obs, kind: 'text', text: 'Paris' } })), 'Paris');
    assert.equal(answerText(result({})), undefined);
  });

  it('totals count every status that happened, time and tokens', () => {
    assert.equal(
      totalsText({
        passed: 2,
        failed: 1,
        errored: 0,
        cancelled: 1,
        inputTokens: 5,
        outputTokens: 6,
        durationMs: 20_000,
      }),
      '2 passed, 1 failed, 1 cancelled · 20.0 s · 5 in / 6 out tokens',
    );
    assert.equal(usageText({}), '');
    assert.equal(durationText(999.6), '1000 ms');
  });
});
