// Who signs a client's requests. Everything is decided from the env given to BedrockClients (never read from
// process.env behind its back) and passed to the client explicitly, so the SDK's own env lookups for the
// bearer token and the env keys cannot disagree with what environmentOverrides() reports.
import type { BedrockRuntimeClientConfig } from '@aws-sdk/client-bedrock-runtime';
import type { ResolvedConnection } from './types';
import { type ConfigFiles, type Env, explicitProfile, fileOptions, type ProfileInfo } from './profile';
import type { Sdk } from './sdk';

export const BEARER_TOKEN_VARIABLE = 'AWS_BEARER_TOKEN_BEDROCK';

/**
 * Why a string cannot be a Bedrock API key, or undefined when it looks like one: long-term keys start with `ABSK`,
 * short-term ones with `bedrock-api-key-` (https://docs.aws.amazon.com/bedrock/latest/userguide/api-keys-how.html).
 */
export function apiKeyFormatProblem(key: string): string | undefined {
  if (!key) return 'Enter the key.';
  if (/\s/.test(key)) return 'A Bedrock API key has no spaces or line breaks.';
  if (!/^(ABSK[A-Za-z0-9+/=]{20,}|bedrock-api-key-[A-Za-z0-9+/=%._-]{20,})$/.test(key))
    return 'A Bedrock API key starts with "ABSK" (long-term) or "bedrock-api-key-" (short-term).';
  return undefined;
}

export type CredentialSource = NonNullable<ResolvedConnection['credentialSource']>;

export type AuthConfig = Pick<BedrockRuntimeClientConfig, 'credentials' | 'token' | 'authSchemePreference'>;

/**
 * Who signs: a Bedrock API key the user stored for the region (Bedrock: Set API Key) before anything else, since it
 * was chosen in the editor on purpose; then what the SDK itself would prefer.
 */
export function credentialSource(settingsProfile: string | undefined, env: Env, storedKey?: string): CredentialSource {
  if (storedKey) return 'apiKey';
  if (env[BEARER_TOKEN_VARIABLE]) return 'bearerToken';
  if (!explicitProfile(settingsProfile, env) && env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY)
    return 'environmentKeys';
  return 'profile';
}

export function authConfig(
  sdk: Sdk,
  settingsProfile: string | undefined,
  profile: string,
  info: Pick<ProfileInfo, 'authSchemePreference' | 'ssoOnly'>,
  files: ConfigFiles,
  env: Env,
  storedKey?: string,
): AuthConfig {
  const source = credentialSource(settingsProfile, env, storedKey);
  if (source === 'apiKey' && storedKey) {
    // A Bedrock API key is a bearer token (docs/bedrock-protocol.md §1.6), whichever variable or store it came from.
    return { token: { token: storedKey }, authSchemePreference: ['httpBearerAuth'], credentials: profileCredentials() };
  }
  const bearerToken = env[BEARER_TOKEN_VARIABLE];
  if (source === 'bearerToken' && bearerToken) {
    // What the SDK does on its own when the variable is in process.env (docs/bedrock-protocol.md §1.6), made explicit.
    return {
      token: { token: bearerToken },
      authSchemePreference: ['httpBearerAuth'],
      credentials: profileCredentials(),
    };
  }
  // Explicit, so a bearer token in process.env cannot take over when the given env has none.
  const authSchemePreference = commaList(env.AWS_AUTH_SCHEME_PREFERENCE ?? info.authSchemePreference);
  if (source === 'environmentKeys') {
    // The default chain's first link (fromEnv), fed from the given env instead of process.env.
    const expiration = env.AWS_CREDENTIAL_EXPIRATION ? new Date(env.AWS_CREDENTIAL_EXPIRATION) : undefined;
    const validExpiration = expiration && !Number.isNaN(expiration.getTime()) ? expiration : undefined;
    return {
      authSchemePreference,
      credentials: {
        accessKeyId: env.AWS_ACCESS_KEY_ID as string,
        secretAccessKey: env.AWS_SECRET_ACCESS_KEY as string,
        ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}),
        ...(validExpiration ? { expiration: validExpiration } : {}),
      },
    };
  }
  return { authSchemePreference, credentials: profileCredentials() };

  function profileCredentials(): AuthConfig['credentials'] {
    // No clientConfig.region: the SSO and STS clients must use the profile's sso_region / their own default
    // (docs/bedrock-protocol.md §6.1). ignoreCache so a retry after `aws sso login` or an edited config reads the files again.
    const init = { profile, ...fileOptions(files, env), ignoreCache: true };
    // fromIni hands SSO profiles to fromSSO without the file locations (credential-provider-ini's
    // resolveSsoCredentials), which breaks a custom config file; so SSO profiles go to fromSSO directly.
    if (info.ssoOnly) return sdk.providers.fromSSO(init);
    // A chosen profile resolves through fromIni alone, so a missing or broken one fails with its own message
    // instead of falling through to instance metadata; the implicit default keeps the SDK's whole chain.
    return explicitProfile(settingsProfile, env)
      ? sdk.providers.fromIni(init)
      : sdk.providers.fromNodeProviderChain(init);
  }
}

function commaList(value: string | undefined): string[] {
  return (
    value
      ?.split(',')
      .map((s) => s.trim())
      .filter(Boolean) ?? []
  );
}
