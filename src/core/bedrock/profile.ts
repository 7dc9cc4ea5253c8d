// What the extension needs from the user's shared AWS config files, read with the SDK's own loader so that
// ~/ paths, `[profile x]` sections and `sso-session` sections behave exactly as the credential providers see them.
import type { ConfigModules } from './sdk';

export type Env = Readonly<Record<string, string | undefined>>;

export interface ConfigFiles {
  /** Shared credentials file; undefined: AWS_SHARED_CREDENTIALS_FILE, then ~/.aws/credentials. */
  credentialsFile?: string;
  /** Shared config file; undefined: AWS_CONFIG_FILE, then ~/.aws/config. */
  configFile?: string;
}

export interface ProfileInfo {
  region?: string;
  ssoSession?: string;
  authSchemePreference?: string;
  /** Credentials come from IAM Identity Center alone (not assume-role, keys, web identity or a process). */
  ssoOnly: boolean;
}

/** The explicit profile: settings first, then AWS_PROFILE. Undefined means "nobody chose one". */
export function explicitProfile(settingsProfile: string | undefined, env: Env): string | undefined {
  return settingsProfile?.trim() || env.AWS_PROFILE || undefined;
}

/** File locations as the providers' `filepath`/`configFilepath` options, taking AWS_* file variables from env. */
export function fileOptions(files: ConfigFiles, env: Env): { filepath?: string; configFilepath?: string } {
  return {
    filepath: files.credentialsFile ?? env.AWS_SHARED_CREDENTIALS_FILE,
    configFilepath: files.configFile ?? env.AWS_CONFIG_FILE,
  };
}

export async function readProfile(
  config: ConfigModules,
  profile: string,
  files: ConfigFiles,
  env: Env,
): Promise<ProfileInfo> {
  // ignoreCache: the loader otherwise keeps the first read of each file for the life of the process, and the
  // user may add a region or a profile while VS Code runs.
  const { configFile, credentialsFile } = await config.loadSharedConfigFiles({
    ...fileOptions(files, env),
    ignoreCache: true,
  });
  const fromConfig = configFile[profile] ?? {};
  const fromCredentials = credentialsFile[profile] ?? {};
  // The SDK's region lookup prefers the credentials file (NODE_REGION_CONFIG_FILE_OPTIONS); other keys the config file.
  const region = config.NODE_REGION_CONFIG_OPTIONS.configFileSelector(
    { ...fromConfig, ...fromCredentials },
    credentialsFile,
  );
  const merged = { ...fromCredentials, ...fromConfig };
  return {
    region: region || undefined,
    ssoSession: merged.sso_session || undefined,
    authSchemePreference: merged.auth_scheme_preference || undefined,
    ssoOnly: isSsoOnly({ ...fromConfig, ...fromCredentials }),
  };
}

// The precedence of fromIni's resolveProfileData: assume-role, static keys, web identity and credential_process
// all win over SSO fields.
function isSsoOnly(profile: Record<string, string | undefined>): boolean {
  if (profile.role_arn || profile.aws_access_key_id || profile.web_identity_token_file || profile.credential_process)
    return false;
  return Boolean(
    profile.sso_session ||
    profile.sso_start_url ||
    profile.sso_account_id ||
    profile.sso_region ||
    profile.sso_role_name,
  );
}
