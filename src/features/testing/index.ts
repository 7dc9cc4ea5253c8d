// Request files as tests in VS Code's Testing view: every *.bedrock.json of the workspace, one item per file and per
// request, run from the Testing view, the gutter, a `Test` CodeLens or Bedrock: Run Tests, with the same core runner
// as the CLI (core/testing). Cancel (the Testing view, the lens, Bedrock: Cancel Tests, Bedrock: Cancel Running
// Invocations) aborts every HTTP request still open.
import * as vscode from 'vscode';
import { COMMANDS, INTERNAL_COMMANDS } from '../commands';
import type { Ctx } from '../context';
import { RecentEditors } from '../requestFiles/variables';
import { TestCodeLensProvider } from './codeLens';
import { isRequestFileUri, requestItemId, TestItems } from './items';
import { TestRunner, type TestResultSnapshot } from './run';

export const TEST_CONTROLLER_ID = 'bedrockRequestFiles';

/** What the integration tests read through `_bedrock.testExplorer`: the tree and the latest results. */
export interface TestExplorerSnapshot {
  items: Array<{
    id: string;
    label: string;
    uri?: string;
    line?: number;
    error?: string;
    children: Array<{ id: string; label: string; line?: number; description?: string }>;
  }>;
  results: TestResultSnapshot[];
  running: boolean;
}

function asUri(value: unknown): vscode.Uri | undefined {
  return value instanceof vscode.Uri ? value : undefined;
}

export function register(ctx: Ctx): void {
  const controller = vscode.tests.createTestController(TEST_CONTROLLER_ID, 'Bedrock request files');
  const items = new TestItems(controller, ctx.requestFiles);
  const editors = new RecentEditors();
  const diagnostics = vscode.languages.createDiagnosticCollection('bedrock-tests');
  const runner = new TestRunner(ctx, controller, items, editors, diagnostics);
  const lenses = new TestCodeLensProvider(ctx.requestFiles, (id) => runner.isRunning(id));

  controller.resolveHandler = async (item) => {
    if (!item) await items.discover();
  };
  controller.refreshHandler = () => items.discover(true);
  const profile = controller.createRunProfile(
    'Run',
    vscode.TestRunProfileKind.Run,
    (request, token) => runner.run(request, token),
    true,
  );

  /** Runs the tests of a file (or one request of it) as the Testing view would, and resolves when they ended. */
  const runTests = async (target?: unknown, index?: unknown) => {
    const uri = asUri(target) ?? vscode.window.activeTextEditor?.document.uri;
    await items.discover();
    let include: vscode.TestItem[] | undefined;
    if (uri && isRequestFileUri(uri)) {
      await items.update(uri);
      const file = controller.items.get(uri.toString());
      const item = typeof index === 'number' ? file?.children.get(requestItemId(uri, index)) : file;
      if (!item) {
        void vscode.window.showWarningMessage(
          `${vscode.workspace.asRelativePath(uri)} is not a request file of this workspace: open it from a workspace folder to test it.`,
        );
        return;
      }
      include = [item];
    }
    const source = new vscode.CancellationTokenSource();
    try {
      await profile.runHandler(new vscode.TestRunRequest(include, undefined, profile), source.token);
    } finally {
      source.dispose();
    }
  };

  const cancelTests = (target?: unknown, index?: unknown) => {
    const uri = asUri(target);
    if (!uri) return runner.cancel();
    const file = controller.items.get(uri.toString());
    const ids = typeof index === 'number' ? [requestItemId(uri, index)] : file ? [...collectIds(file)] : [];
    runner.cancel(ids);
  };

  ctx.own(
    controller,
    items,
    editors,
    diagnostics,
    runner,
    lenses,
    runner.onDidChange(() => lenses.refresh()),
    vscode.languages.registerCodeLensProvider({ pattern: '**/*.bedrock.json' }, lenses),
    vscode.commands.registerCommand(COMMANDS.runTests, runTests),
    vscode.commands.registerCommand(COMMANDS.cancelTests, cancelTests),
    // An edit moves the text the test diagnostics point at: they go, and the next run places them again.
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.contentChanges.length && isRequestFileUri(e.document.uri)) runner.clearDiagnostics(e.document.uri);
    }),
    vscode.commands.registerCommand(INTERNAL_COMMANDS.testExplorer, async (): Promise<TestExplorerSnapshot> => {
      await items.discover();
      const snapshot: TestExplorerSnapshot = {
        items: [],
        results: [...runner.latest.values()],
        running: runner.active.size > 0,
      };
      controller.items.forEach((file) => {
        const children: TestExplorerSnapshot['items'][number]['children'] = [];
        file.children.forEach((c) =>
          children.push({ id: c.id, label: c.label, line: c.range?.start.line, description: c.description }),
        );
        children.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
        snapshot.items.push({
          id: file.id,
          label: file.label,
          uri: file.uri?.toString(),
          error: typeof file.error === 'string' ? file.error : file.error?.value,
          children,
        });
      });
      return snapshot;
    }),
  );
  // Find the workspace's request files without holding up activation (the gutter and the Testing view need them).
  setTimeout(() => void items.discover(), 0);
}

function* collectIds(item: vscode.TestItem): Generator<string> {
  yield item.id;
  const children: vscode.TestItem[] = [];
  item.children.forEach((c) => children.push(c));
  for (const c of children) yield* collectIds(c);
}
