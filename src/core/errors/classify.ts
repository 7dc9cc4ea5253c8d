// Every error the SDK or our code can throw becomes one classified problem. This is the only place
// (with the credential predicates of core/bedrock it uses) that looks at error names and message texts;
// features act on `kind` and `fixes`.
import { isNoCredentialsError, isRegionMissingError, isSsoExpiredError, ssoLoginCommand } from '../bedrock/errors';

export type ProblemKind =
  | 'validation'
  | 'inputTooLong'
  | 'onDemandNotSupported'
  | 'invalidModelId'
  | 'modelNotFound'
  | 'modelAccessNotGranted'
  | 'accessDenied'
  | 'ssoExpired'
  | 'noCredentials'
  | 'invalidCredentials'
  | 'expiredCredentials'
  | 'noRegion'
  | 'throttling'
  | 'modelNotReady'
  | 'serviceUnavailable'
  | 'internalServer'
  | 'serviceQuotaExceeded'
  | 'modelTimeout'
  | 'modelError'
  | 'modelStreamError'
  | 'streamingUnsupported'
  | 'streamBroken'
  | 'network'
  | 'unknown';

export type FixId =
  | 'retry'
  | 'retryWithoutStreaming'
  | 'selectModel'
  | 'selectProfile'
  | 'selectRegion'
  | 'ssoLogin'
  | 'openAwsConfig'
  | 'openModelAccess'
  | 'openServiceQuotas'
  | 'openSettings'
  | 'copyPolicy';

export interface Problem {
  kind: ProblemKind;
  /** The service's or SDK's error name, e.g. `ThrottlingException`. */
  errorName: string;
  /** What went wrong, in plain words (includes the service's own message where it helps). */
  message: string;
  /** What to do next. */
  hint: string;
  fixes: FixId[];
  /** For errors whose retry happens in the background: whether a retry can help at all. */
  retryable: boolean;
}

export interface ProblemContext {
  profile?: string;
  /** The profile's sso-session, when it uses one: the login command names it. */
  ssoSession?: string;
  region?: string;
  endpoint?: string;
  modelId?: string;
}

interface ErrorLike {
  name?: unknown;
  message?: unknown;
  code?: unknown;
  originalStatusCode?: unknown;
  originalMessage?: unknown;
  $metadata?: { httpStatusCode?: number };
}

/** The SSO portal's answer to a cached token it no longer accepts (not a CredentialsProviderError). */
const SSO_PORTAL_REJECTED = /Session token not found or invalid/i;
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'ERR_HTTP2_STREAM_ERROR',
  'ERR_HTTP2_SESSION_ERROR',
  'ERR_HTTP2_GOAWAY_SESSION',
]);

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** Normalises curly apostrophes so the service's two spellings match one pattern. */
function plain(message: string): string {
  return message.replace(/[\u2018\u2019]/g, "'");
}

