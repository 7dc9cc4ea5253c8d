// Runs requests of a request file as the editor holds it now (saved or not), never touching the file. Everything
// that can be checked is checked before the first request is sent: JSON syntax, fields, variable names. Each
// request's outcome is reported to ctx.requestRuns.
import * as vscode from 'vscode';
import { resolveModel, type ModelFamily } from '../../core/models';
import {
  checkVariables,
  expandRequest,
  modelIdOf,
  oncePerRun,
  prepareConverse,
  prepareRequest,
  type PreparedConverse,
  type PreparedRequest,
  type RequestFile,
  type RequestFileProblem,
  type RequestSpec,
} from '../../core/requestFile';
import { locateConverseProblem } from '../../core/converse';
import { config } from '../config';
import type { Ctx } from '../context';
import { resolveConnection, type Connection } from '../services/connection';
import { currentModelId, familyFor } from '../services/modelChoice';
import { showProblem } from '../fixes/notify';
import type { RequestRunReport } from '../services/requestRuns';
import { runConverseText } from '../services/runConverse';
import { runText } from '../services/runText';
import { ensureTrusted } from '../trust';
import { invokeOnce } from './oneShot';
import { saveImages, showEmbedding } from './outputs';
import { vscodeResolver, type RecentEditors } from './variables';
import { redact } from '../../core/security';

export interface RunOptions {
  /** false: "Invoke without streaming", whatever the request and the setting say. */
  stream?: boolean;
}

