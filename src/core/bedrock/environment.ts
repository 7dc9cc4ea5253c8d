// Environment variables that silently take precedence over the profile the user picked. The SDK's behaviour is
// kept (the variables still win); this only makes it visible. Messages name variables, never their values.
import { BEARER_TOKEN_VARIABLE, credentialSource } from './auth';
import { type Env, explicitProfile } from './profile';
import type { ConnectionSettings, EnvironmentOverride } from './types';

export function environmentOverrides(settings: ConnectionSettings, env: Env): EnvironmentOverride[] {
  const profile = explicitProfile(settings.profile, env) ?? 'default';
  switch (credentialSource(settings.profile, env)) {
    case 'bearerToken':
      return [
        {
          variable: BEARER_TOKEN_VARIABLE,
          message: `${BEARER_TOKEN_VARIABLE} is set: requests use that Bedrock API key, not the credentials of profile "${profile}". Unset it to use the profile.`,
        },
      ];
    case 'environmentKeys':
      return [
        {
          variable: 'AWS_ACCESS_KEY_ID',
          message: `AWS_ACCESS_KEY_ID is set and no profile is chosen: requests use the access key from the environment, not profile "default". Choose a profile to use it instead.`,
        },
      ];
    default:
      return [];
  }
}
