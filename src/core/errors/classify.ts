// Every error the SDK or our code can throw becomes one classified problem. This is the only place
// (with the credential predicates of core/bedrock it uses) that looks at error names and message texts;
// features act on `kind`, `fixes`, `jsonPath` and `violations`.
import {
  awsLoginCommand,
  isAwsLoginExpiredError,
  isNoCredentialsError,
  isRegionMissingError,
  isSsoExpiredError,
  ssoLoginCommand,
} from '../bedrock/errors';
import { MAX_TOKEN_KEYS } from './bodyFixes';
import { parseViolations, type Violation } from './violations';
import { redact } from '../security/redact';

export type ProblemKind =
  | 'validation'
  | 'inputTooLong'
  | 'onDemandNotSupported'
  | 'invalidModelId'
  | 'modelNotFound'
  | 'modelAccessNotGranted'
  | 'accessDenied'
  | 'assumeRoleFailed'
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
  | 'streamStalled'
  | 'answerTooLarge'
  | 'network'
  | 'guardrailIntervened'
  /** Converse: the model takes no system prompt / tool use / documents / images (its capabilities, not the request's shape). */
  | 'systemUnsupported'
  | 'toolsUnsupported'
  | 'documentsUnsupported'
  | 'imagesUnsupported'
  | 'unknown';

export type FixId =
  | 'retry'
  | 'retryWithoutStreaming'
  | 'selectModel'
  | 'selectProfile'
  | 'selectRegion'
  | 'ssoLogin'
  /** `aws login --profile X` (a `login_session` profile) in a terminal, then the request again. */
  | 'awsLogin'
  | 'openAwsConfig'
  | 'openModelAccess'
  | 'openServiceQuotas'
  | 'openSettings'
  | 'copyPolicy'
  /** Body edits for schema violations (which ones apply is per violation). */
  | 'insertKey'
  | 'removeKey'
  | 'renameKey'
  /** Replace the model ID with an inference profile that contains the model (from ListInferenceProfiles). */
  | 'useInferenceProfile'
  /** Replace the model ID with the closest available one. */
  | 'didYouMean'
  | 'retryWithStreaming'
  | 'lowerMaxTokens'
  /** Converse: the model rejects a system prompt; put its text at the start of the first user turn. */
  | 'moveSystemToUser'
  /** Converse: pick a model that supports what the request uses (tool use, documents, images, system prompts). */
  | 'pickCapableModel';

export type ProblemSeverity = 'error' | 'warning' | 'information';

/** A path inside a request object: ['modelId'], ['body', 'messages', 1], ['stream']. */
export type RequestPath = (string | number)[];

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
  /** How loudly to show it; errors unless said otherwise (a guardrail intervention is information). */
  severity?: ProblemSeverity;
  /** The part of the request it concerns, relative to the request object; undefined: the request as a whole. */
  jsonPath?: RequestPath;
  /** Every schema violation Bedrock listed, each with its own body path (ValidationException only). */
  violations?: Violation[];
  /** What it was classified with (profile, region, model...), so a fix can act on the same connection and model. */
  context?: ProblemContext;
  /** ModelErrorException / ModelStreamErrorException: the model's own status code and message. */
  originalStatusCode?: number;
  originalMessage?: string;
  /** The environment variable that signs requests instead of the chosen profile, when one does. */
  environmentVariable?: string;
  /** Streams that broke: how much of the answer arrived (it is kept). Set by the runner, not by classify. */
  partial?: { chunks: number; characters: number };
}

export interface ProblemContext {
  profile?: string;
  /** The profile's sso-session, when it uses one: the login command names it. */
  ssoSession?: string;
  region?: string;
  endpoint?: string;
  modelId?: string;
  /** The model family that built or reads the body: quick fixes use its spelling of keys. */
  family?: string;
  /** What signs the requests (ResolvedConnection.credentialSource): environment variables can override the profile. */
  credentialSource?: 'profile' | 'environmentKeys' | 'bearerToken' | 'apiKey';
  /** The proxy requests go through, when one is configured (HTTPS_PROXY...), for network errors. */
  proxy?: string;
  /** Which API was called: Converse's errors name request members (`messages.2.content.0`), InvokeModel's the body. */
  api?: 'invokeModel' | 'converse';
}

