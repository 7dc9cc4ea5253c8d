// Checks an answer against a request's `expect`. Each failed expectation says what was expected, what came, and
// which node of the request file it is (the editor underlines it; the CLI prints its line). Graded expectations
// (`similarTo`, `judge`) call models; their tokens are returned so the run counts them.
import type { Usage } from '../models';
import { DEFAULT_MIN_SIMILARITY, type ExpectSpec } from '../requestFile/expect';
import type { JsonPath, SourceRange } from '../requestFile/types';
import { cosineSimilarity, type Graders } from './graders';
import { checkJsonAnswer } from './jsonAnswer';
import { judgePrompt, readVerdict } from './judge';
import type { ExpectationFailure, ExpectationKind, Observation } from './types';

export interface EvaluationPlace {
  /** Path of the `expect` node. */
  path: JsonPath;
  rangeOf(path: JsonPath): SourceRange | undefined;
}

export interface EvaluationContext {
  graders: Graders;
  /** What the model was asked, for the judge. */
  asked?: string;
  signal?: AbortSignal;
}

export interface Evaluation {
  failures: ExpectationFailure[];
  graderUsage: Usage;
}

/** Where a grader call failed: the expectation node it was for. */
export class GradingError extends Error {
  override readonly name = 'GradingError';
  constructor(
    override readonly cause: unknown,
    readonly path: JsonPath,
    readonly expectation: ExpectationKind,
  ) {
    super(cause instanceof Error ? cause.message : String(cause));
  }
}

const SHOWN = 200;

/** The answer, cut to a length a message can hold. */
export function excerpt(text: string, max = SHOWN): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

function quoteList(items: string[]): string {
  return items.map((s) => JSON.stringify(s)).join(', ');
}

function add(into: Usage, usage: Usage): void {
  into.inputTokens = (into.inputTokens ?? 0) + (usage.inputTokens ?? 0);
  into.outputTokens = (into.outputTokens ?? 0) + (usage.outputTokens ?? 0);
}

