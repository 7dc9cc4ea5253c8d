// The CLI's reports: `pretty` (lines for people, the same words as the Testing view's output), `json` (every result,
// for scripts) and `junit` (JUnit XML, which CI systems show as test results). Places are `file:line:column`.
import junit from 'junit-report-builder';
import { lineColumn } from '../core/requestFile';
import {
  answerText,
  errorText,
  excerpt,
  resultFacts,
  totalsText,
  type RequestTestResult,
  type RunTotals,
} from '../core/testing';

import type { ReporterName } from './names';

export type { ReporterName } from './names';

export interface Colors {
  green(s: string): string;
  red(s: string): string;
  yellow(s: string): string;
  dim(s: string): string;
  bold(s: string): string;
}

export const NO_COLORS: Colors = { green: (s) => s, red: (s) => s, yellow: (s) => s, dim: (s) => s, bold: (s) => s };

export interface ReporterContext {
  /** Each file's text, by the name results use, for line and column numbers. */
  texts: ReadonlyMap<string, string>;
  version: string;
}

export interface Reporter {
  /** The whole report once the run is over; undefined when the terminal already showed everything. */
  render(results: readonly RequestTestResult[], totals: RunTotals, options: { toFile: boolean }): string | undefined;
}

function place(
  file: string,
  text: string | undefined,
  offset: number | undefined,
): { line?: number; column?: number; at: string } {
  if (text === undefined || offset === undefined) return { at: file };
  const { line, column } = lineColumn(text, offset);
  return { line, column, at: `${file}:${line}:${column}` };
}

const MARK: Record<RequestTestResult['status'], string> = { passed: '✓', failed: '✗', errored: '!', cancelled: '-' };

/** One result as lines for a person: the headline, then each failed expectation or the error, with its place. */
export function describeResult(result: RequestTestResult, text: string | undefined, c: Colors = NO_COLORS): string[] {
  const color = { passed: c.green, failed: c.red, errored: c.red, cancelled: c.yellow }[result.status];
  const where = place(result.file, text, result.range.offset);
  const lines = [
    `${color(MARK[result.status])} ${c.bold(result.name)} ${c.dim(`(${where.at})`)} ${c.dim('·')} ${color(resultFacts(result))}`,
  ];
  for (const failure of result.failures) {
    const at = place(result.file, text, failure.range?.offset);
    lines.push(`    ${c.red('✗')} expect.${failure.expectation} ${c.dim(`(${at.at})`)}: ${failure.message}`);
    lines.push(`      ${c.dim('expected:')} ${c.green(excerpt(failure.expected, 300))}`);
    lines.push(`      ${c.dim('actual:  ')} ${c.red(excerpt(failure.actual, 300))}`);
  }
  if (result.error) {
    const at = place(result.file, text, result.error.range?.offset);
    const name = result.error.problem?.errorName ? `${result.error.problem.errorName}: ` : '';
    lines.push(`    ${c.red('!')} ${c.dim(`(${at.at})`)} ${name}${errorText(result.error)}`);
  }
  return lines;
}

class PrettyReporter implements Reporter {
  constructor(private readonly context: ReporterContext) {}
  render(results: readonly RequestTestResult[], totals: RunTotals, options: { toFile: boolean }): string | undefined {
    if (!options.toFile) return undefined;
    const lines = results.flatMap((r) => describeResult(r, this.context.texts.get(r.file)));
    return `${[...lines, '', totalsText(totals)].join('\n')}\n`;
  }
}

class JsonReporter implements Reporter {
  constructor(private readonly context: ReporterContext) {}
  render(results: readonly RequestTestResult[], totals: RunTotals): string {
    const texts = this.context.texts;
    const report = {
      tool: 'bedrock-invoke',
      version: this.context.version,
      totals,
      results: results.map((r) => {
        const text = texts.get(r.file);
        const { line, column } = place(r.file, text, r.range.offset);
        return {
          file: r.file,
          index: r.index,
          name: r.name,
          line,
          column,
          status: r.status,
          durationMs: Math.round(r.durationMs),
          usage: r.usage,
          graderUsage: r.graderUsage,
          hasExpectations: r.hasExpectations,
          modelId: r.observation?.modelId,
          stopReason: r.observation?.stopReason,
          answer: answerText(r),
          failures: r.failures.map((f) => {
            const at = place(r.file, text, f.range?.offset);
            return {
              expectation: f.expectation,
              message: f.message,
              expected: f.expected,
              actual: f.actual,
              path: f.path,
              line: at.line,
              column: at.column,
              answerPath: f.answerPath,
            };
          }),
          error: r.error && {
            message: r.error.message,
            hint: r.error.hint,
            kind: r.error.problem?.kind ?? r.error.fileProblem?.kind,
            errorName: r.error.problem?.errorName,
            path: r.error.path,
            ...(() => {
              const at = place(r.file, text, r.error.range?.offset);
              return { line: at.line, column: at.column };
            })(),
          },
        };
      }),
    };
    return `${JSON.stringify(report, null, 2)}\n`;
  }
}

class JunitReporter implements Reporter {
  constructor(private readonly context: ReporterContext) {}
  render(results: readonly RequestTestResult[]): string {
    const builder = junit.newBuilder();
    const suites = new Map<string, ReturnType<typeof builder.testSuite>>();
    for (const r of results) {
      let suite = suites.get(r.file);
      if (!suite) {
        suite = builder.testSuite().name(r.file);
        suites.set(r.file, suite);
      }
      const text = this.context.texts.get(r.file);
      const testCase = suite
        .testCase()
        .className(r.file.replace(/\.bedrock\.json$/i, '').replace(/[\\/]/g, '.'))
        .name(r.name)
        .file(r.file)
        .time(r.durationMs / 1000);
      const answer = answerText(r);
      if (answer) testCase.standardOutput(answer);
      if (r.status === 'failed') {
        const details = describeResult(r, text).slice(1).join('\n');
        testCase.failure(r.failures.map((f) => f.message).join('\n'), r.failures[0]?.expectation);
        testCase.standardError(details);
      } else if (r.status === 'errored' && r.error) {
        testCase.error(
          errorText(r.error),
          r.error.problem?.errorName ?? r.error.fileProblem?.kind ?? 'error',
          describeResult(r, text).slice(1).join('\n'),
        );
      } else if (r.status === 'cancelled') {
        testCase.skipped();
      }
    }
    return `${builder.build()}\n`;
  }
}

export function createReporter(name: ReporterName, context: ReporterContext): Reporter {
  if (name === 'json') return new JsonReporter(context);
  if (name === 'junit') return new JunitReporter(context);
  return new PrettyReporter(context);
}
