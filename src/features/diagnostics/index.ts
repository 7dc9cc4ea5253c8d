// Every Bedrock error as a diagnostic where it belongs, with quick fixes: request-file runs put it on the JSON node
// the error names, selection runs on the selected text (plus a notification with the same fixes as buttons). One
// collection, `Bedrock`; a diagnostic clears when its request next succeeds or its text changes.
import * as vscode from 'vscode';
import type { ProblemKind } from '../../core/errors';
import type { Ctx } from '../context';
import { RecentModels } from '../services/recentModels';
import type { RequestRunReport } from '../services/requestRuns';
import { INTERNAL_COMMANDS } from '../commands';
import { BedrockCodeActions, FixRegistry } from './codeActions';
import { fixesFor, type FixDeps } from '../fixes/actions';
import { DiagnosticsModel, type Entry, type Group } from './model';
import { placeFileReport, placeRefusal, placeSelectionReport, problemText, stillViolated } from './placement';
import type { SelectionRunReport } from '../services/selectionRuns';
import { signIn, type SignInTarget } from '../fixes/signIn';
import { redact } from '../../core/security';

async function documentOf(uri: vscode.Uri): Promise<vscode.TextDocument | undefined> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open) return open;
  try {
    return await vscode.workspace.openTextDocument(uri);
  } catch {
    return undefined;
  }
}

type Change = vscode.TextDocumentContentChangeEvent;

/** Converse errors about what the model supports (system prompts, tools, documents, images). */
const CAPABILITY_KINDS = new Set<ProblemKind>([
  'systemUnsupported',
  'toolsUnsupported',
  'documentsUnsupported',
  'imagesUnsupported',
]);

function touches(span: Entry['span'], changes: readonly Change[]): boolean {
  return changes.some((c) => c.rangeOffset <= span.end && c.rangeOffset + c.rangeLength >= span.start);
}

/** A selection's diagnostics moved past edits made before them; those whose text was edited are dropped. */
function shifted(document: vscode.TextDocument, group: Group, changes: readonly Change[]): Group {
  const entries = group.entries
    .filter((e) => !touches(e.span, changes))
    .map((e) => {
      let delta = 0;
      for (const c of changes) if (c.rangeOffset + c.rangeLength < e.span.start) delta += c.text.length - c.rangeLength;
      const span = { start: e.span.start + delta, end: e.span.end + delta };
      e.diagnostic.range = new vscode.Range(document.positionAt(span.start), document.positionAt(span.end));
      return { ...e, span };
    });
  return { ...group, entries };
}

/**
 * A request's diagnostics after an edit, placed again on the same JSON nodes: a violation stays until it is settled
 * (key added or removed); any other diagnostic goes once its own text is edited.
 */
function replaced(
  ctx: Ctx,
  document: vscode.TextDocument,
  group: Group,
  changes: readonly Change[],
): Group | undefined {
  if (group.origin.type !== 'file') return undefined;
  const report = group.origin.report;
  const before = group.entries;
  return placeFileReport(document, ctx.requestFiles.file(document), report, (i, file, violation) => {
    const settled = violation && stillViolated(file, report, violation);
    if (settled !== undefined) return settled;
    // What the model cannot do is about the model: another modelId settles it, wherever the diagnostic sits.
    if (CAPABILITY_KINDS.has(report.problem?.kind ?? 'unknown')) {
      const modelId = file.rangeOf([...report.path, 'modelId']);
      if (!modelId || touches({ start: modelId.offset, end: modelId.offset + modelId.length }, changes)) return false;
    }
    return before[i] !== undefined && !touches(before[i].span, changes);
  });
}

export function register(ctx: Ctx): void {
  const model = new DiagnosticsModel();
  // The shared discovery: the model switcher invalidates it when the profile, region or endpoint change.
  const deps: FixDeps = { ctx, discovery: ctx.discovery, recents: new RecentModels(ctx.extension.globalState) };
  const registry = new FixRegistry();

  const onFileReport = async (report: RequestRunReport) => {
    const key = `request:${report.requestIndex}`;
    if (report.outcome === 'completed' && !report.problem) return model.clear(report.uri, key);
    if (report.outcome === 'refused' && report.fileProblem) {
      const document = await documentOf(report.uri);
      const group = document && placeRefusal(document, report);
      if (!group) return;
      // "Run all" refuses every request for one problem of the file: one diagnostic is enough.
      const span = group.entries[0].span;
      const shown = model
        .groupsOf(report.uri)
        .some(
          (g) =>
            g.key !== key &&
            g.entries.some(
              (e) =>
                e.span.start === span.start &&
                e.span.end === span.end &&
                e.diagnostic.message === group.entries[0].diagnostic.message,
            ),
        );
      if (shown) model.clear(report.uri, key);
      else model.set(report.uri, group);
      return;
    }
    if (!report.problem) return;
    const document = await documentOf(report.uri);
    const group = document && placeFileReport(document, ctx.requestFiles.file(document), report);
    if (group) model.set(report.uri, group);
  };

  const onSelectionReport = async (report: SelectionRunReport) => {
    if (!report.problem) {
      if (report.outcome === 'completed') model.clear(report.uri, 'selection');
      return;
    }
    const document = await documentOf(report.uri);
    const group = document && placeSelectionReport(document, report);
    if (!group || !document) return;
    model.set(report.uri, group);
    // The notification carries the same fixes as the quick-fix menu.
    const fixes = (await fixesFor(deps, group.entries[0], document).catch(() => [])).filter((f) => f.run);
    const show =
      report.problem.severity === 'information' ? vscode.window.showInformationMessage : vscode.window.showErrorMessage;
    const choice = await show(redact(problemText(report.problem)), ...fixes.map((f) => f.title));
    await fixes.find((f) => f.title === choice)?.run?.();
  };

  const onChange = (e: vscode.TextDocumentChangeEvent) => {
    if (!e.contentChanges.length) return;
    for (const group of model.groupsOf(e.document.uri)) {
      // A refusal is about text: it moves with the edits before it and goes when its own text is edited.
      const refusal = group.origin.type === 'file' && group.origin.report.outcome === 'refused';
      const next =
        group.origin.type === 'file' && !refusal
          ? replaced(ctx, e.document, group, e.contentChanges)
          : shifted(e.document, group, e.contentChanges);
      if (next?.entries.length) model.set(e.document.uri, next);
      else model.clear(e.document.uri, group.key);
    }
  };

  const report = (what: string) => (error: unknown) =>
    ctx.log.error(`Could not show the ${what} as diagnostics`, error);

  ctx.own(
    model,
    ctx.requestRuns.onDidReport((r) => void onFileReport(r).catch(report('request run'))),
    ctx.selectionRuns.onDidReport((r) => void onSelectionReport(r).catch(report('selection run'))),
    vscode.workspace.onDidChangeTextDocument(onChange),
    vscode.workspace.onDidCloseTextDocument((d) => {
      if (d.isUntitled) model.clearAll(d.uri);
    }),
    vscode.languages.registerCodeActionsProvider(
      '*',
      new BedrockCodeActions(model, deps, registry),
      BedrockCodeActions.metadata,
    ),
    vscode.commands.registerCommand(INTERNAL_COMMANDS.runFix, (id: string) => registry.run(id)),
    // For notifications elsewhere (Sign in on a request-file error): the same sign-in, then the same retry.
    vscode.commands.registerCommand(INTERNAL_COMMANDS.signIn, (target: SignInTarget) => signIn(ctx, target)),
  );
}
