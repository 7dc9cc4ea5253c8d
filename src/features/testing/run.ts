// Runs request items as tests: the same core runner as the CLI (core/testing), with the editor's connection,
// unsaved text and variables. Results go to the Test Explorer (pass/fail with messages at the expectation's node,
// diffs, duration, tokens, the answer in the test output), to the `Bedrock tests` diagnostics, and Bedrock's own
// errors to the request-run reports that the Bedrock diagnostics and their quick fixes follow.
import * as vscode from 'vscode';
import { parseRequestFile, oncePerRun, type RequestFile, type VariableResolver } from '../../core/requestFile';
import {
  answerText,
  cancelledResult,
  errorText,
  isTextualFailure,
  resultFacts,
  runPool,
  runRequestTest,
  totalsOf,
  totalsText,
  type RequestTestResult,
  type TestRunContext,
  type TestTarget,
} from '../../core/testing';
import { config } from '../config';
import type { Ctx } from '../context';
import { vscodeResolver, type RecentEditors } from '../requestFiles/variables';
import { resolveConnection } from '../services/connection';
import { familyFor } from '../services/modelChoice';
import { ensureTrusted } from '../trust';
import { currentText, Positions, type TestItems } from './items';
import { redact } from '../../core/security';

export const TEST_DIAGNOSTIC_SOURCE = 'Bedrock test';

/** What a finished test looked like, for the integration tests' probe. */
export interface TestResultSnapshot {
  id: string;
  status: RequestTestResult['status'] | 'skipped';
  durationMs: number;
  messages: Array<{
    message: string;
    expected?: string;
    actual?: string;
    uri?: string;
    line?: number;
    character?: number;
    endLine?: number;
    endCharacter?: number;
  }>;
  output: string;
  inputTokens?: number;
  outputTokens?: number;
}

/** The run the user is watching, so the CodeLens and a command can cancel it. */
export interface ActiveRun {
  abort: AbortController;
  ids: Set<string>;
}

function crlf(text: string): string {
  return text.replace(/\r?\n/g, '\r\n');
}

