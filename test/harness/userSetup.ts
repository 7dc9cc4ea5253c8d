// What a user of the extension would have set up: AWS profiles pointing at the emulator, VS Code user settings, and a
// folder to work in. All of it is written into a sandbox (see sandbox.ts), never into the real home.
import * as fs from 'fs';
import * as path from 'path';
import { fixtureWorkspace } from './paths';
import type { Sandbox } from './sandbox';
import { SESSION_CREDENTIAL } from './secrets';

export interface EmulatorKeys {
  accessKeyId: string;
  secretAccessKey: string;
}

/** A profile with a session token (SESSION_CREDENTIAL), us-east-1. */
export const SESSION_PROFILE = 'emulator-session';

/** An assume-role profile: STS (the emulator, through AWS_ENDPOINT_URL_STS) gives it a role with `emulator`'s keys. */
export const ROLE_PROFILE = 'emulator-role';
export const ROLE_ARN = 'arn:aws:iam::123456789012:role/BedrockInvoke';

/** Profile `emulator` (us-east-1) and `emulator-west` (us-west-2), both with the emulator's keys. */
export const PROFILES = { emulator: 'us-east-1', 'emulator-west': 'us-west-2' } as const;

export function writeAwsProfiles(home: string, keys: EmulatorKeys): void {
  const dir = path.join(home, '.aws');
  fs.mkdirSync(dir, { recursive: true });
  const config = Object.entries(PROFILES).map(([name, region]) => `[profile ${name}]\nregion = ${region}\n`);
  const credentials = Object.keys(PROFILES).map(
    (name) => `[${name}]\naws_access_key_id = ${keys.accessKeyId}\naws_secret_access_key = ${keys.secretAccessKey}\n`,
  );
  // Temporary credentials, as SSO and assume-role profiles yield them: the secret scan looks for this token too.
  config.push(`[profile ${SESSION_PROFILE}]\nregion = us-east-1\n`);
  credentials.push(
    `[${SESSION_PROFILE}]\naws_access_key_id = ${SESSION_CREDENTIAL.accessKeyId}\n` +
      `aws_secret_access_key = ${SESSION_CREDENTIAL.secretAccessKey}\naws_session_token = ${SESSION_CREDENTIAL.sessionToken}\n`,
  );
  config.push(`[profile ${ROLE_PROFILE}]\nregion = eu-central-1\nrole_arn = ${ROLE_ARN}\nsource_profile = emulator\n`);
  fs.writeFileSync(path.join(dir, 'config'), config.join('\n'));
  fs.writeFileSync(path.join(dir, 'credentials'), credentials.join('\n'), { mode: 0o600 });
}

/** Settings that keep the workbench quiet and offline, plus the extension's settings for the emulator. */
export function userSettings(emulatorUrl: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    'chat.disableAIFeatures': true,
    'workbench.startupEditor': 'none',
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'extensions.ignoreRecommendations': true,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'security.workspace.trust.enabled': false,
    'git.enabled': false,
    'bedrock.endpoint': emulatorUrl,
    'bedrock.profile': 'emulator',
    'bedrock.region': '',
    ...extra,
  };
}

export function writeUserSettings(userDataDir: string, settings: Record<string, unknown>): void {
  const dir = path.join(userDataDir, 'User');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'settings.json'), JSON.stringify(settings, null, 2));
}

export function copyWorkspace(sandbox: Sandbox): string {
  fs.cpSync(fixtureWorkspace, sandbox.workspace, { recursive: true });
  return sandbox.workspace;
}