const OVERRIDE_VARIABLES = { environmentKeys: 'AWS_ACCESS_KEY_ID', bearerToken: 'AWS_BEARER_TOKEN_BEDROCK' } as const;
/** Kinds whose cause may be credentials other than the profile's. */
const CREDENTIAL_KINDS = new Set<ProblemKind>([
  'accessDenied',
  'modelAccessNotGranted',
  'invalidCredentials',
  'expiredCredentials',
  'noCredentials',
]);
/** Kinds about the model ID: shown on the request's `modelId`. */
const MODEL_KINDS = new Set<ProblemKind>([
  'onDemandNotSupported',
  'invalidModelId',
  'modelNotFound',
  'modelAccessNotGranted',
  'accessDenied',
]);

/** The proxy a Node process would be told to use by its environment (the SDK ignores it unless configured). */
export function proxyFromEnv(env: Record<string, string | undefined>): string | undefined {
  return env.HTTPS_PROXY || env.https_proxy || env.HTTP_PROXY || env.http_proxy || undefined;
}

function endpointOf(context: ProblemContext): string {
  return context.endpoint ?? (context.region ? `https://bedrock-runtime.${context.region}.amazonaws.com` : 'Bedrock');
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

function classifyError(error: unknown, context: ProblemContext): Problem {
  const e = (typeof error === 'object' && error !== null ? error : { message: String(error) }) as ErrorLike;
  const name = text(e.name) || 'Error';
  const raw = text(e.message);
  const message = plain(raw);
  const profile = context.profile ?? 'default';
  const where = context.region ? ` in ${context.region}` : '';
  const via = context.proxy ? ` through proxy ${redactUrl(context.proxy)}` : ' (no proxy)';
  const make = (kind: ProblemKind, msg: string, hint: string, fixes: FixId[], retryable = false): Problem => ({
    kind,
    errorName: name,
    // Service and SDK messages can quote request headers: nothing shown may carry a credential.
    message: redact(msg),
    hint: redact(hint),
    fixes,
    retryable,
  });

  if (isSsoExpiredError(error) || (name === 'UnauthorizedException' && SSO_PORTAL_REJECTED.test(message))) {
    const login = ssoLoginCommand({ profile, ssoSession: context.ssoSession });
    return make(
      'ssoExpired',
      `The SSO session of profile "${profile}" has expired or is missing.`,
      `Sign in with: ${login}`,
      ['ssoLogin', 'selectProfile'],
    );
  }
  if (isAwsLoginExpiredError(error))
    return make(
      'expiredCredentials',
      `The sign-in session of profile "${profile}" has expired.`,
      `Sign in again with: ${awsLoginCommand(profile)}`,
      ['awsLogin', 'selectProfile', 'openAwsConfig'],
    );
  if (isNoCredentialsError(error) || name === 'CredentialsProviderError' || name === 'TokenProviderError')
    return make(
      'noCredentials',
      `No credentials found for profile "${profile}": ${raw}`,
      'Pick another profile or add credentials to your AWS config.',
      ['selectProfile', 'openAwsConfig'],
    );
  if (isRegionMissingError(error))
    return make('noRegion', `No region is set for profile "${profile}".`, 'Pick a region.', ['selectRegion']);

  switch (name) {
    case 'ValidationException':
      if (/on-demand throughput isn't supported/i.test(message))
        return make(
          'onDemandNotSupported',
          `${context.modelId ?? 'This model'} cannot be called directly${where}: it needs an inference profile.`,
          'Use an inference profile ID that contains this model (for example with a `us.`, `eu.` or `global.` prefix).',
          ['useInferenceProfile', 'selectModel'],
        );
      if (/provided model identifier is invalid/i.test(message))
        return make(
          'invalidModelId',
          `The model ID ${quote(context.modelId)}is not valid.`,
          'Pick a model from the list or fix the ID.',
          ['selectModel', 'didYouMean'],
        );
      if (/unsupported for streaming/i.test(message))
        return {
          ...make('streamingUnsupported', 'This model does not support streaming.', 'Run it without streaming.', [
            'retryWithoutStreaming',
          ]),
          jsonPath: ['stream'],
        };
      if (context.api === 'converse') {
        const converse = converseValidation(message, make);
        if (converse) return converse;
      }
      if (/input is too long|too many input tokens|prompt is too long/i.test(message))
        return {
          ...make(
            'inputTooLong',
            `The input is too long for this model: ${raw}`,
            'Send less text, or pick a model with a larger context window.',
            [],
          ),
          jsonPath: ['body'],
        };
      return validationProblem(raw, make);
    case 'ResourceNotFoundException':
      return make(
        'modelNotFound',
        `Model ${quote(context.modelId)}was not found${where}: ${raw}`,
        'Check the model ID and region, or pick a model from the list.',
        ['selectModel', 'didYouMean', 'selectRegion'],
      );
    case 'AccessDeniedException':
      if (/don't have access to the model/i.test(message))
        return make(
          'modelAccessNotGranted',
          `Your account has no access to ${context.modelId ?? 'this model'}${where}.`,
          'Request model access in the Bedrock console, or switch to a profile that has it.',
          ['openModelAccess', 'selectProfile'],
        );
      return make(
        'accessDenied',
        `Access denied: ${raw}`,
        `Profile "${profile}" is not allowed to invoke this model. Grant bedrock:InvokeModel and bedrock:InvokeModelWithResponseStream, or switch profile.`,
        ['copyPolicy', 'selectProfile'],
      );
    case 'ThrottlingException':
      return make(
        'throttling',
        `Bedrock is throttling requests${where}: ${raw}`,
        'Wait a moment and retry. A smaller max_tokens lowers the quota a request reserves.',
        ['retry', 'lowerMaxTokens'],
        true,
      );
    case 'ModelNotReadyException':
      return make('modelNotReady', `The model is not ready yet: ${raw}`, 'Retry in a few seconds.', ['retry'], true);
    case 'ServiceUnavailableException':
      return make(
        'serviceUnavailable',
        `Bedrock is unavailable${where}: ${raw}`,
        'Retry in a moment.',
        ['retry'],
        true,
      );
    case 'InternalServerException':
      return make(
        'internalServer',
        `Bedrock had an internal error: ${raw}`,
        'Retry; if it persists, try another region.',
        ['retry'],
        true,
      );
    case 'ServiceQuotaExceededException':
      return make(
        'serviceQuotaExceeded',
        `A service quota was exceeded${where}: ${raw}`,
        'Check your Bedrock quotas in Service Quotas, or request an increase.',
        ['openServiceQuotas'],
      );
    case 'ModelTimeoutException':
      return make(
        'modelTimeout',
        `The model took too long to answer: ${raw}`,
        'Retry with streaming on, or lower max_tokens.',
        ['retryWithStreaming', 'lowerMaxTokens', 'retry'],
        true,
      );
    case 'ModelErrorException': {
      const status = typeof e.originalStatusCode === 'number' ? ` (model status ${e.originalStatusCode})` : '';
      const original =
        text(e.originalMessage) && text(e.originalMessage) !== raw ? ` The model said: ${text(e.originalMessage)}` : '';
      return {
        ...make(
          'modelError',
          `The model failed${status}: ${raw}${original}`,
          'Check the request body; retry if the model had a transient problem.',
          ['retry'],
          true,
        ),
        ...originals(e),
      };
    }
    case 'ModelStreamErrorException': {
      const status = typeof e.originalStatusCode === 'number' ? ` (model status ${e.originalStatusCode})` : '';
      const original = text(e.originalMessage) ? `: ${text(e.originalMessage)}` : '';
      return {
        ...make(
          'modelStreamError',
          `The model failed while streaming${status}${original || `: ${raw}`}`,
          'The partial answer is kept. Retry.',
          ['retry'],
          true,
        ),
        ...originals(e),
      };
    }
    case 'ModelStreamChunkError':
      return make(
        'modelStreamError',
        `The model reported an error while streaming: ${raw}`,
        'The partial answer is kept. Retry.',
        ['retry'],
        true,
      );
    case 'ExpiredTokenException':
      return make(
        'expiredCredentials',
        `The credentials of profile "${profile}" have expired.`,
        'Refresh them (for SSO: aws sso login) and retry.',
        ['ssoLogin', 'selectProfile'],
      );
    case 'UnrecognizedClientException':
    case 'MissingAuthenticationTokenException':
    case 'InvalidSignatureException':
      return make(
        'invalidCredentials',
        `Bedrock did not accept the credentials of profile "${profile}": ${raw}`,
        'Check the keys in your AWS profile, or switch profile.',
        ['selectProfile', 'openAwsConfig'],
      );
    // STS's own error codes: the profile is an assume-role profile and taking on its role failed, before any call to
    // Bedrock. Bedrock never answers with these names (its errors end in "Exception").
    case 'RegionDisabledException':
      return make(
        'assumeRoleFailed',
        `Profile "${profile}" could not assume its role: ${raw}`,
        'STS is not active in that region for the account: an administrator can activate it in the IAM console (Account settings), or set a region where it is.',
        ['openAwsConfig', 'selectProfile'],
      );
    case 'AccessDenied':
      return make(
        'assumeRoleFailed',
        `Profile "${profile}" could not assume its role: ${raw}`,
        "The role's trust policy must let the source profile's identity call sts:AssumeRole; check role_arn and source_profile in your AWS config, or switch profile.",
        ['openAwsConfig', 'selectProfile'],
      );
    case 'InvalidClientTokenId':
    case 'SignatureDoesNotMatch':
      return make(
        'invalidCredentials',
        `STS did not accept the source credentials of profile "${profile}" when assuming its role: ${raw}`,
        'Check the keys of its source_profile, or switch profile.',
        ['openAwsConfig', 'selectProfile'],
      );
    case 'ExpiredToken':
      return make(
        'expiredCredentials',
        `The source credentials of profile "${profile}" have expired, so it could not assume its role.`,
        'Refresh them (for SSO: aws sso login) and retry.',
        ['ssoLogin', 'selectProfile'],
      );
    // Ours (core/bedrock/streamGuard.ts): their messages already say what happened and how far the stream got.
    case 'StreamBrokenError':
      return make(
        'streamBroken',
        raw,
        'The partial answer is kept. Retry; if it happens again, something between you and Bedrock (a proxy, the endpoint in bedrock.endpoint) is corrupting the stream.',
        ['retry', 'openSettings'],
        true,
      );
    case 'StreamStalledError':
      return make(
        'streamStalled',
        raw,
        'The partial answer is kept. Retry; if the model needs longer between bytes, raise the setting bedrock.streamIdleTimeoutSeconds.',
        ['retry', 'openSettings'],
        true,
      );
    case 'AnswerTooLargeError':
      return make(
        'answerTooLarge',
        raw,
        'The answer up to the limit is kept. Ask for a shorter answer (a lower max_tokens), or raise the setting bedrock.maxAnswerSizeMiB.',
        ['lowerMaxTokens', 'openSettings'],
      );
    case 'TimeoutError':
      return make(
        'network',
        `No answer from ${endpointOf(context)}${via} in time: ${raw}`,
        'Check your network and proxy settings, then retry.',
        ['retry', 'openSettings'],
        true,
      );
  }
  if (/Truncated event message|message checksum|did not match the expected value/i.test(message))
    return make(
      'streamBroken',
      `The response stream broke: ${raw}`,
      'The partial answer is kept. Retry.',
      ['retry'],
      true,
    );
  const code = text(e.code);
  if (NETWORK_CODES.has(code) || /ECONNREFUSED|ENOTFOUND|socket hang up|ECONNRESET/.test(message))
    return make(
      'network',
      `Could not reach ${endpointOf(context)}${via}: ${raw}`,
      'Check the endpoint (setting bedrock.endpoint), your network and proxy settings, then retry.',
      ['retry', 'openSettings'],
      true,
    );
  const status = e.$metadata?.httpStatusCode;
  return make(
    'unknown',
    `${name}${status ? ` (HTTP ${status})` : ''}: ${raw || 'unknown error'}`,
    'Retry; if it persists, check the Bedrock output for details.',
    ['retry'],
    true,
  );
}

/**
 * The one classifier: any thrown error -> kind, plain message, what to do, the JSON path it concerns and the
 * fixes that apply.
 */
export function classify(error: unknown, context: ProblemContext = {}): Problem {
  const problem = classifyError(error, context);
  problem.context = context;
  if (MODEL_KINDS.has(problem.kind)) problem.jsonPath = ['modelId'];
  if (context.credentialSource === 'apiKey' && CREDENTIAL_KINDS.has(problem.kind)) {
    problem.message += ` Note: requests${context.region ? ` to ${context.region}` : ''} are signed with the Bedrock API key stored in VS Code, not with profile "${context.profile ?? 'default'}".`;
    problem.hint +=
      ' Store a valid key with "Bedrock: Set API Key", or remove it with "Bedrock: Clear API Key" to use the profile.';
    return problem;
  }
  const variable =
    context.credentialSource && context.credentialSource !== 'profile' && context.credentialSource !== 'apiKey'
      ? OVERRIDE_VARIABLES[context.credentialSource]
      : undefined;
  if (variable && CREDENTIAL_KINDS.has(problem.kind)) {
    problem.environmentVariable = variable;
    problem.message += ` Note: ${variable} is set in the environment, so requests are signed with it, not with profile "${context.profile ?? 'default'}".`;
    problem.hint += ` Unset ${variable} where VS Code is started to use the profile.`;
  }
  return problem;
}

function validationProblem(
  raw: string,
  make: (kind: ProblemKind, msg: string, hint: string, fixes: FixId[]) => Problem,
): Problem {
  // Each violation's text is shown on its own (the Problems panel): redacted like the message.
  const violations = parseViolations(raw).map((v) => ({ ...v, message: redact(v.message), text: redact(v.text) }));
  if (violations.length) {
    const fixes = new Set<FixId>();
    for (const v of violations) {
      if (v.kind === 'missingKey') fixes.add('insertKey');
      if (v.kind === 'extraneousKey') fixes.add('removeKey').add('renameKey');
    }
    const count = violations.length === 1 ? 'a schema violation' : `${violations.length} schema violations`;
    const problem = make(
      'validation',
      `Bedrock rejected the request body (${count}): ${violations.map((v) => v.message).join(' ')}`,
      "Fix the body to match the model family's format.",
      [...fixes],
    );
    problem.violations = violations;
    problem.jsonPath = ['body', ...violations[0].path];
    return problem;
  }
  const problem = make(
    'validation',
    `Bedrock rejected the request: ${raw}`,
    "Fix the request body to match the model family's format.",
    [],
  );
  // Model-side checks passed through name the body field first: `max_tokens: 100000 > 64000, ...`, `messages: roles ...`.
  const field = /^([A-Za-z_][\w]*)(?:\.[\w.]+)?: /.exec(raw)?.[1];
  if (field) {
    problem.jsonPath = ['body', field];
    if (MAX_TOKEN_KEYS.includes(field)) problem.fixes = ['lowerMaxTokens'];
  } else if (/^Malformed input request/i.test(raw)) {
    problem.jsonPath = ['body'];
  }
  return problem;
}

/** A Converse member path in Bedrock's words, `messages.2.content.0.image.source`, as a request path. */
export function conversePathOf(message: string): RequestPath | undefined {
  const match =
    /\b((?:messages|system|toolConfig|inferenceConfig|outputConfig|guardrailConfig|promptVariables|additionalModelResponseFieldPaths)(?:\.[A-Za-z0-9_]+)*)/.exec(
      message,
    );
  if (!match) return undefined;
  return match[1].split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

type Make = (kind: ProblemKind, msg: string, hint: string, fixes: FixId[]) => Problem;

/**
 * Converse's own validation messages (the model's capabilities, the conversation's rules), each with the request
 * member it concerns; a block the model cannot read (image, document) is found in the request by core/converse.
 */
function converseValidation(message: string, make: Make): Problem | undefined {
  if (/doesn't support system messages/i.test(message)) {
    return {
      ...make(
        'systemUnsupported',
        `This model does not take a system prompt: ${message}`,
        'Move the system prompt into the first user message, or pick a model that supports system prompts.',
        ['moveSystemToUser', 'pickCapableModel'],
      ),
      jsonPath: ['system'],
    };
  }
  if (/doesn't support tool use in streaming mode/i.test(message)) {
    return {
      ...make(
        'toolsUnsupported',
        `This model takes tools only without streaming: ${message}`,
        'Run it without streaming, or pick a model that supports tool use while streaming.',
        ['retryWithoutStreaming', 'pickCapableModel'],
      ),
      jsonPath: ['toolConfig'],
    };
  }
  if (/doesn't support tool use/i.test(message)) {
    return {
      ...make(
        'toolsUnsupported',
        `This model does not support tool use: ${message}`,
        'Pick a model that supports tool use, or remove toolConfig.',
        ['pickCapableModel'],
      ),
      jsonPath: ['toolConfig'],
    };
  }
  if (/doesn't support the document content block/i.test(message)) {
    return {
      ...make(
        'documentsUnsupported',
        `This model does not read documents: ${message}`,
        'Pick a model that supports document blocks, or remove the document.',
        ['pickCapableModel'],
      ),
      jsonPath: ['messages', '*', 'content', '*', 'document'],
    };
  }
  if (/doesn't support the image content block/i.test(message)) {
    return {
      ...make(
        'imagesUnsupported',
        `This model does not read images: ${message}`,
        'Pick a model that supports image blocks, or remove the image.',
        ['pickCapableModel'],
      ),
      jsonPath: ['messages', '*', 'content', '*', 'image'],
    };
  }
  if (/toolConfig field must be defined/i.test(message)) {
    return {
      ...make(
        'validation',
        `Bedrock rejected the conversation: ${message}`,
        'Add the toolConfig with the tools the conversation uses.',
        [],
      ),
      jsonPath: ['messages', '*', 'content', '*', 'toolUse|toolResult'],
    };
  }
  if (/did not allow prompt caching/i.test(message)) {
    return {
      ...make(
        'validation',
        `This model does not take cache points: ${message}`,
        'Remove the cachePoint blocks, or pick a model that supports prompt caching.',
        [],
      ),
      jsonPath: ['messages', '*', 'content', '*', 'cachePoint'],
    };
  }
  const path = conversePathOf(message);
  if (/must start with a user message/i.test(message))
    return {
      ...make('validation', `Bedrock rejected the conversation: ${message}`, 'Make messages[0] a user message.', []),
      jsonPath: ['messages', 0],
    };
  if (/must alternate between user and assistant/i.test(message))
    return {
      ...make(
        'validation',
        `Bedrock rejected the conversation: ${message}`,
        'Make user and assistant messages take turns.',
        [],
      ),
      jsonPath: ['messages'],
    };
  if (path)
    return {
      ...make('validation', `Bedrock rejected the request: ${message}`, 'Fix the member it names and run again.', []),
      jsonPath: path,
    };
  return undefined;
}

function originals(e: ErrorLike): Pick<Problem, 'originalStatusCode' | 'originalMessage'> {
  const out: Pick<Problem, 'originalStatusCode' | 'originalMessage'> = {};
  if (typeof e.originalStatusCode === 'number') out.originalStatusCode = e.originalStatusCode;
  if (text(e.originalMessage)) out.originalMessage = text(e.originalMessage);
  return out;
}

/** A proxy URL without its user name and password. */
function redactUrl(url: string): string {
  return url.replace(/\/\/[^@/]*@/, '//');
}

function quote(modelId: string | undefined): string {
  return modelId ? `"${modelId}" ` : '';
}