export class TestRunner {
  readonly active = new Set<ActiveRun>();
  /** Results of the latest run, by test item ID. */
  readonly latest = new Map<string, TestResultSnapshot>();
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when a run starts or ends (the CodeLens shows Test or Cancel). */
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly ctx: Ctx,
    private readonly controller: vscode.TestController,
    private readonly items: TestItems,
    private readonly editors: RecentEditors,
    private readonly diagnostics: vscode.DiagnosticCollection,
  ) {}

  isRunning(id: string): boolean {
    return [...this.active].some((run) => run.ids.has(id));
  }

  /** Cancels the runs that hold any of these IDs (all runs when none are given). */
  cancel(ids?: readonly string[]): void {
    for (const run of this.active) if (!ids || ids.some((id) => run.ids.has(id))) run.abort.abort();
  }

  async run(request: vscode.TestRunRequest, token: vscode.CancellationToken): Promise<void> {
    await this.items.discover();
    const items = this.items.requestItems(request.include, request.exclude);
    const run = this.controller.createTestRun(request);
    const abort = new AbortController();
    const active: ActiveRun = { abort, ids: new Set(items.map((i) => i.id)) };
    // The token of the run request (Testing view, gutter) and the run's own (its Cancel in Test Results).
    const cancelled = vscode.Disposable.from(
      token.onCancellationRequested(() => abort.abort()),
      run.token.onCancellationRequested(() => abort.abort()),
    );
    // Bedrock: Cancel Running Invocations stops test runs too.
    this.ctx.running.add(abort);
    this.active.add(active);
    this.changed.fire();
    try {
      for (const item of items) {
        run.enqueued(item);
        this.latest.delete(item.id);
      }
      await this.execute(run, items, abort.signal);
    } finally {
      cancelled.dispose();
      this.ctx.running.delete(abort);
      this.active.delete(active);
      run.end();
      this.changed.fire();
    }
  }

  private refuseAll(run: vscode.TestRun, items: vscode.TestItem[], message: string): void {
    run.appendOutput(crlf(`${redact(message)}\n`));
    for (const item of items) {
      run.errored(item, new vscode.TestMessage(redact(message)));
      this.latest.set(item.id, { id: item.id, status: 'errored', durationMs: 0, messages: [{ message }], output: '' });
    }
  }

  private async execute(run: vscode.TestRun, items: vscode.TestItem[], signal: AbortSignal): Promise<void> {
    // Request files come from the repository: in Restricted Mode nothing is sent (ensureTrusted explains why).
    if (!vscode.workspace.isTrusted) {
      void ensureTrusted('Running request files as tests');
      return this.refuseAll(
        run,
        items,
        'Running request files as tests needs a trusted workspace: nothing was sent. Trust the workspace, then run the tests again.',
      );
    }
    if (!items.length) return;
    const connection = await resolveConnection(this.ctx);
    if (!connection)
      return this.refuseAll(run, items, 'No connection to Bedrock was chosen (region or endpoint): nothing was sent.');

    // One read and parse per file, of the text the editor has now; `${input:...}` is asked once per run.
    const files = new Map<
      string,
      { text: string; parsed: RequestFile; positions: Positions; resolver: VariableResolver } | { error: string }
    >();
    const inputs = new Map<string, Promise<string | undefined>>();
    const targets: Array<
      | { item: vscode.TestItem; target: TestTarget; positions: Positions; uri: vscode.Uri }
      | { item: vscode.TestItem; error: string }
    > = [];
    for (const item of items) {
      const data = this.items.data.get(item);
      if (!data) continue;
      const key = data.uri.toString();
      if (!files.has(key)) {
        const read = await currentText(data.uri);
        if ('error' in read) files.set(key, read);
        else {
          const base = vscodeResolver(data.uri, this.editors);
          const resolver = oncePerRun({
            ...base,
            input: (prompt) => {
              if (!inputs.has(prompt)) inputs.set(prompt, base.input(prompt));
              return inputs.get(prompt) as Promise<string | undefined>;
            },
          });
          files.set(key, {
            text: read.text,
            parsed: parseRequestFile(read.text),
            positions: new Positions(read.text),
            resolver,
          });
        }
      }
      const file = files.get(key)!;
      if ('error' in file) {
        targets.push({ item, error: file.error });
        continue;
      }
      const spec = file.parsed.requests.find((r) => r.index === data.index);
      if (!spec) {
        targets.push({ item, error: `The file has no request number ${data.index + 1} any more.` });
        continue;
      }
      targets.push({
        item,
        uri: data.uri,
        positions: file.positions,
        target: { file: key, parsed: file.parsed, spec, resolver: file.resolver },
      });
    }

    const context: TestRunContext = {
      caller: this.ctx.bedrock,
      connection: connection.settings,
      resolved: connection.resolved,
      defaultModelId: config.modelId(),
      streamByDefault: config.stream(),
      chooseFamily: (modelId) => familyFor(this.ctx, modelId, ['text', 'embedding', 'image']),
      proxy: config.proxy(),
      signal,
      limits: config.streamLimits(),
    };
    const started = performance.now();
    const results = await runPool(
      targets,
      Math.max(1, config.testConcurrency()),
      async (t) => {
        if ('error' in t) {
          run.errored(t.item, new vscode.TestMessage(redact(t.error)));
          this.latest.set(t.item.id, {
            id: t.item.id,
            status: 'errored',
            durationMs: 0,
            messages: [{ message: t.error }],
            output: '',
          });
          return undefined;
        }
        run.started(t.item);
        const result = await runRequestTest(t.target, context);
        this.show(run, t.item, t.uri, t.positions, result, t.target.spec.body !== undefined);
        return result;
      },
      {
        signal,
        skipped: (t) => {
          run.skipped(t.item);
          this.latest.set(t.item.id, { id: t.item.id, status: 'skipped', durationMs: 0, messages: [], output: '' });
          return 'target' in t ? cancelledResult(t.target) : undefined;
        },
      },
    );
    const done = results.filter((r): r is RequestTestResult => r !== undefined);
    run.appendOutput(crlf(`\n${totalsText(totalsOf(done, performance.now() - started))}\n`));
  }

  private show(
    run: vscode.TestRun,
    item: vscode.TestItem,
    uri: vscode.Uri,
    positions: Positions,
    result: RequestTestResult,
    hasBody: boolean,
  ): void {
    const location = (range = result.range) => new vscode.Location(uri, positions.range(range));
    const lines = [
      `${result.status === 'passed' ? '✓' : result.status === 'failed' ? '✗' : result.status === 'errored' ? '!' : '-'} ${result.name} · ${resultFacts(result)}`,
    ];
    const answer = answerText(result);
    if (answer !== undefined) lines.push(answer.endsWith('\n') ? answer.slice(0, -1) : answer);
    const messages: vscode.TestMessage[] = [];
    const snapshot: TestResultSnapshot = {
      id: item.id,
      status: result.status,
      durationMs: result.durationMs,
      messages: [],
      output: '',
      inputTokens: result.usage.inputTokens,
      outputTokens: result.usage.outputTokens,
    };
    const note = (message: vscode.TestMessage, expected?: string, actual?: string) => {
      messages.push(message);
      const at = message.location?.range;
      snapshot.messages.push({
        message: typeof message.message === 'string' ? message.message : message.message.value,
        expected,
        actual,
        uri: message.location?.uri.toString(),
        line: at?.start.line,
        character: at?.start.character,
        endLine: at?.end.line,
        endCharacter: at?.end.character,
      });
    };
    const diagnostics: vscode.Diagnostic[] = [];
    for (const failure of result.failures) {
      const text = redact(failure.message);
      const message = isTextualFailure(failure)
        ? vscode.TestMessage.diff(text, redact(failure.expected), redact(failure.actual))
        : new vscode.TestMessage(text);
      message.location = location(failure.range);
      note(message, failure.expected, failure.actual);
      lines.push(`  ✗ ${text}`);
      const d = new vscode.Diagnostic(message.location.range, text, vscode.DiagnosticSeverity.Error);
      d.source = TEST_DIAGNOSTIC_SOURCE;
      d.code = `expect.${failure.expectation}`;
      diagnostics.push(d);
    }
    if (result.error) {
      const text = redact(errorText(result.error));
      const message = new vscode.TestMessage(text);
      message.location = location(result.error.range);
      note(message);
      lines.push(`  ! ${text}`);
      // Bedrock's own errors about the request go where every Bedrock error goes, with their quick fixes; problems of
      // the file or of a grader get a test diagnostic on their node.
      const aboutRequest = result.error.problem && !result.error.path.includes('expect');
      if (!aboutRequest) {
        const d = new vscode.Diagnostic(message.location.range, text, vscode.DiagnosticSeverity.Error);
        d.source = TEST_DIAGNOSTIC_SOURCE;
        diagnostics.push(d);
      }
    }
    this.setDiagnostics(uri, result.index, diagnostics);
    if (result.status !== 'cancelled') {
      const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
      const problem = result.error?.problem && !result.error.path.includes('expect') ? result.error.problem : undefined;
      const fileProblem = result.error?.fileProblem;
      this.ctx.requestRuns.report({
        uri,
        version: open?.version ?? 0,
        requestIndex: result.index,
        path: result.path,
        outcome: problem ? 'failed' : fileProblem ? 'refused' : 'completed',
        ...(problem ? { problem } : {}),
        ...(fileProblem ? { fileProblem } : {}),
        ...(hasBody ? { bodyPath: [...result.path, 'body'] } : {}),
      });
    }

    snapshot.output = lines.join('\n');
    snapshot.output = redact(snapshot.output);
    run.appendOutput(crlf(`${snapshot.output}\n`), location(), item);
    this.latest.set(item.id, snapshot);
    if (result.status === 'passed') run.passed(item, result.durationMs);
    else if (result.status === 'failed') run.failed(item, messages, result.durationMs);
    else if (result.status === 'errored') run.errored(item, messages, result.durationMs);
    else run.skipped(item);
  }

  /** Diagnostics of one request, replacing that request's earlier ones (other requests of the file keep theirs). */
  private readonly byRequest = new Map<string, Map<number, vscode.Diagnostic[]>>();
  private setDiagnostics(uri: vscode.Uri, index: number, diagnostics: vscode.Diagnostic[]): void {
    const perFile = this.byRequest.get(uri.toString()) ?? new Map<number, vscode.Diagnostic[]>();
    perFile.set(index, diagnostics);
    this.byRequest.set(uri.toString(), perFile);
    this.diagnostics.set(uri, [...perFile.values()].flat());
  }

  /** Drops a file's test diagnostics (its text changed: they point at text that moved). */
  clearDiagnostics(uri: vscode.Uri): void {
    this.byRequest.delete(uri.toString());
    this.diagnostics.delete(uri);
  }

  dispose(): void {
    this.changed.dispose();
  }
}