export function classify(error: unknown, context: ProblemContext = {}): Problem {
  const e = (typeof error === 'object' && error !== null ? error : { message: String(error) }) as ErrorLike;
  const name = text(e.name) || 'Error';
  const raw = text(e.message);
  const message = plain(raw);
  const profile = context.profile ?? 'default';
  const where = context.region ? ` in ${context.region}` : '';
  const make = (kind: ProblemKind, msg: string, hint: string, fixes: FixId[], retryable = false): Problem => ({
    kind,
    errorName: name,
    message: msg,
    hint,
    fixes,
    retryable,
  });

  if (isSsoExpiredError(error) || (name === 'UnauthorizedException' && SSO_PORTAL_REJECTED.test(message))) {
    const login = ssoLoginCommand({ profile, ssoSession: context.ssoSession });
    return make('ssoExpired', `The SSO session of profile "${profile}" has expired or is missing.`, `Sign in with: ${login}`, ['ssoLogin', 'selectProfile']);
  }
  if (isNoCredentialsError(error) || name === 'CredentialsProviderError' || name === 'TokenProviderError')
    return make('noCredentials', `No credentials found for profile "${profile}": ${raw}`, 'Pick another profile or add credentials to your AWS config.', ['selectProfile', 'openAwsConfig']);
  if (isRegionMissingError(error))
    return make('noRegion', `No region is set for profile "${profile}".`, 'Pick a region.', ['selectRegion']);

  switch (name) {
    case 'ValidationException':
      if (/on-demand throughput isn't supported/i.test(message))
        return make(
          'onDemandNotSupported',
          `${context.modelId ?? 'This model'} cannot be called directly${where}: it needs an inference profile.`,
          'Use an inference profile ID that contains this model (for example with a `us.`, `eu.` or `global.` prefix).',
          ['selectModel'],
        );
      if (/provided model identifier is invalid/i.test(message))
        return make('invalidModelId', `The model ID ${quote(context.modelId)}is not valid.`, 'Pick a model from the list or fix the ID.', ['selectModel']);
      if (/unsupported for streaming/i.test(message))
        return make('streamingUnsupported', 'This model does not support streaming.', 'Run it without streaming.', ['retryWithoutStreaming']);
      if (/input is too long|too many input tokens|prompt is too long/i.test(message))
        return make('inputTooLong', `The input is too long for this model: ${raw}`, 'Send less text, or pick a model with a larger context window.', []);
      return make('validation', `Bedrock rejected the request: ${raw}`, 'Fix the request body to match the model family\'s format.', []);
    case 'ResourceNotFoundException':
      return make('modelNotFound', `Model ${quote(context.modelId)}was not found${where}: ${raw}`, 'Check the model ID and region, or pick a model from the list.', ['selectModel', 'selectRegion']);
    case 'AccessDeniedException':
      if (/don't have access to the model/i.test(message))
        return make(
          'modelAccessNotGranted',
          `Your account has no access to ${context.modelId ?? 'this model'}${where}.`,
          'Request model access in the Bedrock console, or switch to a profile that has it.',
          ['openModelAccess', 'selectProfile'],
        );
      return make('accessDenied', `Access denied: ${raw}`, `Profile "${profile}" is not allowed to invoke this model. Grant bedrock:InvokeModel and bedrock:InvokeModelWithResponseStream, or switch profile.`, ['copyPolicy', 'selectProfile']);
    case 'ThrottlingException':
      return make('throttling', `Bedrock is throttling requests${where}: ${raw}`, 'Wait a moment and retry. A smaller max tokens value lowers the quota a request reserves.', ['retry'], true);
    case 'ModelNotReadyException':
      return make('modelNotReady', `The model is not ready yet: ${raw}`, 'Retry in a few seconds.', ['retry'], true);
    case 'ServiceUnavailableException':
      return make('serviceUnavailable', `Bedrock is unavailable${where}: ${raw}`, 'Retry in a moment.', ['retry'], true);
    case 'InternalServerException':
      return make('internalServer', `Bedrock had an internal error: ${raw}`, 'Retry; if it persists, try another region.', ['retry'], true);
    case 'ServiceQuotaExceededException':
      return make('serviceQuotaExceeded', `A service quota was exceeded${where}: ${raw}`, 'Check your Bedrock quotas in Service Quotas, or request an increase.', ['openServiceQuotas']);
    case 'ModelTimeoutException':
      return make('modelTimeout', `The model took too long to answer: ${raw}`, 'Retry with streaming on, or lower max tokens.', ['retry'], true);
    case 'ModelErrorException': {
      const status = typeof e.originalStatusCode === 'number' ? ` (model status ${e.originalStatusCode})` : '';
      return make('modelError', `The model failed${status}: ${raw}`, 'Check the request body; retry if the model had a transient problem.', ['retry'], true);
    }
    case 'ModelStreamErrorException': {
      const status = typeof e.originalStatusCode === 'number' ? ` (model status ${e.originalStatusCode})` : '';
      const original = text(e.originalMessage) ? `: ${text(e.originalMessage)}` : '';
      return make('modelStreamError', `The model failed while streaming${status}${original || `: ${raw}`}`, 'The partial answer is kept. Retry.', ['retry'], true);
    }
    case 'ModelStreamChunkError':
      return make('modelStreamError', `The model reported an error while streaming: ${raw}`, 'The partial answer is kept. Retry.', ['retry'], true);
    case 'ExpiredTokenException':
      return make('expiredCredentials', `The credentials of profile "${profile}" have expired.`, 'Refresh them (for SSO: aws sso login) and retry.', ['ssoLogin', 'selectProfile']);
    case 'UnrecognizedClientException':
    case 'InvalidSignatureException':
      return make('invalidCredentials', `Bedrock did not accept the credentials of profile "${profile}": ${raw}`, 'Check the keys in your AWS profile, or switch profile.', ['selectProfile', 'openAwsConfig']);
    case 'TimeoutError':
      return make('network', `No answer from ${context.endpoint ?? 'Bedrock'} in time: ${raw}`, 'Check your network and proxy settings, then retry.', ['retry', 'openSettings'], true);
  }
  if (/Truncated event message|message checksum|did not match the expected value/i.test(message))
    return make('streamBroken', `The response stream broke: ${raw}`, 'The partial answer is kept. Retry.', ['retry'], true);
  const code = text(e.code);
  if (NETWORK_CODES.has(code) || /ECONNREFUSED|ENOTFOUND|socket hang up|ECONNRESET/.test(message))
    return make('network', `Could not reach ${context.endpoint ?? `Bedrock${where}`}: ${raw}`, 'Check the endpoint, your network and proxy settings, then retry.', ['retry', 'openSettings'], true);
  const status = e.$metadata?.httpStatusCode;
  return make('unknown', `${name}${status ? ` (HTTP ${status})` : ''}: ${raw || 'unknown error'}`, 'Retry; if it persists, check the Bedrock output for details.', ['retry'], true);
}

function quote(modelId: string | undefined): string {
  return modelId ? `"${modelId}" ` : '';
}
