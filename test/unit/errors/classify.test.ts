import * as assert from 'node:assert/strict';
import { classify, type ProblemKind } from '../../../src/core/errors/classify';

/** An error shaped like the SDK's service exceptions: a name, a message, $metadata. */
function serviceError(name: string, message: string, extra: Record<string, unknown> = {}): Error {
  return Object.assign(new Error(message), { name, $fault: 'client', $metadata: { httpStatusCode: 400 }, ...extra });
}

describe('classify', () => {
  const cases: Array<[string, Error, ProblemKind]> = [
    ['on-demand throughput, curly apostrophe', serviceError('ValidationException', 'Invocation of model ID anthropic.claude-sonnet-4-20250514-v1:0 with on-demand throughput isn’t supported. Retry your request with the ID or ARN of an inference profile that contains this model.'), 'onDemandNotSupported'],
    ['on-demand throughput, straight apostrophe', serviceError('ValidationException', "Invocation of model ID x with on-demand throughput isn't supported. Retry your request with the ID or ARN of an inference profile that contains this model."), 'onDemandNotSupported'],
    ['invalid identifier', serviceError('ValidationException', 'The provided model identifier is invalid.'), 'invalidModelId'],
    ['streaming unsupported', serviceError('ValidationException', 'The model is unsupported for streaming'), 'streamingUnsupported'],
    ['input too long', serviceError('ValidationException', 'Input is too long for requested model.'), 'inputTooLong'],
    ['schema violation', serviceError('ValidationException', 'Malformed input request: #: required key [max_tokens] not found, please reformat your input and try again.'), 'validation'],
    ['unknown model', serviceError('ResourceNotFoundException', 'Model not found.'), 'modelNotFound'],
    ['model access not granted', serviceError('AccessDeniedException', "You don't have access to the model with the specified model ID."), 'modelAccessNotGranted'],
    ['model access not granted, curly', serviceError('AccessDeniedException', 'You don’t have access to the model with the specified model ID.'), 'modelAccessNotGranted'],
    ['IAM denial', serviceError('AccessDeniedException', 'User: arn:aws:iam::123456789012:user/dev is not authorized to perform: bedrock:InvokeModel on resource: arn:aws:bedrock:us-east-1::foundation-model/x'), 'accessDenied'],
    ['throttling', serviceError('ThrottlingException', 'Too many requests, please wait before trying again.'), 'throttling'],
    ['model not ready', serviceError('ModelNotReadyException', 'Model is not ready'), 'modelNotReady'],
    ['service unavailable', serviceError('ServiceUnavailableException', 'Service unavailable'), 'serviceUnavailable'],
    ['internal server', serviceError('InternalServerException', 'Internal server error'), 'internalServer'],
    ['quota', serviceError('ServiceQuotaExceededException', 'quota exceeded'), 'serviceQuotaExceeded'],
    ['model timeout', serviceError('ModelTimeoutException', 'timed out'), 'modelTimeout'],
    ['model error', serviceError('ModelErrorException', 'bad', { originalStatusCode: 500 }), 'modelError'],
    ['model stream error', serviceError('ModelStreamErrorException', 'Model stream error', { originalStatusCode: 500, originalMessage: 'upstream' }), 'modelStreamError'],
    ['expired token', serviceError('ExpiredTokenException', 'The security token included in the request is expired'), 'expiredCredentials'],
    ['unrecognized client', serviceError('UnrecognizedClientException', 'The security token included in the request is invalid.'), 'invalidCredentials'],
    ['bad signature', serviceError('InvalidSignatureException', 'The request signature we calculated does not match the signature you provided.'), 'invalidCredentials'],
    ['SSO quoted phrasing', serviceError('CredentialsProviderError', "Token is expired. To refresh this SSO session run 'aws sso login' with the corresponding profile."), 'ssoExpired'],
    ['SSO unquoted phrasing', serviceError('CredentialsProviderError', 'The SSO session associated with this profile has expired. To refresh this SSO session run aws sso login with the corresponding profile.'), 'ssoExpired'],
    ['SSO portal rejects token', serviceError('UnauthorizedException', 'Session token not found or invalid'), 'ssoExpired'],
    ['no credentials for profile', serviceError('CredentialsProviderError', 'Could not resolve credentials using profile: [nope] in configuration/credentials file(s).'), 'noCredentials'],
    ['region missing', new Error('Region is missing'), 'noRegion'],
    ['truncated stream', new Error('Truncated event message received.'), 'streamBroken'],
    ['bad checksum', new Error('The message checksum (1) did not match the expected value of 2'), 'streamBroken'],
    ['connection refused', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }), 'network'],
    ['unknown host', Object.assign(new Error('getaddrinfo ENOTFOUND nowhere.invalid'), { code: 'ENOTFOUND' }), 'network'],
    ['timeout', serviceError('TimeoutError', 'Stream timed out because of no activity for 500 ms'), 'network'],
  ];
  for (const [what, error, kind] of cases) {
    it(`classifies ${what} as ${kind}`, () => {
      assert.equal(classify(error).kind, kind);
    });
  }

  it('names the profile in the sso login hint', () => {
    const problem = classify(serviceError('CredentialsProviderError', "run 'aws sso login'"), { profile: 'dev-sso' });
    assert.match(problem.hint, /aws sso login --profile dev-sso/);
    assert.ok(problem.fixes.includes('ssoLogin'));
  });

  it('offers retry without streaming when streaming is unsupported', () => {
    assert.deepEqual(classify(serviceError('ValidationException', 'The model is unsupported for streaming')).fixes, ['retryWithoutStreaming']);
  });

  it('shows the model status code of a ModelErrorException', () => {
    assert.match(classify(serviceError('ModelErrorException', 'bad', { originalStatusCode: 424 })).message, /status 424/);
  });

  it('marks throttling retryable and validation not', () => {
    assert.equal(classify(serviceError('ThrottlingException', 'x')).retryable, true);
    assert.equal(classify(serviceError('ValidationException', 'x')).retryable, false);
  });

  it('names the endpoint for network failures', () => {
    const problem = classify(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }), { endpoint: 'http://127.0.0.1:9' });
    assert.match(problem.message, /http:\/\/127\.0\.0\.1:9/);
  });

  it('keeps unknown errors readable', () => {
    const problem = classify('something odd');
    assert.equal(problem.kind, 'unknown');
    assert.match(problem.message, /something odd/);
  });
});
