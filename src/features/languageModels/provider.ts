// Amazon Bedrock as a VS Code language-model chat provider (vendor `bedrock`): the chat models discovery lists for
// the current profile and region, answers streamed through ConverseStream, token counts through CountTokens.
import * as vscode from 'vscode';
import type { ConnectionSettings } from '../../core/bedrock/types';
import { converseInputOf, estimateTokens, type ChatMessage, type ConverseEvent } from '../../core/converse';
import { chatModelsOf, chosenChatModels, type ChatModel } from '../../core/discovery';
import { classify, type ProblemContext } from '../../core/errors/classify';
import { AnswerBudget } from '../../core/invoke/textInvocation';
import { redact, StreamRedactor } from '../../core/security';
import { config } from '../config';
import type { Ctx } from '../context';
import { resolveConnection } from '../services/connection';
import { workspaceEndpoint, workspaceEndpointConfirmed } from '../trust';
import { chatMessagesOf, chatToolsOf, countedOf } from './parts';

export const VENDOR = 'bedrock';

export interface BedrockChatInformation extends vscode.LanguageModelChatInformation {
  readonly model: ChatModel;
}

const UNTRUSTED =
  'Amazon Bedrock models need a trusted workspace: this workspace is in Restricted Mode, and a request would be signed with your AWS credentials. Trust the workspace (Manage Workspace Trust), then send the request again.';

/** At most this many token counts are remembered (Copilot counts every message of a conversation, often again). */
const COUNT_CACHE_SIZE = 500;

function informationOf(model: ChatModel): BedrockChatInformation {
  const features = [model.toolCalling ? 'tools' : undefined, model.imageInput ? 'images' : undefined]
    .filter(Boolean)
    .join(', ');
  return {
    id: model.id,
    name: model.name,
    family: model.family,
    version: model.version,
    detail: model.detail,
    tooltip: `${model.name} on Amazon Bedrock (${model.id})${features ? ` · ${features}` : ''}`,
    maxInputTokens: model.maxInputTokens,
    maxOutputTokens: model.maxOutputTokens,
    capabilities: { toolCalling: model.toolCalling, imageInput: model.imageInput },
    model,
  };
}

/** One message: the classified problem's message and what to do next, with any credential removed. */
export function errorMessageOf(error: unknown, context: ProblemContext): string {
  const problem = classify(error, context);
  return redact([problem.message, problem.hint].filter((s) => s && s.trim() !== '').join(' '));
}