export async function evaluate(
  expect: ExpectSpec,
  answer: Observation,
  place: EvaluationPlace,
  context: EvaluationContext,
): Promise<Evaluation> {
  const failures: ExpectationFailure[] = [];
  const graderUsage: Usage = {};
  // An item of a list, or the key itself when the file wrote one string instead of a list.
  const nodePath = (key: keyof ExpectSpec, item?: number): JsonPath =>
    item !== undefined && place.rangeOf([...place.path, key, item]) ? [...place.path, key, item] : [...place.path, key];
  const fail = (
    expectation: ExpectationKind,
    path: JsonPath,
    message: string,
    expected: string,
    actual: string,
    answerPath?: string,
  ) => {
    const failure: ExpectationFailure = { expectation, path, message, expected, actual };
    const range = place.rangeOf(path) ?? place.rangeOf(place.path);
    if (range) failure.range = range;
    if (answerPath !== undefined) failure.answerPath = answerPath;
    failures.push(failure);
  };
  const text = answer.text;
  const ignoreCase = expect.ignoreCase === true;
  const fold = (s: string) => (ignoreCase ? s.toLocaleLowerCase() : s);
  const caseNote = ignoreCase ? ' (ignoring case)' : '';
  const needsText = (kind: ExpectationKind, key: keyof ExpectSpec): boolean => {
    if (answer.kind === 'text') return true;
    fail(
      kind,
      nodePath(key),
      `"${key}" checks an answer's text, but ${answer.modelId} is ${answer.kind === 'image' ? 'an image' : 'an embeddings'} model.`,
      'a text answer',
      `${answer.kind} answer`,
    );
    return false;
  };

  if (expect.contains && needsText('contains', 'contains')) {
    expect.contains.forEach((wanted, i) => {
      if (!fold(text).includes(fold(wanted))) {
        fail(
          'contains',
          nodePath('contains', i),
          `Expected the answer to contain ${JSON.stringify(wanted)}${caseNote}; it does not. The answer: ${JSON.stringify(excerpt(text))}`,
          `contains ${JSON.stringify(wanted)}`,
          text,
        );
      }
    });
  }
  if (expect.notContains && needsText('notContains', 'notContains')) {
    expect.notContains.forEach((unwanted, i) => {
      const at = fold(text).indexOf(fold(unwanted));
      if (at >= 0) {
        const around = excerpt(text.slice(Math.max(0, at - 40), at + unwanted.length + 40), 120);
        fail(
          'notContains',
          nodePath('notContains', i),
          `Expected the answer not to contain ${JSON.stringify(unwanted)}${caseNote}; it does, at character ${at + 1}: "…${around}…"`,
          `does not contain ${JSON.stringify(unwanted)}`,
          text,
        );
      }
    });
  }
  if (expect.matches && needsText('matches', 'matches')) {
    expect.matches.forEach((source, i) => {
      let pattern: RegExp;
      try {
        pattern = new RegExp(source, ignoreCase ? 'iu' : 'u');
      } catch (error) {
        fail(
          'matches',
          nodePath('matches', i),
          `"matches" is not a valid regular expression: ${(error as Error).message}.`,
          `/${source}/`,
          'an invalid pattern',
        );
        return;
      }
      if (!pattern.test(text)) {
        fail(
          'matches',
          nodePath('matches', i),
          `Expected the answer to match /${source}/${ignoreCase ? 'i' : ''}; it does not. The answer: ${JSON.stringify(excerpt(text))}`,
          `matches /${source}/`,
          text,
        );
      }
    });
  }
  if (expect.json !== undefined && needsText('json', 'json')) {
    const at = nodePath('json');
    let schema: Record<string, unknown> | undefined;
    let schemaError: string | undefined;
    if (typeof expect.json === 'string') {
      try {
        const parsed: unknown = JSON.parse(expect.json);
        if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed))
          schema = parsed as Record<string, unknown>;
        else schemaError = 'it is not a JSON object';
      } catch (error) {
        schemaError = `it is not valid JSON (${(error as Error).message})`;
      }
    } else if (expect.json !== true) {
      schema = expect.json;
    }
    if (schemaError) {
      fail(
        'json',
        at,
        `The JSON Schema of "json" cannot be used: ${schemaError}. Write a JSON Schema object inline or in the file "\${file:...}" names.`,
        'a JSON Schema',
        schemaError,
      );
    } else {
      const verdict = checkJsonAnswer(text, schema);
      if (!verdict.ok && verdict.reason === 'notJson') {
        fail(
          'json',
          at,
          `Expected the answer to be JSON; it does not parse (${verdict.message}). The answer: ${JSON.stringify(excerpt(text))}`,
          'a JSON answer',
          text,
        );
      } else if (!verdict.ok && verdict.reason === 'schema') {
        for (const v of verdict.violations.slice(0, 10)) {
          fail(
            'json',
            at,
            `The answer's JSON does not match the schema at ${v.pointer}: ${v.message}`,
            `valid at ${v.pointer}`,
            v.message,
            v.pointer,
          );
        }
      }
    }
  }
  if (expect.stopReason) {
    const actual = answer.stopReason;
    if (actual === undefined || !expect.stopReason.includes(actual)) {
      const wanted =
        expect.stopReason.length === 1
          ? JSON.stringify(expect.stopReason[0])
          : `one of ${quoteList(expect.stopReason)}`;
      fail(
        'stopReason',
        nodePath('stopReason'),
        `Expected the stop reason ${wanted}; ${actual === undefined ? 'the answer reported none' : `it was ${JSON.stringify(actual)}`}.`,
        wanted,
        actual ?? '(none)',
      );
    }
  }
  if (expect.maxOutputTokens !== undefined) {
    const actual = answer.usage.outputTokens;
    if (actual === undefined) {
      fail(
        'maxOutputTokens',
        nodePath('maxOutputTokens'),
        `Expected at most ${expect.maxOutputTokens} output tokens; Bedrock reported no output token count for this answer.`,
        `≤ ${expect.maxOutputTokens} output tokens`,
        '(not reported)',
      );
    } else if (actual > expect.maxOutputTokens) {
      fail(
        'maxOutputTokens',
        nodePath('maxOutputTokens'),
        `Expected at most ${expect.maxOutputTokens} output tokens; the answer used ${actual}.`,
        `≤ ${expect.maxOutputTokens} output tokens`,
        `${actual} output tokens`,
      );
    }
  }
  if (expect.maxLatencyMs !== undefined && answer.latencyMs > expect.maxLatencyMs) {
    const ms = Math.round(answer.latencyMs);
    fail(
      'maxLatencyMs',
      nodePath('maxLatencyMs'),
      `Expected the answer within ${expect.maxLatencyMs} ms; it took ${ms} ms.`,
      `≤ ${expect.maxLatencyMs} ms`,
      `${ms} ms`,
    );
  }
  if (expect.maxTimeToFirstTokenMs !== undefined) {
    const first = answer.firstTokenMs;
    const note = answer.streamed ? '' : ' (not streamed: the first token came with the whole answer)';
    if (first === undefined) {
      fail(
        'maxTimeToFirstTokenMs',
        nodePath('maxTimeToFirstTokenMs'),
        `Expected the first token within ${expect.maxTimeToFirstTokenMs} ms; no text came at all.`,
        `≤ ${expect.maxTimeToFirstTokenMs} ms`,
        '(no text)',
      );
    } else if (first > expect.maxTimeToFirstTokenMs) {
      const ms = Math.round(first);
      fail(
        'maxTimeToFirstTokenMs',
        nodePath('maxTimeToFirstTokenMs'),
        `Expected the first token within ${expect.maxTimeToFirstTokenMs} ms; it came after ${ms} ms${note}.`,
        `≤ ${expect.maxTimeToFirstTokenMs} ms`,
        `${ms} ms`,
      );
    }
  }
  if (expect.dimension !== undefined) {
    if (answer.kind !== 'embedding') {
      fail(
        'dimension',
        nodePath('dimension'),
        `"dimension" checks an embeddings model's vector, but ${answer.modelId} is ${answer.kind === 'text' ? 'a text' : 'an image'} model.`,
        'an embedding',
        `${answer.kind} answer`,
      );
    } else if (answer.dimension !== expect.dimension) {
      fail(
        'dimension',
        nodePath('dimension'),
        `Expected a vector of ${expect.dimension} dimensions; it has ${answer.dimension ?? 'none'}.`,
        `${expect.dimension} dimensions`,
        `${answer.dimension ?? 0} dimensions`,
      );
    }
  }
  if (expect.count !== undefined) {
    if (answer.kind !== 'image') {
      fail(
        'count',
        nodePath('count'),
        `"count" checks how many images an image model returns, but ${answer.modelId} is ${answer.kind === 'text' ? 'a text' : 'an embeddings'} model.`,
        'images',
        `${answer.kind} answer`,
      );
    } else if (answer.imageCount !== expect.count) {
      fail(
        'count',
        nodePath('count'),
        `Expected ${expect.count} image${expect.count === 1 ? '' : 's'}; ${answer.imageCount ?? 0} came.`,
        `${expect.count} images`,
        `${answer.imageCount ?? 0} images`,
      );
    }
  }
  if (expect.similarTo !== undefined && expect.embeddingModelId && needsText('similarTo', 'similarTo')) {
    const at = nodePath('similarTo');
    const min = expect.minSimilarity ?? DEFAULT_MIN_SIMILARITY;
    let similarity: number;
    try {
      const { vectors, usage } = await context.graders.embed(
        expect.embeddingModelId,
        [text, expect.similarTo],
        context.signal,
      );
      add(graderUsage, usage);
      similarity = cosineSimilarity(vectors[0], vectors[1]);
    } catch (error) {
      throw new GradingError(error, [...place.path, 'embeddingModelId'], 'similarTo');
    }
    if (similarity < min) {
      fail(
        'similarTo',
        at,
        `Expected the answer to be similar to ${JSON.stringify(excerpt(expect.similarTo, 80))} (cosine similarity at least ${min}); it is ${similarity.toFixed(3)}. The answer: ${JSON.stringify(excerpt(text))}`,
        `similarity ≥ ${min}`,
        `similarity ${similarity.toFixed(3)}`,
      );
    }
  }
  if (expect.judge && needsText('judge', 'judge')) {
    const at = nodePath('judge');
    let reply: string;
    try {
      const graded = await context.graders.complete(
        expect.judge.modelId,
        judgePrompt(expect.judge.rubric, text, context.asked),
        context.signal,
      );
      add(graderUsage, graded.usage);
      reply = graded.text;
    } catch (error) {
      throw new GradingError(error, [...at, 'modelId'], 'judge');
    }
    const verdict = readVerdict(reply);
    if ('unreadable' in verdict) {
      fail(
        'judge',
        at,
        `The judge ${expect.judge.modelId} gave no verdict ({"pass": true or false, "reason": "..."}); it said: ${JSON.stringify(excerpt(verdict.unreadable))}`,
        'a verdict',
        verdict.unreadable,
      );
    } else if (!verdict.pass) {
      fail(
        'judge',
        at,
        `The judge ${expect.judge.modelId} failed the answer: ${verdict.reason || '(no reason given)'}`,
        `passes: ${excerpt(expect.judge.rubric, 120)}`,
        verdict.reason || 'fail',
      );
    }
  }
  return { failures, graderUsage };
}
