// Every `bedrock.*` setting key, in one table (no vscode import: the unit test `test/unit/features/names.test.ts`
// checks it against the settings package.json contributes). features/config reads and writes only these keys.

export const SECTION = 'bedrock';

export const SETTING_KEYS = [
  'modelId',
  'profile',
  'region',
  'endpoint',
  'stream',
  'api',
  'output',
  'systemPrompt',
  'maxTokens',
  'temperature',
  'topP',
  'showStatusBar',
  'imageOutputFolder',
  'ssoLoginCommand',
  'awsLoginCommand',
  'allowedEnvironmentVariables',
  'maxFileVariableBytes',
  'maxAnswerSizeMiB',
  'streamIdleTimeoutSeconds',
  'testConcurrency',
  'languageModels.models',
] as const;

export type SettingKey = (typeof SETTING_KEYS)[number];

/** The full key (`bedrock.modelId`) of a setting, for affectsConfiguration and the Settings editor's search. */
export function settingId(key: SettingKey): `bedrock.${SettingKey}` {
  return `${SECTION}.${key}`;
}
