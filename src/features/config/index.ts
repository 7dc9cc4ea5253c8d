// Typed access to the `bedrock.*` settings. Every feature reads and writes settings through here, by a key of the
// table in ./keys, never by string.
import * as vscode from 'vscode';
import { proxyFromEnv } from '../../core/errors/classify';
import type { StreamLimits } from '../../core/bedrock/streamGuard';
import type { ConnectionSettings } from '../../core/bedrock/types';
import type { PromptInput } from '../../core/models/types';
import { DEFAULT_MAX_FILE_VARIABLE_BYTES } from '../../core/security/files';
import { SECTION, settingId, type SettingKey } from './keys';

export { SECTION, SETTING_KEYS, settingId, type SettingKey } from './keys';

export type OutputTarget = 'outputChannel' | 'newDocument';

function section(scope?: vscode.ConfigurationScope): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration(SECTION, scope);
}

function get(key: SettingKey): unknown {
  return section().get(key);
}

function optionalNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function positive(value: unknown): number | undefined {
  const n = optionalNumber(value);
  return n !== undefined && n > 0 ? n : undefined;
}

function trimmed(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

export const config = {
  modelId: (): string | undefined => trimmed(get('modelId')),
  connection: (): ConnectionSettings => ({
    profile: trimmed(get('profile')),
    region: trimmed(get('region')),
    endpoint: trimmed(get('endpoint')),
  }),
  /** The generation settings that become part of every built request body; unset ones stay undefined. */
  generation: (): Omit<PromptInput, 'prompt'> => ({
    system: trimmed(get('systemPrompt')),
    maxTokens: optionalNumber(get('maxTokens')),
    temperature: optionalNumber(get('temperature')),
    topP: optionalNumber(get('topP')),
  }),
  stream: (): boolean => section().get<boolean>('stream', true),
  /** Which API Invoke Model on Selection calls: InvokeModel with the family's body, or Converse for every model. */
  api: (): 'invokeModel' | 'converse' => (get('api') === 'converse' ? 'converse' : 'invokeModel'),
  /** How many requests a test run sends at once. */
  testConcurrency: (): number => {
    const value = optionalNumber(get('testConcurrency'));
    return value !== undefined && value >= 1 ? Math.min(64, Math.floor(value)) : 4;
  },
  showStatusBar: (): boolean => section().get<boolean>('showStatusBar', true),
  output: (): OutputTarget => (get('output') === 'newDocument' ? 'newDocument' : 'outputChannel'),
  /** Where request files save generated images, relative to the request file. */
  imageOutputFolder: (): string => trimmed(get('imageOutputFolder')) ?? 'bedrock-output',
  /** True when the image folder in effect is the user's own choice (user settings, not the workspace's nor the default). */
  imageOutputFolderChosenByUser: (): boolean => {
    const inspected = section().inspect<string>('imageOutputFolder');
    return (
      trimmed(inspected?.workspaceFolderValue ?? inspected?.workspaceValue) === undefined &&
      trimmed(inspected?.globalValue) !== undefined
    );
  },
  /** The `${file:...}` size limit: the user's value (or the default); a workspace value may only lower it. */
  maxFileVariableBytes: (): number => {
    const inspected = section().inspect<number>('maxFileVariableBytes');
    const valid = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) && v >= 1 ? Math.floor(v) : undefined);
    const user = valid(inspected?.globalValue) ?? DEFAULT_MAX_FILE_VARIABLE_BYTES;
    const workspace = valid(inspected?.workspaceFolderValue ?? inspected?.workspaceValue);
    return workspace !== undefined ? Math.min(user, workspace) : user;
  },
  /** The command the diagnostics' "Sign in" fix runs in a terminal; `${profile}` and `${ssoSession}` are filled in. */
  // User settings only: a command the extension runs must not come from a workspace someone else wrote.
  ssoLoginCommand: (): string | undefined => trimmed(section().inspect('ssoLoginCommand')?.globalValue),
  /** The same for the "Sign in (aws login)" fix of `login_session` profiles; `${profile}` is filled in. User settings only. */
  awsLoginCommand: (): string | undefined => trimmed(section().inspect('awsLoginCommand')?.globalValue),
  /** Names `${env:NAME}` may read although they look like secrets. User settings only, like ssoLoginCommand. */
  allowedEnvironmentVariables: (): readonly string[] =>
    section().inspect<string[]>('allowedEnvironmentVariables')?.globalValue ?? [],
  /** The answer-size limit (MiB of text) and the stream idle timeout (seconds), as the core takes them. */
  streamLimits: (): StreamLimits => ({
    maxAnswerChars: Math.round((positive(get('maxAnswerSizeMiB')) ?? 32) * 1024 * 1024),
    idleTimeoutMs: Math.round((positive(get('streamIdleTimeoutSeconds')) ?? 60) * 1000),
  }),
  /** The model IDs offered to VS Code's chat (`[]`: every text model that streams). */
  languageModels: (): string[] => {
    const value = get('languageModels.models');
    return Array.isArray(value)
      ? value.filter((v): v is string => typeof v === 'string' && v.trim() !== '').map((v) => v.trim())
      : [];
  },
  /** The endpoint the workspace or folder settings set (not the user's own), for the trust checks. */
  workspaceEndpoint: (): string | undefined => {
    const inspected = section().inspect<string>('endpoint');
    return trimmed(inspected?.workspaceFolderValue ?? inspected?.workspaceValue);
  },
  /** The proxy VS Code is told to use (`http.proxy`), which network errors name. */
  /** The proxy requests go through, for network errors to name: VS Code's http.proxy, else the environment's. */
  proxy: (): string | undefined =>
    trimmed(vscode.workspace.getConfiguration('http').get('proxy')) || proxyFromEnv(process.env),

  /**
   * Writes a setting where the user keeps it: in the workspace when the workspace already sets it,
   * else in user settings.
   */
  async update(key: SettingKey, value: unknown): Promise<void> {
    const inspected = section().inspect(key);
    const target =
      inspected?.workspaceValue !== undefined
        ? vscode.ConfigurationTarget.Workspace
        : vscode.ConfigurationTarget.Global;
    await section().update(key, value, target);
  },

  /** Calls the listener after any `bedrock.*` setting changed, with a test for the keys it cares about. */
  onDidChange(listener: (affects: (...keys: SettingKey[]) => boolean) => void): vscode.Disposable {
    return vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(SECTION))
        listener((...keys) => keys.some((key) => e.affectsConfiguration(settingId(key))));
    });
  },
};
