// Where each diagnostic goes. Request files: on the JSON node the error names (a missing key on its object, an
// extraneous key on the key, `#/messages/1/content` on that node), on `modelId` for model and access errors, else on
// the request's first line. Selection runs: on the selected text.
import * as vscode from 'vscode';
import type { Problem, ProblemSeverity } from '../../core/errors/classify';
import { renameFor } from '../../core/errors/bodyFixes';
import type { Violation } from '../../core/errors/violations';
import { resolveModel } from '../../core/models/resolve';
import {
  LIVE_KINDS,
  type JsonPath,
  type RequestFile,
  type RequestFileProblem,
  type RequestSpec,
  type SourceRange,
} from '../../core/requestFile';
import type { RequestRunReport } from '../services/requestRuns';
import { entryId, type Entry, type Group, type Origin } from './model';
import type { SelectionRunReport } from '../services/selectionRuns';
import { redact } from '../../core/security';

export const SOURCE = 'Bedrock';

const SEVERITY: Record<ProblemSeverity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
};

/** The family whose spelling of keys fixes use: the one that built the body, else the one the model ID names. */
export function familyOf(problem: Problem): string | undefined {
  return (
    problem.context?.family ?? (problem.context?.modelId ? resolveModel(problem.context.modelId).family?.id : undefined)
  );
}

function partialNote(problem: Problem): string {
  const p = problem.partial;
  if (!p) return '';
  return ` It got ${p.chunks} chunk${p.chunks === 1 ? '' : 's'} (${p.characters} characters) into the answer; that partial answer is kept in the output, marked incomplete.`;
}

export function problemText(problem: Problem): string {
  return `${problem.message}${partialNote(problem)} ${problem.hint}`.trim();
}

function violationText(problem: Problem, violation: Violation): string {
  const rename =
    violation.kind === 'extraneousKey' && violation.key ? renameFor(violation.key, familyOf(problem)) : undefined;
  const spelling = rename ? ` This model spells it "${rename}".` : '';
  return `${violation.message}${spelling} (${problem.errorName}: ${violation.text})`;
}

function diagnostic(
  document: vscode.TextDocument,
  range: SourceRange,
  message: string,
  problem: Problem,
): vscode.Diagnostic {
  const r = new vscode.Range(document.positionAt(range.offset), document.positionAt(range.offset + range.length));
  // The Problems panel shows it: per-violation texts quote the service's message as is.
  const d = new vscode.Diagnostic(r, redact(message), SEVERITY[problem.severity ?? 'error']);
  d.source = SOURCE;
  d.code = problem.errorName;
  return d;
}

/** The request's first line: from its opening brace to the end of that line. */
function firstLine(document: vscode.TextDocument, spec: Pick<RequestSpec, 'range'>): SourceRange {
  const start = document.positionAt(spec.range.offset);
  const line = document.lineAt(start.line);
  const end = document.offsetAt(line.range.end);
  return {
    offset: spec.range.offset,
    length: Math.max(1, Math.min(end, spec.range.offset + spec.range.length) - spec.range.offset),
  };
}

/** The node at `path`, else its nearest ancestor that exists (never above the request). */
function nearest(file: RequestFile, requestPath: JsonPath, path: JsonPath): SourceRange | undefined {
  for (let n = path.length; n > requestPath.length; n--) {
    const range = file.rangeOf(path.slice(0, n));
    if (range) return range;
  }
  return undefined;
}

function violationRange(file: RequestFile, report: RequestRunReport, violation: Violation): SourceRange | undefined {
  if (!report.bodyPath) return file.rangeOf([...report.path, 'prompt']);
  const path = [...report.bodyPath, ...violation.path];
  if (violation.kind === 'extraneousKey') return file.keyRangeOf(path) ?? nearest(file, report.path, path);
  return nearest(file, report.path, path);
}

function problemRange(file: RequestFile, report: RequestRunReport, problem: Problem): SourceRange | undefined {
  const path = problem.jsonPath;
  if (!path?.length) return undefined;
  if (path[0] === 'body' && !report.bodyPath) return file.rangeOf([...report.path, 'prompt']);
  return nearest(file, report.path, [...report.path, ...path]);
}

