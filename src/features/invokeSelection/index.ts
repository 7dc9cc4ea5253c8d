// `Bedrock: Invoke Model on Selection`: the selected text (several selections in document order, separated by a
// blank line) becomes the user message of the chosen model's request and the answer streams into the output.
import * as vscode from 'vscode';
import { COMMANDS } from '../commands';
import { config } from '../config';
import type { Ctx } from '../context';
import { resolveConnection } from '../services/connection';
import { currentModelId, familyFor } from '../services/modelChoice';
import { showProblem } from '../fixes/notify';
import { runConverseText } from '../services/runConverse';
import { runText, type TextRunOutcome } from '../services/runText';
import type { ConverseInput } from '../../core/converse';
import { defined } from '../../core/models/json';
import { resolveModel } from '../../core/models';

/** The text of all non-empty selections in document order, separated by a blank line. */
export function selectedText(editor: vscode.TextEditor): string {
  return [...editor.selections]
    .filter((selection) => !selection.isEmpty)
    .sort((a, b) => a.start.compareTo(b.start))
    .map((selection) => editor.document.getText(selection))
    .join('\n\n');
}

async function promptFrom(editor: vscode.TextEditor | undefined): Promise<string | undefined> {
  if (!editor) {
    void vscode.window.showInformationMessage('Open a file and select the text to send to Bedrock.');
    return undefined;
  }
  const selected = selectedText(editor);
  if (selected.trim()) return selected;
  const whole = editor.document.getText();
  if (!whole.trim()) {
    void vscode.window.showInformationMessage('Nothing to send: the selection and the document are empty.');
    return undefined;
  }
  const choice = await vscode.window.showInformationMessage(
    'No text is selected. Send the whole document to Bedrock?',
    'Send Whole Document',
  );
  return choice ? whole : undefined;
}

/** Where the prompt came from: a diagnostic of a failed run goes on this text. */
interface PromptSource {
  uri: vscode.Uri;
  ranges: vscode.Range[];
}

function sourceOf(editor: vscode.TextEditor): PromptSource {
  const selected = editor.selections.filter((s) => !s.isEmpty).sort((a, b) => a.start.compareTo(b.start));
  const document = editor.document;
  const whole = new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length));
  return {
    uri: document.uri,
    ranges:
      selected.length && selectedText(editor).trim() ? selected.map((s) => new vscode.Range(s.start, s.end)) : [whole],
  };
}

async function invokeSelection(ctx: Ctx, options: { stream?: boolean } = {}): Promise<TextRunOutcome | undefined> {
  const editor = vscode.window.activeTextEditor;
  const prompt = await promptFrom(editor);
  if (prompt === undefined || !editor) return undefined;
  return invokePrompt(ctx, prompt, options, sourceOf(editor));
}

/** The selection as a Converse user message, the generation settings as its system prompt and inference config. */
function converseInput(modelId: string, prompt: string): ConverseInput {
  const { system, maxTokens, temperature, topP } = config.generation();
  const inferenceConfig = defined({ maxTokens, temperature, topP });
  return defined({
    modelId,
    messages: [{ role: 'user' as const, content: [{ text: prompt }] }],
    system: system ? [{ text: system }] : undefined,
    inferenceConfig: Object.keys(inferenceConfig).length ? inferenceConfig : undefined,
  });
}

async function invokePrompt(
  ctx: Ctx,
  prompt: string,
  options: { stream?: boolean },
  source?: PromptSource,
): Promise<TextRunOutcome | undefined> {
  const modelId = await currentModelId();
  if (!modelId) return undefined;
  if (config.api() === 'converse') return conversePrompt(ctx, modelId, prompt, options, source);
  const family = await familyFor(ctx, modelId);
  if (!family) return undefined;
  if (family.kind !== 'text') {
    void vscode.window.showErrorMessage(
      `${modelId} is ${family.kind === 'embedding' ? 'an embedding' : 'an image'} model: Invoke Model on Selection needs a text model. Pick a text model, or use a request file (*.bedrock.json) for this one.`,
    );
    return undefined;
  }
  const connection = await resolveConnection(ctx);
  if (!connection) return undefined;
  const body = family.buildBody({ prompt, ...config.generation() });
  const outcome = await runText(ctx, {
    connection,
    family,
    request: { modelId, body: JSON.stringify(body), contentType: 'application/json', accept: 'application/json' },
    stream: options.stream ?? config.stream(),
    output: config.output(),
  });
  const retry = (again?: { stream?: boolean }) => invokePrompt(ctx, prompt, { ...options, ...again }, source);
  // The diagnostics feature shows the problem on the selected text, with a notification of its own; a prompt that
  // came from no text has only the notification.
  if (source)
    ctx.selectionRuns.report({
      ...source,
      problem: outcome.problem ?? outcome.notice,
      outcome: outcome.result.outcome,
      connection: connection.resolved,
      retry,
    });
  else if (outcome.problem) void showProblem(outcome.problem, { retry, connection: connection.resolved });
  return outcome;
}

/** Converse needs no family: one message format for every text model, also those without an InvokeModel builder. */
async function conversePrompt(
  ctx: Ctx,
  modelId: string,
  prompt: string,
  options: { stream?: boolean },
  source?: PromptSource,
): Promise<TextRunOutcome | undefined> {
  const kind = resolveModel(modelId).family?.kind;
  if (kind && kind !== 'text') {
    void vscode.window.showErrorMessage(
      `${modelId} is ${kind === 'embedding' ? 'an embedding' : 'an image'} model: Converse needs a text model. Pick a text model, or use a request file (*.bedrock.json) for this one.`,
    );
    return undefined;
  }
  const connection = await resolveConnection(ctx);
  if (!connection) return undefined;
  const outcome = await runConverseText(ctx, {
    connection,
    input: converseInput(modelId, prompt),
    stream: options.stream ?? config.stream(),
    output: config.output(),
  });
  const retry = (again?: { stream?: boolean }) => invokePrompt(ctx, prompt, { ...options, ...again }, source);
  if (source)
    ctx.selectionRuns.report({
      ...source,
      problem: outcome.problem ?? outcome.notice,
      outcome: outcome.result.outcome,
      connection: connection.resolved,
      retry,
    });
  else if (outcome.problem) void showProblem(outcome.problem, { retry, connection: connection.resolved });
  return outcome;
}

export function register(ctx: Ctx): void {
  ctx.own(
    vscode.commands.registerCommand(COMMANDS.invokeSelection, () => invokeSelection(ctx)),
    vscode.commands.registerCommand(COMMANDS.cancelAll, () => {
      if (ctx.running.size === 0) {
        void vscode.window.showInformationMessage('No Bedrock invocation is running.');
        return;
      }
      for (const abort of ctx.running) abort.abort();
    }),
  );
}