export class BedrockChatProvider
  implements vscode.LanguageModelChatProvider<BedrockChatInformation>, vscode.Disposable
{
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeLanguageModelChatInformation = this.changed.event;
  /** VS Code asked for the models at least once: from then on a settings change is worth telling it about. */
  private asked = false;
  private pendingChange: ReturnType<typeof setTimeout> | undefined;
  /** Foundation models CountTokens refused: estimated from then on. */
  private readonly noCountTokens = new Set<string>();
  private readonly counts = new Map<string, number>();

  constructor(private readonly ctx: Ctx) {}

  dispose(): void {
    if (this.pendingChange) clearTimeout(this.pendingChange);
    this.changed.dispose();
  }

  /**
   * Tells VS Code the models may have changed (profile, region, endpoint, the chosen models, trust). Coalesced, and
   * only once VS Code has asked: a settings change alone never lists models for nobody.
   */
  refresh(): void {
    if (!this.asked) return;
    if (this.pendingChange) clearTimeout(this.pendingChange);
    this.pendingChange = setTimeout(() => {
      this.pendingChange = undefined;
      this.changed.fire();
    }, 300);
  }

  /** The connection to use without asking anything; undefined when a request could not be sent silently. */
  private silentConnection(): ConnectionSettings | undefined {
    if (!vscode.workspace.isTrusted) return undefined;
    if (workspaceEndpoint() && !workspaceEndpointConfirmed(this.ctx)) return undefined;
    return config.connection();
  }

  /** The chat models on offer now (the catalog cached by the model switcher, or listed now). */
  async models(): Promise<ChatModel[]> {
    const settings = this.silentConnection();
    if (!settings) return [];
    try {
      const catalog = await this.ctx.discovery.catalog(settings);
      return chosenChatModels(chatModelsOf(catalog), config.languageModels());
    } catch (error) {
      // Only a missing region throws here; Select Region (or the first request) sets one.
      this.ctx.log.warn(`Bedrock chat models: ${redact(String((error as Error).message ?? error))}`);
      return [];
    }
  }

  async provideLanguageModelChatInformation(): Promise<BedrockChatInformation[]> {
    this.asked = true;
    return (await this.models()).map(informationOf);
  }

  async provideLanguageModelChatResponse(
    model: BedrockChatInformation,
    messages: readonly vscode.LanguageModelChatRequestMessage[],
    options: vscode.ProvideLanguageModelChatResponseOptions,
    progress: vscode.Progress<vscode.LanguageModelResponsePart>,
    token: vscode.CancellationToken,
  ): Promise<void> {
    if (!vscode.workspace.isTrusted) throw new Error(UNTRUSTED);
    const connection = await resolveConnection(this.ctx);
    if (!connection)
      throw new Error(
        "Nothing was sent to Amazon Bedrock: no region was chosen, or the workspace's endpoint was not confirmed.",
      );
    if (token.isCancellationRequested) throw new vscode.CancellationError();
    const context: ProblemContext = {
      ...connection.resolved,
      modelId: model.id,
      proxy: config.proxy(),
      api: 'converse',
    };

    let input;
    try {
      input = converseInputOf({
        modelId: model.id,
        messages: chatMessagesOf(messages),
        tools: chatToolsOf(options.tools),
        toolMode: options.toolMode === vscode.LanguageModelChatToolMode.Required ? 'required' : 'auto',
        options: options.modelOptions,
      });
    } catch (error) {
      throw new Error(redact((error as Error).message));
    }

    const abort = new AbortController();
    const subscription = token.onCancellationRequested(() => abort.abort());
    this.ctx.running.add(abort);
    const limits = config.streamLimits();
    // As every other answer: redacted as the whole text would be, and stopped at the answer-size limit (leaving the
    // loop aborts the request; the text up to the limit has been reported).
    const answer = { redactor: new StreamRedactor(), budget: new AnswerBudget(limits.maxAnswerChars) };
    try {
      const { events } = await this.ctx.bedrock.converseStream(connection.settings, input, abort.signal, limits);
      for await (const event of events) {
        this.report(event, progress, answer);
        answer.budget.check();
      }
      const rest = answer.redactor.end();
      if (rest) progress.report(new vscode.LanguageModelTextPart(rest));
    } catch (error) {
      const rest = answer.redactor.end();
      if (rest) progress.report(new vscode.LanguageModelTextPart(rest));
      if (token.isCancellationRequested || abort.signal.aborted) throw new vscode.CancellationError();
      const message = errorMessageOf(error, context);
      this.ctx.log.warn(`Bedrock chat request to ${model.id} failed: ${message}`);
      throw new Error(message);
    } finally {
      this.ctx.running.delete(abort);
      subscription.dispose();
    }
    if (token.isCancellationRequested) throw new vscode.CancellationError();
  }

  private report(
    event: ConverseEvent,
    progress: vscode.Progress<vscode.LanguageModelResponsePart>,
    answer: { redactor: StreamRedactor; budget: AnswerBudget },
  ): void {
    switch (event.type) {
      case 'text': {
        const shown = event.text ? answer.redactor.push(answer.budget.take(event.text)) : '';
        if (shown) progress.report(new vscode.LanguageModelTextPart(shown));
        return;
      }
      case 'toolUse': {
        const { toolUseId, name, input, inputError } = event.toolUse;
        if (inputError) throw new Error(`The model called ${name} with an input that is not JSON. ${inputError}`);
        const object = input !== null && typeof input === 'object' && !Array.isArray(input) ? input : {};
        progress.report(new vscode.LanguageModelToolCallPart(toolUseId, name, object));
        return;
      }
      default:
        // Reasoning has no part in the stable API; usage and stop reasons have no place in the stream.
        return;
    }
  }

  async provideTokenCount(
    model: BedrockChatInformation,
    text: string | vscode.LanguageModelChatRequestMessage,
    token: vscode.CancellationToken,
  ): Promise<number> {
    const counted = countedOf(text);
    const settings = this.silentConnection();
    const foundation = model.model.foundationModelId;
    if (!settings || !model.model.countTokens || this.noCountTokens.has(foundation)) return estimateTokens(counted);
    const messages: ChatMessage[] =
      typeof counted === 'string' ? [{ role: 'user', parts: [{ kind: 'text', text: counted }] }] : counted;
    let input;
    try {
      input = converseInputOf({ modelId: foundation, messages });
    } catch {
      return estimateTokens(counted);
    }
    if (!input.messages?.length) return 0;
    const key = `${foundation}\n${JSON.stringify(input, (_k, v: unknown) => (v instanceof Uint8Array ? `bytes:${v.byteLength}` : v))}`;
    const cached = this.counts.get(key);
    if (cached !== undefined) return cached;
    const abort = new AbortController();
    const subscription = token.onCancellationRequested(() => abort.abort());
    try {
      // CountTokens takes the foundation model's ID, not an inference profile.
      const tokens = await this.ctx.bedrock.countTokens(
        settings,
        foundation,
        { converse: { messages: input.messages, system: input.system } },
        abort.signal,
      );
      if (this.counts.size >= COUNT_CACHE_SIZE) this.counts.delete(this.counts.keys().next().value as string);
      this.counts.set(key, tokens);
      return tokens;
    } catch (error) {
      if (token.isCancellationRequested) return estimateTokens(counted);
      const problem = classify(error, { modelId: foundation });
      // The model does not count (or the account may not): estimate from now on rather than ask every time.
      if (
        problem.kind === 'validation' ||
        problem.kind === 'accessDenied' ||
        problem.kind === 'modelNotFound' ||
        problem.kind === 'invalidModelId'
      )
        this.noCountTokens.add(foundation);
      return estimateTokens(counted);
    } finally {
      subscription.dispose();
    }
  }
}
