// `expect.judge`: a model the user names grades the answer against their rubric and says pass or fail, and why.
// The answer is fenced in tags and the verdict asked for as one JSON object, so the grader's reply is read without
// guessing; a reply with no verdict fails the expectation and shows what the grader said.
import type { PromptInput } from '../models';

export const JUDGE_SYSTEM =
  'You grade the answer of an AI model against a rubric. Judge only what the rubric asks. ' +
  'Reply with exactly one JSON object and nothing else: {"pass": <true or false>, "reason": "<one sentence>"}.';

/** The grading request: the rubric, what the model was asked (when known) and its answer. */
export function judgePrompt(rubric: string, answer: string, asked?: string): PromptInput {
  const parts = [`Rubric:\n<rubric>\n${rubric}\n</rubric>`];
  if (asked)
    parts.push(
      `The model was asked:\n<question>\n${asked.length > 8000 ? `${asked.slice(0, 8000)}…` : asked}\n</question>`,
    );
  parts.push(`The answer to grade:\n<answer>\n${answer}\n</answer>`);
  parts.push('Does the answer satisfy the rubric? Reply with only the JSON object.');
  return { prompt: parts.join('\n\n'), system: JUDGE_SYSTEM, maxTokens: 400, temperature: 0 };
}

export type Verdict = { pass: boolean; reason: string } | { unreadable: string };

/** The grader's verdict: the last `{"pass": ..., "reason": ...}` object of its reply. */
export function readVerdict(reply: string): Verdict {
  let found: { pass: boolean; reason: string } | undefined;
  for (const match of reply.matchAll(/\{[^{}]*"pass"[^{}]*\}/g)) {
    try {
      const value = JSON.parse(match[0]) as { pass?: unknown; reason?: unknown };
      if (typeof value.pass === 'boolean')
        found = { pass: value.pass, reason: typeof value.reason === 'string' ? value.reason : '' };
    } catch {
      // Not JSON (e.g. the reply quotes the instructions): keep looking.
    }
  }
  return found ?? { unreadable: reply.trim().slice(0, 300) };
}