/**
 * Whether a violation still holds in the file as it is now: a missing key not added yet, an extraneous key not
 * removed yet. Other edits of the body do not settle it, so its diagnostic stays until the next run.
 */
export function stillViolated(file: RequestFile, report: RequestRunReport, violation: Violation): boolean | undefined {
  if (!report.bodyPath || !violation.key) return undefined;
  const at = [...report.bodyPath, ...violation.path];
  if (violation.kind === 'missingKey')
    return file.rangeOf(at) !== undefined && file.rangeOf([...at, violation.key]) === undefined;
  if (violation.kind === 'extraneousKey') return file.rangeOf(at) !== undefined;
  return undefined;
}

export function placeFileReport(
  document: vscode.TextDocument,
  file: RequestFile,
  report: RequestRunReport,
  keep?: (index: number, file: RequestFile, violation?: Violation) => boolean,
): Group | undefined {
  const problem = report.problem;
  if (!problem) return undefined;
  const spec = file.requests.find((r) => r.index === report.requestIndex);
  if (!spec) return undefined;
  const origin: Origin = { type: 'file', report };
  const entries: Entry[] = [];
  let index = 0;
  const add = (range: SourceRange | undefined, message: string, violation?: Violation) => {
    if (keep && !keep(index++, file, violation)) return;
    const at = range ?? firstLine(document, spec);
    const entry: Entry = {
      id: entryId(),
      diagnostic: diagnostic(document, at, message, problem),
      problem,
      origin,
      span: { start: at.offset, end: at.offset + at.length },
    };
    if (violation) entry.violation = violation;
    entries.push(entry);
  };
  if (problem.violations?.length) {
    for (const violation of problem.violations)
      add(violationRange(file, report, violation), violationText(problem, violation), violation);
  } else {
    add(problemRange(file, report, problem), problemText(problem));
  }
  return entries.length ? { key: `request:${report.requestIndex}`, origin, entries } : undefined;
}

/** The problem a refused run stands for in the diagnostics model: no Bedrock error, no fix but editing the file. */
function refusalProblem(fileProblem: RequestFileProblem): Problem {
  return {
    kind: 'validation',
    errorName: 'Not sent',
    message: fileProblem.message,
    hint: '',
    fixes: [],
    retryable: false,
    severity: 'error',
  };
}

/**
 * A refused run (nothing was sent: syntax, fields, a variable, a file outside the workspace) as a diagnostic on the
 * node its problem names, placed on the version that was run; undefined when the document has changed since.
 */
export function placeRefusal(document: vscode.TextDocument, report: RequestRunReport): Group | undefined {
  const fileProblem = report.fileProblem;
  if (report.outcome !== 'refused' || !fileProblem || document.version !== report.version) return undefined;
  // Duplicate keys and limits are shown while typing already (requestFiles/liveProblems.ts).
  if (LIVE_KINDS.has(fileProblem.kind)) return undefined;
  const problem = refusalProblem(fileProblem);
  const origin: Origin = { type: 'file', report };
  const at =
    fileProblem.range.length > 0
      ? fileProblem.range
      : { offset: fileProblem.range.offset, length: Math.min(1, document.getText().length - fileProblem.range.offset) };
  const d = diagnostic(document, at, fileProblem.message, problem);
  d.code = undefined;
  const entry: Entry = {
    id: entryId(),
    diagnostic: d,
    problem,
    origin,
    span: { start: at.offset, end: at.offset + at.length },
  };
  return { key: `request:${report.requestIndex}`, origin, entries: [entry] };
}

export function placeSelectionReport(document: vscode.TextDocument, report: SelectionRunReport): Group | undefined {
  const problem = report.problem;
  if (!problem) return undefined;
  const origin: Origin = { type: 'selection', report };
  const message = problem.violations?.length ? `${problem.message} ${problem.hint}` : problemText(problem);
  const entries: Entry[] = report.ranges.map((range) => {
    const d = new vscode.Diagnostic(range, message, SEVERITY[problem.severity ?? 'error']);
    d.source = SOURCE;
    d.code = problem.errorName;
    return {
      id: entryId(),
      diagnostic: d,
      problem,
      origin,
      span: { start: document.offsetAt(range.start), end: document.offsetAt(range.end) },
    };
  });
  return { key: 'selection', origin, entries };
}
