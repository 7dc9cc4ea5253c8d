// The AWS profiles a user can pick, read from the shared config and credentials files with the SDK's own ini loader
// (the same parsing the credential providers do: `[profile x]` sections, `~/` paths, AWS_CONFIG_FILE and
// AWS_SHARED_CREDENTIALS_FILE). The loader comes from the lazily loaded SDK bundle.
import { type ConfigFiles, type Env, fileOptions } from '../bedrock/profile';
import { loadConfigModules } from '../bedrock/sdk';
import { profileKind, type ProfileKind } from './kind';

export { PROFILE_KIND_LABELS, profileKind, type ProfileKind, type ProfileSection } from './kind';

export interface AwsProfile {
  name: string;
  kind: ProfileKind;
  /** The profile's own region (credentials file first, as the SDK's region lookup does). */
  region?: string;
  /** Which file(s) define it. */
  files: ('config' | 'credentials')[];
  ssoSession?: string;
}

/** Section keys of the config file that are not profiles (`[sso-session x]`, `[services x]`). */
const NON_PROFILE_SECTION = /^(sso-session|services)\./;

/** Every profile in both files, `default` first, then by name. */
export async function listProfiles(files: ConfigFiles = {}, env: Env = process.env): Promise<AwsProfile[]> {
  const config = await loadConfigModules();
  // ignoreCache: the user may have edited the files since the last read (e.g. added a profile to pick now).
  const { configFile, credentialsFile } = await config.loadSharedConfigFiles({
    ...fileOptions(files, env),
    ignoreCache: true,
  });
  const names = new Set([
    ...Object.keys(configFile).filter((n) => !NON_PROFILE_SECTION.test(n)),
    ...Object.keys(credentialsFile),
  ]);
  const profiles: AwsProfile[] = [];
  for (const name of names) {
    const fromConfig = configFile[name];
    const fromCredentials = credentialsFile[name];
    // fromIni merges the two files per profile with the credentials file winning (parseKnownFiles).
    const merged = { ...fromConfig, ...fromCredentials };
    const profile: AwsProfile = {
      name,
      kind: profileKind(merged),
      files: [...(fromConfig ? ['config' as const] : []), ...(fromCredentials ? ['credentials' as const] : [])],
    };
    const region = fromCredentials?.region || fromConfig?.region;
    if (region) profile.region = region;
    if (merged.sso_session) profile.ssoSession = merged.sso_session;
    profiles.push(profile);
  }
  return profiles.sort((a, b) => (a.name === 'default' ? -1 : b.name === 'default' ? 1 : a.name.localeCompare(b.name)));
}
