/**
 * STS AssumeRole, enough for assume-role profiles (role_arn + source_profile) to work against the emulator: the SDK's
 * credential provider calls it (awsQuery protocol: a form-encoded POST to "/", an XML answer), and the temporary keys
 * it hands out are then accepted for Bedrock calls. Point STS here with AWS_ENDPOINT_URL_STS or a config file's
 * `services` section.
 */
import { randomBytes } from 'node:crypto';
import type { Authenticator } from './auth';
import { BedrockError } from './errors';
import type { Exchange } from './exchange';

const NAMESPACE = 'https://sts.amazonaws.com/doc/2011-06-15/';
const ROLE_ARN = /^arn:aws[a-z-]*:iam::(\d{12}):role\/((?:[\w+=,.@-]+\/)*)([\w+=,.@-]{1,64})$/;
const SESSION_NAME = /^[\w+=,.@-]{2,64}$/;

/** The AWS query API's answer to the Bedrock-style errors the authenticator raises. */
const AUTH_ERRORS: Record<string, string> = {
  UnrecognizedClientException: 'InvalidClientTokenId',
  InvalidSignatureException: 'SignatureDoesNotMatch',
  ExpiredTokenException: 'ExpiredToken',
  MissingAuthenticationTokenException: 'MissingAuthenticationToken',
  IncompleteSignatureException: 'IncompleteSignature',
};

/** An STS request: a form-encoded POST to "/" (what the SDK's STS client sends). */
export function isStsRequest(method: string, path: string, contentType: string): boolean {
  return method === 'POST' && path === '/' && contentType.startsWith('application/x-www-form-urlencoded');
}

export function stsOperation(body: Buffer): string {
  return new URLSearchParams(body.toString('utf8')).get('Action') ?? 'Unknown';
}

export async function handleSts(ex: Exchange, auth: Authenticator, rawUrl: string): Promise<void> {
  try {
    await auth.verify({ method: ex.req.method ?? 'POST', rawUrl, headers: ex.req.headers, body: ex.body }, 'sts');
    const params = new URLSearchParams(ex.body.toString('utf8'));
    if (params.get('Action') !== 'AssumeRole')
      throw stsError(
        'InvalidAction',
        400,
        `Could not find operation ${params.get('Action') ?? ''} for version 2011-06-15`,
      );
    assumeRole(ex, auth, params);
  } catch (e) {
    if (!(e instanceof BedrockError)) throw e;
    const code = AUTH_ERRORS[e.errorType] ?? e.errorType;
    sendXml(ex, e.status, errorXml(code, e.message, ex.requestId), code, e.message);
  }
}

function assumeRole(ex: Exchange, auth: Authenticator, params: URLSearchParams): void {
  const roleArn = params.get('RoleArn') ?? '';
  const sessionName = params.get('RoleSessionName') ?? '';
  const duration = Number(params.get('DurationSeconds') ?? 3600);
  const role = ROLE_ARN.exec(roleArn);
  if (!role) throw stsError('ValidationError', 400, `${roleArn || 'RoleArn'} is invalid`);
  if (!SESSION_NAME.test(sessionName)) {
    throw stsError(
      'ValidationError',
      400,
      `1 validation error detected: Value '${sessionName}' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*`,
    );
  }
  if (!Number.isInteger(duration) || duration < 900 || duration > 43200) {
    throw stsError(
      'ValidationError',
      400,
      `1 validation error detected: Value '${duration}' at 'durationSeconds' failed to satisfy constraint: Member must have value between 900 and 43200`,
    );
  }
  const credential = {
    accessKeyId: `ASIA${randomBytes(8).toString('hex').toUpperCase()}`,
    secretAccessKey: randomBytes(30).toString('base64'),
    sessionToken: randomBytes(96).toString('base64'),
  };
  auth.add(credential);
  const [, account, rolePath, roleName] = role;
  // A role whose trust policy does not name the caller: any role named "...NoTrust", so tests can reach that failure.
  if (roleName.endsWith('NoTrust')) {
    throw stsError(
      'AccessDenied',
      403,
      `User: arn:aws:iam::${account}:user/emulator is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`,
    );
  }
  const expiration = new Date(Date.now() + duration * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const roleId = `AROA${randomBytes(8).toString('hex').toUpperCase()}`;
  const body =
    `<AssumeRoleResponse xmlns="${NAMESPACE}">\n  <AssumeRoleResult>\n` +
    `    <AssumedRoleUser>\n      <AssumedRoleId>${roleId}:${escapeXml(sessionName)}</AssumedRoleId>\n` +
    `      <Arn>arn:aws:sts::${account}:assumed-role/${escapeXml(rolePath)}${escapeXml(roleName)}/${escapeXml(sessionName)}</Arn>\n    </AssumedRoleUser>\n` +
    `    <Credentials>\n      <AccessKeyId>${credential.accessKeyId}</AccessKeyId>\n      <SecretAccessKey>${credential.secretAccessKey}</SecretAccessKey>\n` +
    `      <SessionToken>${credential.sessionToken}</SessionToken>\n      <Expiration>${expiration}</Expiration>\n    </Credentials>\n` +
    `  </AssumeRoleResult>\n  <ResponseMetadata>\n    <RequestId>${ex.requestId}</RequestId>\n  </ResponseMetadata>\n</AssumeRoleResponse>\n`;
  sendXml(ex, 200, body);
}

function stsError(code: string, status: number, message: string): BedrockError {
  return new BedrockError(code, status, message);
}

function errorXml(code: string, message: string, requestId: string): string {
  const type = code === 'InternalFailure' ? 'Receiver' : 'Sender';
  return (
    `<ErrorResponse xmlns="${NAMESPACE}">\n  <Error>\n    <Type>${type}</Type>\n    <Code>${code}</Code>\n` +
    `    <Message>${escapeXml(message)}</Message>\n  </Error>\n  <RequestId>${requestId}</RequestId>\n</ErrorResponse>\n`
  );
}

function sendXml(ex: Exchange, status: number, body: string, errorType?: string, errorMessage?: string): void {
  if (errorType) {
    ex.record.errorType = errorType;
    ex.record.errorMessage = errorMessage;
  }
  if (ex.closed) return;
  ex.writeHead(status, { 'content-type': 'text/xml', 'content-length': String(Buffer.byteLength(body)) });
  ex.finish(body);
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
