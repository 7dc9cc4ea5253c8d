// Typed access to the `bedrock.*` settings. Every feature reads settings through here, never by string.
import * as vscode from 'vscode';
import type { ConnectionSettings } from '../../core/bedrock/types';
import type { PromptInput } from '../../core/models/types';

export const SECTION = 'bedrock';

export type OutputTarget = 'outputChannel' | 'newDocument';

function section(scope?: vscode.ConfigurationScope): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration(SECTION, scope);
}

function optionalNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function trimmed(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

export const config = {
  modelId: (): string | undefined => trimmed(section().get('modelId')),
  connection: (): ConnectionSettings => ({
    profile: trimmed(section().get('profile')),
    region: trimmed(section().get('region')),
    endpoint: trimmed(section().get('endpoint')),
  }),
  /** The generation settings that become part of every built request body; unset ones stay undefined. */
  generation: (): Omit<PromptInput, 'prompt'> => ({
    system: trimmed(section().get('systemPrompt')),
    maxTokens: optionalNumber(section().get('maxTokens')),
    temperature: optionalNumber(section().get('temperature')),
    topP: optionalNumber(section().get('topP')),
  }),
  stream: (): boolean => section().get<boolean>('stream', true),
  showStatusBar: (): boolean => section().get<boolean>('showStatusBar', true),
  output: (): OutputTarget => (section().get('output') === 'newDocument' ? 'newDocument' : 'outputChannel'),
  /** Where request files save generated images, relative to the request file. */
  imageOutputFolder: (): string => trimmed(section().get('imageOutputFolder')) ?? 'bedrock-output',
  /** The command the diagnostics' "Sign in" fix runs in a terminal; `${profile}` and `${ssoSession}` are filled in. */
  // User settings only: a command the extension runs must not come from a workspace someone else wrote.
  ssoLoginCommand: (): string | undefined => trimmed(section().inspect('ssoLoginCommand')?.globalValue),

  /**
   * Writes a setting where the user keeps it: in the workspace when the workspace already sets it,
   * else in user settings.
   */
  async update(key: string, value: unknown): Promise<void> {
    const inspected = section().inspect(key);
    const target =
      inspected?.workspaceValue !== undefined ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
    await section().update(key, value, target);
  },

  onDidChange(listener: (e: vscode.ConfigurationChangeEvent) => void): vscode.Disposable {
    return vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(SECTION)) listener(e);
    });
  },
};
