// `Count tokens` (CodeLens above every request, and Bedrock: Count Tokens for the selection): CountTokens for what
// the request or selection would send, its InvokeModel body or Converse input as the request is; the count shows in
// the lens's title and the status bar, with the model's context window where it is known. Nothing is invoked.
import * as vscode from 'vscode';
import { countRequestTokens, tokenCountText, type TokenCount, type TokenCountRequest } from '../../core/converse';
import { classify } from '../../core/errors/classify';
import { resolveModel } from '../../core/models';
import { defined } from '../../core/models/json';
import { config } from '../config';
import type { Ctx } from '../context';
import { showProblem } from '../fixes/notify';
import { selectedText } from '../invokeSelection';
import { resolveConnection } from '../services/connection';
import { currentModelId, familyFor } from '../services/modelChoice';
import { ensureTrusted } from '../trust';
import { showFileProblem, type RequestRunner } from './run';

/** What the lens passes after the file's URI. */
export interface CountArgs {
  requestIndex: number;
}

/** The last count of each request, shown in its lens's title until the request's text changes. */
export class TokenCounts implements vscode.Disposable {
  private readonly counts = new Map<string, { version: number; count: TokenCount }>();
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  set(uri: vscode.Uri, index: number, version: number, count: TokenCount): void {
    this.counts.set(`${uri.toString()}#${index}`, { version, count });
    this.changed.fire();
  }

  /** The count of a request, while the document is still the version it was counted in. */
  get(document: vscode.TextDocument, index: number): TokenCount | undefined {
    const entry = this.counts.get(`${document.uri.toString()}#${index}`);
    return entry && entry.version === document.version ? entry.count : undefined;
  }

  dispose(): void {
    this.changed.dispose();
  }
}

function show(count: TokenCount, what: string): void {
  if (count.kind === 'unsupported') {
    void vscode.window.showInformationMessage(count.message);
    return;
  }
  vscode.window.setStatusBarMessage(`$(symbol-numeric) ${what}: ${tokenCountText(count)} (${count.modelId})`, 30_000);
}

async function count(ctx: Ctx, request: TokenCountRequest, what: string): Promise<TokenCount | undefined> {
  const connection = await resolveConnection(ctx);
  if (!connection) return undefined;
  try {
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: `Bedrock: counting tokens of ${what}` },
      () => countRequestTokens(ctx.bedrock, connection.settings, request),
    );
    show(result, what);
    return result;
  } catch (error) {
    const problem = classify(error, { ...connection.resolved, modelId: request.modelId });
    void showProblem(problem, { retry: () => count(ctx, request, what), connection: connection.resolved });
    return undefined;
  }
}

/** Counts one request of a request file; the count is kept for its lens. */
export async function countRequest(
  ctx: Ctx,
  runner: RequestRunner,
  counts: TokenCounts,
  uri: vscode.Uri,
  index: number,
): Promise<TokenCount | undefined> {
  if (!(await ensureTrusted('Counting the tokens of a request file'))) return undefined;
  const document = await vscode.workspace.openTextDocument(uri);
  const version = document.version;
  const ready = await runner.prepareOne(document, index);
  if (!ready) return undefined;
  if ('problem' in ready) {
    showFileProblem(document, ready.problem);
    return undefined;
  }
  const prepared = ready.prepared;
  let request: TokenCountRequest;
  if ('input' in prepared) request = { modelId: prepared.input.modelId ?? '', converse: prepared.input };
  else if (prepared.kind !== 'text') {
    const result: TokenCount = {
      kind: 'unsupported',
      modelId: prepared.request.modelId,
      message: `${prepared.request.modelId} is not a text model: CountTokens counts the input of text models. Nothing was sent.`,
    };
    counts.set(uri, index, version, result);
    show(result, 'the request');
    return result;
  } else request = { modelId: prepared.request.modelId, invokeModelBody: prepared.request.body };
  const result = await count(ctx, request, prepared.spec.name ?? `request ${index + 1}`);
  if (result) counts.set(uri, index, version, result);
  return result;
}

/** Counts the selection as Invoke Model on Selection would send it (bedrock.api decides InvokeModel body or Converse). */
export async function countSelection(ctx: Ctx): Promise<TokenCount | undefined> {
  const editor = vscode.window.activeTextEditor;
  const prompt = editor ? selectedText(editor) || editor.document.getText() : '';
  if (!prompt.trim()) {
    void vscode.window.showInformationMessage('Select the text whose tokens to count.');
    return undefined;
  }
  const modelId = await currentModelId();
  if (!modelId) return undefined;
  const generation = config.generation();
  if (config.api() === 'converse') {
    const inferenceConfig = defined({
      maxTokens: generation.maxTokens,
      temperature: generation.temperature,
      topP: generation.topP,
    });
    return count(
      ctx,
      {
        modelId,
        converse: defined({
          modelId,
          messages: [{ role: 'user' as const, content: [{ text: prompt }] }],
          system: generation.system ? [{ text: generation.system }] : undefined,
          inferenceConfig: Object.keys(inferenceConfig).length ? inferenceConfig : undefined,
        }),
      },
      'the selection',
    );
  }
  const family = resolveModel(modelId).family ?? (await familyFor(ctx, modelId));
  if (!family) return undefined;
  if (family.kind !== 'text') {
    void vscode.window.showInformationMessage(
      `${modelId} is not a text model: CountTokens counts the input of text models.`,
    );
    return undefined;
  }
  return count(
    ctx,
    { modelId, invokeModelBody: JSON.stringify(family.buildBody({ prompt, ...generation })) },
    'the selection',
  );
}
