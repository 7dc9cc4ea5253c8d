// VS Code's chat messages and tools in the editor-neutral form core/converse turns into a ConverseStream request.
import * as vscode from 'vscode';
import type { ChatMessage, ChatPart, ChatRole, ChatTool } from '../../core/converse';

type ResultContent = Extract<ChatPart, { kind: 'toolResult' }>['content'][number];

function roleOf(role: vscode.LanguageModelChatMessageRole): ChatRole {
  if (role === vscode.LanguageModelChatMessageRole.User) return 'user';
  if (role === vscode.LanguageModelChatMessageRole.Assistant) return 'assistant';
  // The System role (3) is still a proposed API; its text becomes Converse's system prompt.
  return 'system';
}

function resultContentOf(item: unknown): ResultContent[] {
  if (item instanceof vscode.LanguageModelTextPart) return [{ kind: 'text', text: item.value }];
  if (item instanceof vscode.LanguageModelDataPart) return [{ kind: 'data', mimeType: item.mimeType, data: item.data }];
  if (item instanceof vscode.LanguageModelPromptTsxPart) return [{ kind: 'text', text: JSON.stringify(item.value) }];
  if (typeof item === 'string') return [{ kind: 'text', text: item }];
  return item === undefined || item === null ? [] : [{ kind: 'text', text: JSON.stringify(item) }];
}

function partOf(part: unknown): ChatPart[] {
  if (part instanceof vscode.LanguageModelTextPart) return [{ kind: 'text', text: part.value }];
  if (part instanceof vscode.LanguageModelDataPart) return [{ kind: 'data', mimeType: part.mimeType, data: part.data }];
  if (part instanceof vscode.LanguageModelToolCallPart)
    return [{ kind: 'toolCall', callId: part.callId, name: part.name, input: part.input }];
  if (part instanceof vscode.LanguageModelToolResultPart) {
    return [{ kind: 'toolResult', callId: part.callId, content: part.content.flatMap(resultContentOf) }];
  }
  // Parts of proposed APIs (thinking, ...) carry nothing Converse can replay.
  return [];
}

export function chatMessagesOf(messages: readonly vscode.LanguageModelChatRequestMessage[]): ChatMessage[] {
  return messages.map((m) => ({ role: roleOf(m.role), parts: m.content.flatMap(partOf) }));
}

export function chatToolsOf(tools: readonly vscode.LanguageModelChatTool[] | undefined): ChatTool[] {
  return (tools ?? []).map((t) => ({ name: t.name, description: t.description, inputSchema: t.inputSchema }));
}

/** The text, or the message's parts, of a provideTokenCount call. */
export function countedOf(text: string | vscode.LanguageModelChatRequestMessage): string | ChatMessage[] {
  return typeof text === 'string' ? text : chatMessagesOf([text]);
}
