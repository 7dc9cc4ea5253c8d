// How a test result reads, in words: the same sentences in the Test Explorer's output and in the CLI's reporters,
// so a result in the editor and in CI says the same thing.
import type { Usage } from '../models/types';
import type { ExpectationFailure, RequestTestResult, RunTotals, TestError } from './types';

/** Expectations whose expected and actual values are text worth a side-by-side diff (not numbers or counts). */
const TEXTUAL = new Set<ExpectationFailure['expectation']>([
  'contains',
  'notContains',
  'matches',
  'json',
  'stopReason',
  'judge',
]);

export function isTextualFailure(failure: ExpectationFailure): boolean {
  return TEXTUAL.has(failure.expectation);
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** `12 in / 34 out tokens`, or '' when Bedrock counted nothing. */
export function usageText(usage: Usage): string {
  if (usage.inputTokens === undefined && usage.outputTokens === undefined) return '';
  return `${usage.inputTokens ?? 0} in / ${usage.outputTokens ?? 0} out tokens`;
}

export function durationText(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}

/** The result's facts after its name: `passed · 120 ms · 10 in / 20 out tokens (grader: 5 in / 1 out tokens)`. */
export function resultFacts(result: RequestTestResult): string {
  const parts: string[] = [result.status, durationText(result.durationMs)];
  const usage = usageText(result.usage);
  if (usage) parts.push(usage);
  const graders = usageText(result.graderUsage);
  if (graders) parts.push(`grader: ${graders}`);
  if (result.observation?.stopReason) parts.push(`stop: ${result.observation.stopReason}`);
  if (result.status === 'failed') parts.push(plural(result.failures.length, 'failed expectation'));
  return parts.join(' · ');
}

/** An error as one message: what happened, then what to do about it. */
export function errorText(error: TestError): string {
  return error.hint && !error.message.includes(error.hint) ? `${error.message} ${error.hint}` : error.message;
}

/** What came back, for the output: the text, or what an embeddings or image model returned. */
export function answerText(result: RequestTestResult): string | undefined {
  const o = result.observation;
  if (!o) return undefined;
  if (o.kind === 'embedding') return `(an embedding of ${o.dimension ?? 0} dimensions)`;
  if (o.kind === 'image') return `(${plural(o.imageCount ?? 0, 'image')})${o.text ? ` ${o.text}` : ''}`;
  return o.text;
}

/** `3 passed, 1 failed, 1 errored · 2.1 s · 120 in / 300 out tokens`. */
export function totalsText(totals: RunTotals): string {
  const counts = [`${totals.passed} passed`, `${totals.failed} failed`];
  if (totals.errored) counts.push(`${totals.errored} errored`);
  if (totals.cancelled) counts.push(`${totals.cancelled} cancelled`);
  const usage = usageText(totals);
  return [counts.join(', '), durationText(totals.durationMs), ...(usage ? [usage] : [])].join(' · ');
}
