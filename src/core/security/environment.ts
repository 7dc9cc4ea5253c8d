// Which environment variables a request file may read with ${env:NAME}. A repository is untrusted input: a request
// file must not be able to copy the user's secrets into a request body that travels to a model (or an endpoint).

/** AWS variables that hold or point to credentials. */
const AWS_CREDENTIAL_VARIABLES = new Set([
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_SECURITY_TOKEN',
  'AWS_BEARER_TOKEN_BEDROCK',
  'AWS_WEB_IDENTITY_TOKEN_FILE',
  'AWS_CONTAINER_AUTHORIZATION_TOKEN',
  'AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE',
  'AWS_CONTAINER_CREDENTIALS_FULL_URI',
  'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
]);

const SECRET_LOOKING = /SECRET|TOKEN|PASSWORD|PASSWD|KEY|CREDENTIAL|PRIVATE/i;

export interface EnvironmentVerdict {
  allowed: boolean;
  /** Why not, and how to allow it. */
  message?: string;
}

/**
 * May `${env:NAME}` read this variable? Secret-looking names and every AWS credential variable are refused unless
 * the user allowed the exact name in user settings (`bedrock.allowedEnvironmentVariables`).
 */
export function checkEnvironmentVariable(name: string, allowedByUser: readonly string[]): EnvironmentVerdict {
  if (allowedByUser.includes(name)) return { allowed: true };
  const awsCredential = AWS_CREDENTIAL_VARIABLES.has(name.toUpperCase()) || /^AWS_.*(KEY|TOKEN|SECRET|CREDENTIAL)/i.test(name);
  if (!awsCredential && !SECRET_LOOKING.test(name)) return { allowed: true };
  return {
    allowed: false,
    message:
      `\${env:${name}} is refused: ${awsCredential ? 'it is an AWS credential variable' : 'its name looks like a secret'}, and a request file ` +
      `must not copy secrets into a request. If you want to allow it, add "${name}" to the user setting ` +
      `bedrock.allowedEnvironmentVariables (workspace settings cannot allow it).`,
  };
}
