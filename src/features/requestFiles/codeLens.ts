// `Invoke` and `Invoke without streaming` above each request of a request file. Lenses follow the editor's text,
// saved or not; each runs its own request.
import * as vscode from 'vscode';
import { resolveModel } from '../../core/models';
import type { OutlineRequest, RequestFileOutline } from '../../core/requestFile';
import { COMMANDS } from '../commands';
import { config } from '../config';
import type { Ctx } from '../context';
import { tokenCountText } from '../../core/converse';
import type { CountArgs, TokenCounts } from './countTokens';
import { pendingToolAnswer, type ToolResultArgs } from './toolResult';

/** What a lens passes to bedrock.runRequestFile after the file's URI. */
export interface LensArgs {
  requestIndex: number;
  stream?: boolean;
}

/** False when the request's model is known not to stream (embeddings, images): a second lens would do the same. */
function canStream(spec: OutlineRequest): boolean {
  const modelId = spec.modelId ?? config.modelId();
  const family = modelId ? resolveModel(modelId).family : undefined;
  return family ? family.streams && family.kind === 'text' : true;
}

export class RequestCodeLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  /** Lenses that follow a run (Add toolResult turn) change when a request of the file reports. */
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly subscription: vscode.Disposable;

  private readonly countSubscription: vscode.Disposable;

  constructor(
    private readonly ctx: Ctx,
    private readonly counts: TokenCounts,
  ) {
    this.subscription = ctx.requestRuns.onDidReport(() => this.changed.fire());
    this.countSubscription = counts.onDidChange(() => this.changed.fire());
  }

  dispose(): void {
    this.subscription.dispose();
    this.countSubscription.dispose();
    this.changed.dispose();
  }

  /** From the document store's outline: parsed once per version, a large file in a worker thread. */
  provideCodeLenses(
    document: vscode.TextDocument,
    token?: vscode.CancellationToken,
  ): vscode.CodeLens[] | Promise<vscode.CodeLens[]> {
    const now = this.ctx.requestFiles.outlineNow(document);
    if (now) return this.lenses(document, now);
    return this.ctx.requestFiles
      .outline(document)
      .then((file) => (token?.isCancellationRequested ? [] : this.lenses(document, file)));
  }

  /** A Converse answer's tool calls not yet written into the request (read from the whole file, only after such a run). */
  private toolAnswer(document: vscode.TextDocument, index: number) {
    if (!this.ctx.requestRuns.reportsFor(document.uri).some((r) => r.toolAnswer)) return undefined;
    const spec = this.ctx.requestFiles.file(document).requests.find((r) => r.index === index);
    return spec && pendingToolAnswer(this.ctx, document.uri, spec);
  }

  private lenses(document: vscode.TextDocument, file: RequestFileOutline): vscode.CodeLens[] {
    return file.requests.flatMap((spec) => {
      const at = document.positionAt(spec.range.offset);
      const range = new vscode.Range(at, at);
      const label = spec.name ? ` ${spec.name}` : file.isArray ? ` request ${spec.index + 1}` : '';
      const lenses = [
        new vscode.CodeLens(range, {
          title: 'Invoke',
          tooltip: `Send${label} to Bedrock`,
          command: COMMANDS.runRequestFile,
          arguments: [document.uri, { requestIndex: spec.index } satisfies LensArgs],
        }),
      ];
      if (canStream(spec)) {
        lenses.push(
          new vscode.CodeLens(range, {
            title: 'Invoke without streaming',
            tooltip: `Send${label} with InvokeModel and show the answer when it is complete`,
            command: COMMANDS.runRequestFile,
            arguments: [document.uri, { requestIndex: spec.index, stream: false } satisfies LensArgs],
          }),
        );
      }
      const counted = this.counts.get(document, spec.index);
      lenses.push(
        new vscode.CodeLens(range, {
          title: counted ? `Count tokens: ${tokenCountText(counted)}` : 'Count tokens',
          tooltip:
            counted?.kind === 'unsupported'
              ? counted.message
              : `Count the input tokens of${label} with CountTokens; nothing is invoked`,
          command: COMMANDS.countTokens,
          arguments: [document.uri, { requestIndex: spec.index } satisfies CountArgs],
        }),
      );
      const answer = this.toolAnswer(document, spec.index);
      if (answer) {
        const calls = answer.toolUses.map((t) => t.name).join(', ');
        lenses.push(
          new vscode.CodeLens(range, {
            title: 'Add toolResult turn',
            tooltip: `Write the answer's call${answer.toolUses.length === 1 ? '' : 's'} (${calls}) and a toolResult turn into "messages", to continue the conversation`,
            command: COMMANDS.addToolResult,
            arguments: [document.uri, { requestIndex: spec.index } satisfies ToolResultArgs],
          }),
        );
      }
      return lenses;
    });
  }
}
