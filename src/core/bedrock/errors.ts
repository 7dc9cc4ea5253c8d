// Predicates over the errors a Bedrock call can end with. The SDK's own errors are rethrown untouched (their
// name, $metadata and $fault are what the classifier needs); these helpers only recognise them.

/** No region in the settings, the profile or the environment: the UI should offer to pick one. */
export class RegionMissingError extends Error {
  override readonly name = 'RegionMissingError';
  constructor(readonly profile: string) {
    super(`No AWS region is set for profile "${profile}". Pick a region.`);
  }
}

// The providers' SSO phrasings (docs/bedrock-protocol.md §3.5): "run 'aws sso login'" (sso-session profiles, quoted),
// "run aws sso login" (legacy profiles, unquoted), a missing field "in SSO Token", and the portal's 401.
const SSO_MESSAGE = /run '?aws sso login'?|SSO Token|SSO session|Session token not found or invalid/i;
const NO_CREDENTIALS_MESSAGE = /^Could not (resolve|load) credentials/;

function errorName(err: unknown): string | undefined {
  return err instanceof Error ? err.name : undefined;
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : '';
}

function isCredentialsProviderError(err: unknown): err is Error & { tryNextLink?: boolean } {
  return errorName(err) === 'CredentialsProviderError';
}

/** The profile's SSO session is expired, missing or rejected: `aws sso login` fixes it. */
export function isSsoExpiredError(err: unknown): boolean {
  return isCredentialsProviderError(err) && SSO_MESSAGE.test(errorMessage(err));
}

// The login provider's phrasings (@aws-sdk/credential-provider-login): "re-authenticate using aws login" (also with
// backticks) when the session lapsed and could not be refreshed, and "Failed to load token from <cache file>" when
// `aws login` has not been run for the session (no file in ~/.aws/login/cache).
const AWS_LOGIN_MESSAGE = /re-authenticate using `?aws login`?|^Failed to load token from .*login[\\/]cache[\\/]/;

/** A `login_session` profile (`aws login`) whose session has lapsed or never started: `aws login` fixes it. */
export function isAwsLoginExpiredError(err: unknown): boolean {
  return isCredentialsProviderError(err) && AWS_LOGIN_MESSAGE.test(errorMessage(err));
}

/** The profile (or the default chain) has no usable credentials at all. */
export function isNoCredentialsError(err: unknown): boolean {
  return isCredentialsProviderError(err) && NO_CREDENTIALS_MESSAGE.test(errorMessage(err));
}

/** Ours, or the SDK's plain `Error("Region is missing")` should a region ever be left to the SDK. */
export function isRegionMissingError(err: unknown): boolean {
  return (
    err instanceof RegionMissingError || (errorName(err) === 'Error' && /^Region is missing/.test(errorMessage(err)))
  );
}

export function abortError(): Error {
  const err = new Error('Request aborted');
  err.name = 'AbortError';
  return err;
}

/** The command that renews a `login_session` profile's session. */
export function awsLoginCommand(profile: string): string {
  return `aws login --profile ${shellWord(profile)}`;
}

/** The command that renews the SSO token: per sso-session when the profile uses one, else per profile. */
export function ssoLoginCommand(connection: { profile: string; ssoSession?: string }): string {
  return connection.ssoSession
    ? `aws sso login --sso-session ${shellWord(connection.ssoSession)}`
    : `aws sso login --profile ${shellWord(connection.profile)}`;
}

function shellWord(word: string): string {
  return /^[\w.@%+=:,/-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