/** Puts the cursor on the text a problem is about. */
async function reveal(document: vscode.TextDocument, problem: RequestFileProblem): Promise<void> {
  const editor = await vscode.window.showTextDocument(document, { preview: false });
  const start = document.positionAt(problem.range.offset);
  const end = document.positionAt(problem.range.offset + problem.range.length);
  editor.selection = new vscode.Selection(start, end);
  editor.revealRange(new vscode.Range(start, end), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}

export function showFileProblem(document: vscode.TextDocument, problem: RequestFileProblem): void {
  void vscode.window.showErrorMessage(redact(problem.message), 'Go to Problem').then((choice) => {
    if (choice) void reveal(document, problem);
  });
}

export class RequestRunner {
  constructor(
    private readonly ctx: Ctx,
    private readonly editors: RecentEditors,
  ) {}

  /** Runs the requests at `indexes`, one after another; stops at the first that cannot be sent or is cancelled. */
  async run(document: vscode.TextDocument, indexes: number[], options: RunOptions = {}): Promise<RequestRunReport[]> {
    // A request file comes from the repository: in Restricted Mode nothing is sent before the user trusts it.
    if (!(await ensureTrusted('Running a request file'))) return [];
    const file = this.ctx.requestFiles.file(document);
    const version = document.version;
    const reports: RequestRunReport[] = [];
    const report = (
      spec: Pick<RequestSpec, 'index' | 'path' | 'body' | 'converse'>,
      fields: Pick<RequestRunReport, 'outcome' | 'problem' | 'fileProblem' | 'toolAnswer'>,
    ) => {
      const r: RequestRunReport = { uri: document.uri, version, requestIndex: spec.index, path: spec.path, ...fields };
      if (spec.body !== undefined) r.bodyPath = [...spec.path, 'body'];
      // Converse's only model-native part: its schema errors (`#: extraneous key [x]`) are relative to it.
      else if (spec.converse?.additionalModelRequestFields !== undefined)
        r.bodyPath = [...spec.path, 'additionalModelRequestFields'];
      this.ctx.requestRuns.report(r);
      reports.push(r);
    };
    const refuse = (problem: RequestFileProblem) => {
      const targets = indexes.length ? indexes : [0];
      for (const index of targets)
        report({ index, path: file.isArray ? [index] : [] }, { outcome: 'refused', fileProblem: problem });
      showFileProblem(document, problem);
      return reports;
    };

    // Before anything is sent: the whole selection of requests must be valid, variables included.
    const specs: RequestSpec[] = [];
    for (const index of indexes.length ? indexes : [0]) {
      const problem = file.problemsOf(index)[0];
      if (problem) return refuse(problem);
      const spec = file.requests.find((r) => r.index === index);
      if (!spec)
        return refuse({
          kind: 'field',
          message: `The file has no request number ${index + 1}.`,
          path: [],
          range: { offset: 0, length: 0 },
        });
      const variableProblem = checkVariables(file, spec).problems[0];
      if (variableProblem) return refuse(variableProblem);
      specs.push(spec);
    }

    const resolver = oncePerRun(vscodeResolver(document.uri, this.editors));
    // Every request is expanded and prepared (variables read, questions asked) before the first one is sent, so a
    // problem in the third request of "run all" never comes after the first two were sent and billed.
    const ready: Array<{ spec: RequestSpec; prepared: PreparedRequest | PreparedConverse }> = [];
    for (const written of specs) {
      const expansion = await expandRequest(file, written, resolver);
      if ('cancelled' in expansion) {
        report(written, { outcome: 'cancelled' });
        return reports;
      }
      if ('problem' in expansion) {
        report(written, { outcome: 'refused', fileProblem: expansion.problem });
        showFileProblem(document, expansion.problem);
        return reports;
      }
      const spec = expansion.spec;
      const prepared = await this.prepare(file, spec, options);
      if (!prepared) {
        report(spec, { outcome: 'cancelled' });
        return reports;
      }
      if ('problem' in prepared) {
        report(spec, { outcome: 'refused', fileProblem: prepared.problem });
        showFileProblem(document, prepared.problem);
        return reports;
      }
      ready.push({ spec, prepared: prepared.prepared });
    }
    const connection = await resolveConnection(this.ctx);
    if (!connection) {
      report(ready[0].spec, { outcome: 'cancelled' });
      return reports;
    }
    for (const { spec, prepared } of ready) {
      const outcome = await this.send(document, spec, prepared, connection, options);
      report(spec, outcome);
      if (outcome.outcome !== 'completed') break;
    }
    return reports;
  }

  /**
   * One request prepared exactly as a run would send it (variables read, questions asked), without sending it:
   * for CountTokens. Undefined when the user dismissed a question.
   */
  async prepareOne(
    document: vscode.TextDocument,
    index: number,
  ): Promise<{ prepared: PreparedRequest | PreparedConverse } | { problem: RequestFileProblem } | undefined> {
    const file = this.ctx.requestFiles.file(document);
    const problem = file.problemsOf(index)[0];
    if (problem) return { problem };
    const spec = file.requests.find((r) => r.index === index);
    if (!spec)
      return {
        problem: {
          kind: 'field',
          message: `The file has no request number ${index + 1}.`,
          path: [],
          range: { offset: 0, length: 0 },
        },
      };
    const variableProblem = checkVariables(file, spec).problems[0];
    if (variableProblem) return { problem: variableProblem };
    const expansion = await expandRequest(file, spec, oncePerRun(vscodeResolver(document.uri, this.editors)));
    if ('cancelled' in expansion) return undefined;
    if ('problem' in expansion) return { problem: expansion.problem };
    return this.prepare(file, expansion.spec, {});
  }

  /** The request as sent to Bedrock; undefined when the user dismissed a question (model, family). */
  private async prepare(
    file: RequestFile,
    spec: RequestSpec,
    options: RunOptions,
  ): Promise<{ prepared: PreparedRequest | PreparedConverse } | { problem: RequestFileProblem } | undefined> {
    const modelId = spec.modelId?.trim() || (await currentModelId());
    const named = modelIdOf(spec, modelId);
    if ('problem' in named) return { problem: named.problem };
    // Converse has one request format for every model: no family to know or ask for.
    if (spec.api === 'converse') {
      return prepareConverse(spec, {
        modelId: named.modelId,
        streamByDefault: config.stream(),
        streamOverride: options.stream,
        rangeOf: file.rangeOf,
      });
    }
    const resolution = resolveModel(named.modelId);
    let family: ModelFamily | undefined = resolution.family;
    if (!family && resolution.needsFamilyChoice) {
      family = await familyFor(this.ctx, named.modelId, ['text', 'embedding', 'image']);
      if (!family) return undefined;
    }
    return prepareRequest(spec, {
      modelId: named.modelId,
      family,
      streamByDefault: config.stream(),
      streamOverride: options.stream,
      rangeOf: file.rangeOf,
    });
  }

  private async send(
    document: vscode.TextDocument,
    spec: RequestSpec,
    prepared: PreparedRequest | PreparedConverse,
    connection: Connection,
    options: RunOptions,
  ): Promise<Pick<RequestRunReport, 'outcome' | 'problem' | 'toolAnswer'>> {
    const retry = async (again?: { stream?: boolean }) => {
      const current = await vscode.workspace.openTextDocument(document.uri);
      return this.run(current, [spec.index], { ...options, ...again });
    };
    if ('input' in prepared) {
      const { result, problem, notice } = await runConverseText(this.ctx, {
        connection,
        input: prepared.input,
        stream: prepared.stream,
        output: prepared.output ?? config.output(),
      });
      if (problem) {
        locateConverseProblem(problem, { members: spec.converse ?? {}, prompt: spec.prompt });
        void showProblem(problem, { retry, connection: connection.resolved });
      }
      const shown = problem ?? notice;
      const toolAnswer =
        result.outcome === 'completed' && result.toolUses.length
          ? { text: result.text, toolUses: result.toolUses }
          : undefined;
      return { outcome: result.outcome, ...(shown ? { problem: shown } : {}), ...(toolAnswer ? { toolAnswer } : {}) };
    }
    if (prepared.kind === 'text') {
      const { result, problem, notice } = await runText(this.ctx, {
        connection,
        request: prepared.request,
        family: prepared.family,
        stream: prepared.stream,
        output: prepared.output ?? config.output(),
      });
      if (problem) void showProblem(problem, { retry, connection: connection.resolved });
      // A guardrail's intervention travels as the report's problem of a completed run (an information diagnostic).
      const shown = problem ?? notice;
      return shown ? { outcome: result.outcome, problem: shown } : { outcome: result.outcome };
    }

    const what = `${spec.name ?? prepared.request.modelId} (${prepared.kind === 'image' ? 'image' : 'embedding'})`;
    const answer = await invokeOnce(this.ctx, connection, prepared.request, what);
    if (answer.problem) {
      void showProblem(answer.problem, { retry, connection: connection.resolved });
      return { outcome: 'failed', problem: answer.problem };
    }
    if (answer.outcome !== 'completed') return { outcome: answer.outcome };
    const error =
      prepared.kind === 'embedding'
        ? await showEmbedding(prepared.request.modelId, answer.body, answer.metadata.inputTokenCount)
        : await saveImages(document.uri, spec, answer.body).then((saved) =>
            'error' in saved ? saved.error : undefined,
          );
    if (error) void vscode.window.showErrorMessage(redact(error));
    return { outcome: 'completed' };
  }
}
