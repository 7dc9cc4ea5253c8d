import * as assert from 'node:assert/strict';
import { classify, type ProblemKind } from '../../../src/core/errors/classify';

/** An error shaped like the SDK's service exceptions: a name, a message, $metadata. */
function serviceError(name: string, message: string, extra: Record<string, unknown> = {}): Error {
  return Object.assign(new Error(message), { name, $fault: 'client', $metadata: { httpStatusCode: 400 }, ...extra });
}

describe('classify', () => {
  const cases: Array<[string, Error, ProblemKind]> = [
    [
      'on-demand throughput, curly apostrophe',
      serviceError(
        'ValidationException',
        'Invocation of model ID anthropic.claude-sonnet-4-20250514-v1:0 with on-demand throughput isn’t supported. Retry your request with the ID or ARN of an inference profile that contains this model.',
      ),
      'onDemandNotSupported',
    ],
    [
      'on-demand throughput, straight apostrophe',
      serviceError(
        'ValidationException',
        "Invocation of model ID x with on-demand throughput isn't supported. Retry your request with the ID or ARN of an inference profile that contains this model.",
      ),
      'onDemandNotSupported',
    ],
    [
      'invalid identifier',
      serviceError('ValidationException', 'The provided model identifier is invalid.'),
      'invalidModelId',
    ],
    [
      'streaming unsupported',
      serviceError('ValidationException', 'The model is unsupported for streaming'),
      'streamingUnsupported',
    ],
    ['input too long', serviceError('ValidationException', 'Input is too long for requested model.'), 'inputTooLong'],
    [
      'schema violation',
      serviceError(
        'ValidationException',
        'Malformed input request: #: required key [max_tokens] not found, please reformat your input and try again.',
      ),
      'validation',
    ],
    ['unknown model', serviceError('ResourceNotFoundException', 'Model not found.'), 'modelNotFound'],
    [
      'model access not granted',
      serviceError('AccessDeniedException', "You don't have access to the model with the specified model ID."),
      'modelAccessNotGranted',
    ],
    [
      'model access not granted, curly',
      serviceError('AccessDeniedException', 'You don’t have access to the model with the specified model ID.'),
      'modelAccessNotGranted',
    ],
    [
      'IAM denial',
      serviceError(
        'AccessDeniedException',
        'User: arn:aws:iam::123456789012:user/dev is not authorized to perform: bedrock:InvokeModel on resource: arn:aws:bedrock:us-east-1::foundation-model/x',
      ),
      'accessDenied',
    ],
    [
      'throttling',
      serviceError('ThrottlingException', 'Too many requests, please wait before trying again.'),
      'throttling',
    ],
    ['model not ready', serviceError('ModelNotReadyException', 'Model is not ready'), 'modelNotReady'],
    ['service unavailable', serviceError('ServiceUnavailableException', 'Service unavailable'), 'serviceUnavailable'],
    ['internal server', serviceError('InternalServerException', 'Internal server error'), 'internalServer'],
    ['quota', serviceError('ServiceQuotaExceededException', 'quota exceeded'), 'serviceQuotaExceeded'],
    ['model timeout', serviceError('ModelTimeoutException', 'timed out'), 'modelTimeout'],
    ['model error', serviceError('ModelErrorException', 'bad', { originalStatusCode: 500 }), 'modelError'],
    [
      'model stream error',
      serviceError('ModelStreamErrorException', 'Model stream error', {
        originalStatusCode: 500,
        originalMessage: 'upstream',
      }),
      'modelStreamError',
    ],
    [
      'expired token',
      serviceError('ExpiredTokenException', 'The security token included in the request is expired'),
      'expiredCredentials',
    ],
    [
      'unrecognized client',
      serviceError('UnrecognizedClientException', 'The security token included in the request is invalid.'),
      'invalidCredentials',
    ],
    [
      'bad signature',
      serviceError(
        'InvalidSignatureException',
        'The request signature we calculated does not match the signature you provided.',
      ),
      'invalidCredentials',
    ],
    [
      'STS refusing the role (assume-role profile)',
      serviceError(
        'AccessDenied',
        'User: arn:aws:iam::123456789012:user/dev is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::123456789012:role/x',
      ),
      'assumeRoleFailed',
    ],
    [
      'STS not active in the region (assume-role profile)',
      serviceError('RegionDisabledException', 'STS is not activated in this region for account:123456789012.'),
      'assumeRoleFailed',
    ],
    [
      'STS refusing the source keys',
      serviceError('InvalidClientTokenId', 'The security token included in the request is invalid.'),
      'invalidCredentials',
    ],
    [
      'STS refusing the source signature',
      serviceError(
        'SignatureDoesNotMatch',
        'The request signature we calculated does not match the signature you provided.',
      ),
      'invalidCredentials',
    ],
    [
      'STS: expired source credentials',
      serviceError('ExpiredToken', 'The security token included in the request is expired'),
      'expiredCredentials',
    ],
    [
      'SSO quoted phrasing',
      serviceError(
        'CredentialsProviderError',
        "Token is expired. To refresh this SSO session run 'aws sso login' with the corresponding profile.",
      ),
      'ssoExpired',
    ],
    [
      'SSO unquoted phrasing',
      serviceError(
        'CredentialsProviderError',
        'The SSO session associated with this profile has expired. To refresh this SSO session run aws sso login with the corresponding profile.',
      ),
      'ssoExpired',
    ],
    [
      'SSO portal rejects token',
      serviceError('UnauthorizedException', 'Session token not found or invalid'),
      'ssoExpired',
    ],
    [
      'no credentials for profile',
      serviceError(
        'CredentialsProviderError',
        'Could not resolve credentials using profile: [nope] in configuration/credentials file(s).',
      ),
      'noCredentials',
    ],
    ['region missing', new Error('Region is missing'), 'noRegion'],
    ['truncated stream', new Error('Truncated event message received.'), 'streamBroken'],
    ['bad checksum', new Error('The message checksum (1) did not match the expected value of 2'), 'streamBroken'],
    [
      'connection refused',
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }),
      'network',
    ],
    [
      'unknown host',
      Object.assign(new Error('getaddrinfo ENOTFOUND nowhere.invalid'), { code: 'ENOTFOUND' }),
      'network',
    ],
    ['timeout', serviceError('TimeoutError', 'Stream timed out because of no activity for 500 ms'), 'network'],
  ];
  for (const [what, error, kind] of cases) {
    it(`classifies ${what} as ${kind}`, () => {
      assert.equal(classify(error).kind, kind);
    });
  }

  it('says an assume-role profile could not take on its role, and why: the trust policy, or STS off in the region', () => {
    const denied = classify(
      serviceError(
        'AccessDenied',
        'User: arn:aws:iam::123456789012:user/dev is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::123456789012:role/x',
      ),
      { profile: 'ops' },
    );
    assert.match(denied.message, /^Profile "ops" could not assume its role: User: /);
    assert.match(denied.hint, /trust policy .* sts:AssumeRole; check role_arn and source_profile/);
    assert.deepEqual(denied.fixes, ['openAwsConfig', 'selectProfile']);
    // Not a Bedrock permission on the model: the diagnostic does not go on modelId.
    assert.equal(denied.jsonPath, undefined);
    const off = classify(
      serviceError('RegionDisabledException', 'STS is not activated in this region for account:123456789012.'),
      { profile: 'ops' },
    );
    assert.match(off.hint, /STS is not active in that region/);
    assert.match(
      classify(serviceError('InvalidClientTokenId', 'The security token included in the request is invalid.'), {
        profile: 'ops',
      }).message,
      /^STS did not accept the source credentials of profile "ops"/,
    );
  });

  it('names the profile in the sso login hint', () => {
    const problem = classify(serviceError('CredentialsProviderError', "run 'aws sso login'"), { profile: 'dev-sso' });
    assert.match(problem.hint, /aws sso login --profile dev-sso/);
    assert.ok(problem.fixes.includes('ssoLogin'));
  });

  it('offers retry without streaming when streaming is unsupported', () => {
    assert.deepEqual(classify(serviceError('ValidationException', 'The model is unsupported for streaming')).fixes, [
      'retryWithoutStreaming',
    ]);
  });

  it('shows the model status code of a ModelErrorException', () => {
    assert.match(
      classify(serviceError('ModelErrorException', 'bad', { originalStatusCode: 424 })).message,
      /status 424/,
    );
  });

  it('marks throttling retryable and validation not', () => {
    assert.equal(classify(serviceError('ThrottlingException', 'x')).retryable, true);
    assert.equal(classify(serviceError('ValidationException', 'x')).retryable, false);
  });

  it('names the endpoint for network failures', () => {
    const problem = classify(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }), {
      endpoint: 'http://127.0.0.1:9',
    });
    assert.match(problem.message, /http:\/\/127\.0\.0\.1:9/);
  });

  it('keeps unknown errors readable', () => {
    const problem = classify('something odd');
    assert.equal(problem.kind, 'unknown');
    assert.match(problem.message, /something odd/);
  });

  it('puts every schema violation on its own body path, in the order Bedrock lists them', () => {
    const problem = classify(
      serviceError(
        'ValidationException',
        'Malformed input request: #: subject must not be valid against schema {"required":["messages"]}#: required key [max_tokens] not found#: required key [anthropic_version] not found#: extraneous key [inferenceConfig] is not permitted, please reformat your input and try again.',
      ),
    );
    assert.equal(problem.kind, 'validation');
    assert.deepEqual(
      problem.violations?.map((v) => [v.kind, v.path, v.key]),
      [
        ['other', [], undefined],
        ['missingKey', [], 'max_tokens'],
        ['missingKey', [], 'anthropic_version'],
        ['extraneousKey', ['inferenceConfig'], 'inferenceConfig'],
      ],
    );
    assert.deepEqual(problem.jsonPath, ['body']);
    assert.deepEqual([...problem.fixes].sort(), ['insertKey', 'removeKey', 'renameKey']);
  });

  it('reads nested pointers and types: #/messages/1/content expected type', () => {
    const problem = classify(
      serviceError(
        'ValidationException',
        'Malformed input request: #/messages/1/content: expected minimum item count: 1, found: 0#/messages/1/content: expected type: String, found: JSONArray, please reformat your input and try again.',
      ),
    );
    assert.deepEqual(
      problem.violations?.map((v) => v.path),
      [
        ['messages', 1, 'content'],
        ['messages', 1, 'content'],
      ],
    );
    assert.equal(problem.violations?.[1].kind, 'wrongType');
    assert.match(problem.violations?.[1].message ?? '', /must be a string, not an array/);
    assert.deepEqual(problem.jsonPath, ['body', 'messages', 1, 'content']);
  });

  it('puts a nested extraneous key on the key itself (Nova given Titan fields)', () => {
    const problem = classify(
      serviceError(
        'ValidationException',
        'Malformed input request: #/inferenceConfig: extraneous key [maxTokenCount] is not permitted, please reformat your input and try again.',
      ),
      { family: 'nova' },
    );
    assert.deepEqual(problem.violations?.[0].path, ['inferenceConfig', 'maxTokenCount']);
    assert.deepEqual(problem.jsonPath, ['body', 'inferenceConfig', 'maxTokenCount']);
  });

  it('keeps "2 schema violations found" a validation problem on the body without violations', () => {
    const problem = classify(
      serviceError(
        'ValidationException',
        'Malformed input request: 2 schema violations found, please reformat your input and try again.',
      ),
    );
    assert.equal(problem.kind, 'validation');
    assert.equal(problem.violations, undefined);
    assert.deepEqual(problem.jsonPath, ['body']);
  });

  it('points model-side checks at the field they name (max_tokens too large, roles)', () => {
    const tooMany = classify(
      serviceError(
        'ValidationException',
        'max_tokens: 100000 > 64000, which is the maximum allowed number of output tokens for claude-sonnet-4-5',
      ),
    );
    assert.deepEqual(tooMany.jsonPath, ['body', 'max_tokens']);
    assert.deepEqual(tooMany.fixes, ['lowerMaxTokens']);
    const roles = classify(
      serviceError(
        'ValidationException',
        'messages: roles must alternate between "user" and "assistant", but found multiple "user" roles in a row',
      ),
    );
    assert.deepEqual(roles.jsonPath, ['body', 'messages']);
  });

  it('puts model and access problems on modelId and offers the model fixes', () => {
    const onDemand = classify(
      serviceError(
        'ValidationException',
        'Invocation of model ID x with on-demand throughput isn’t supported. Retry your request with the ID or ARN of an inference profile that contains this model.',
      ),
    );
    assert.deepEqual(onDemand.jsonPath, ['modelId']);
    assert.deepEqual(onDemand.fixes, ['useInferenceProfile', 'selectModel']);
    assert.deepEqual(classify(serviceError('ValidationException', 'The provided model identifier is invalid.')).fixes, [
      'selectModel',
      'didYouMean',
    ]);
    assert.deepEqual(classify(serviceError('ResourceNotFoundException', 'Model not found.')).jsonPath, ['modelId']);
    assert.deepEqual(
      classify(serviceError('AccessDeniedException', 'You don’t have access to the model with the specified model ID.'))
        .fixes,
      ['openModelAccess', 'selectProfile'],
    );
    assert.deepEqual(
      classify(
        serviceError(
          'AccessDeniedException',
          'User: arn:aws:iam::1:user/d is not authorized to perform: bedrock:InvokeModel',
        ),
      ).fixes,
      ['copyPolicy', 'selectProfile'],
    );
  });

  it('puts streaming-unsupported on the stream field and input-too-long on the body', () => {
    assert.deepEqual(classify(serviceError('ValidationException', 'The model is unsupported for streaming')).jsonPath, [
      'stream',
    ]);
    assert.deepEqual(classify(serviceError('ValidationException', 'Input is too long for requested model.')).jsonPath, [
      'body',
    ]);
  });

  it('says which environment variable signs instead of the profile', () => {
    const problem = classify(serviceError('AccessDeniedException', 'User: x is not authorized'), {
      profile: 'dev',
      credentialSource: 'bearerToken',
    });
    assert.equal(problem.environmentVariable, 'AWS_BEARER_TOKEN_BEDROCK');
    assert.match(problem.message, /AWS_BEARER_TOKEN_BEDROCK is set.*not with profile "dev"/);
    const keys = classify(
      serviceError('UnrecognizedClientException', 'The security token included in the request is invalid.'),
      { credentialSource: 'environmentKeys' },
    );
    assert.equal(keys.environmentVariable, 'AWS_ACCESS_KEY_ID');
    assert.equal(
      classify(serviceError('ThrottlingException', 'x'), { credentialSource: 'bearerToken' }).environmentVariable,
      undefined,
    );
  });

  it('names the endpoint and the proxy for network failures, without the proxy password', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
    const problem = classify(refused, { region: 'eu-west-1', proxy: 'http://user:secret@proxy.corp:3128' });
    assert.match(
      problem.message,
      /https:\/\/bedrock-runtime\.eu-west-1\.amazonaws\.com through proxy http:\/\/proxy\.corp:3128/,
    );
    assert.doesNotMatch(problem.message, /secret/);
    assert.match(classify(refused, { endpoint: 'http://127.0.0.1:1' }).message, /http:\/\/127\.0\.0\.1:1 \(no proxy\)/);
    assert.deepEqual(problem.fixes, ['retry', 'openSettings']);
  });

  it("keeps the model's original status code and message", () => {
    const problem = classify(
      serviceError('ModelErrorException', 'Received client error (400) from model', {
        originalStatusCode: 400,
        originalMessage: 'upstream said no',
      }),
    );
    assert.equal(problem.originalStatusCode, 400);
    assert.match(problem.message, /model status 400.*upstream said no/);
    const stream = classify(
      serviceError('ModelStreamErrorException', 'x', { originalStatusCode: 500, originalMessage: 'boom' }),
    );
    assert.equal(stream.originalMessage, 'boom');
  });

  it('offers streaming and a lower max_tokens for model timeouts, and the quota hint for throttling', () => {
    assert.deepEqual(classify(serviceError('ModelTimeoutException', 'x')).fixes, [
      'retryWithStreaming',
      'lowerMaxTokens',
      'retry',
    ]);
    const throttled = classify(
      serviceError('ThrottlingException', 'Too many tokens, please wait before trying again.'),
    );
    assert.match(throttled.hint, /smaller max_tokens lowers the quota/);
  });

  it('classifies the SSO messages of every provider phrasing as ssoExpired', () => {
    for (const message of [
      "Value not present for 'clientId' in SSO Token. Cannot refresh. To refresh this SSO session run 'aws sso login' with the corresponding profile.",
      "The SSO session token associated with profile=ssomissing was not found or is invalid. To refresh this SSO session run 'aws sso login' with the corresponding profile.",
      'The SSO session associated with this profile is invalid. To refresh this SSO session run aws sso login with the corresponding profile.',
    ]) {
      assert.equal(classify(serviceError('CredentialsProviderError', message)).kind, 'ssoExpired', message);
    }
  });

  it('keeps the context it was classified with', () => {
    const problem = classify(serviceError('ThrottlingException', 'x'), { profile: 'p', region: 'r', modelId: 'm' });
    assert.deepEqual(problem.context, { profile: 'p', region: 'r', modelId: 'm' });
  });

  it('classifies the in-stream error shapes the SDK throws (no $metadata)', () => {
    const inStream = (name: string, message: string, extra: Record<string, unknown> = {}) =>
      Object.assign(new Error(message), { name, $fault: 'client', ...extra });
    assert.equal(
      classify(inStream('ThrottlingException', 'Too many requests, please wait before trying again.')).kind,
      'throttling',
    );
    assert.equal(
      classify(
        inStream(
          'ValidationException',
          'Malformed input request: #: required key [prompt] not found, please reformat your input and try again.',
        ),
      ).violations?.length,
      1,
    );
    assert.equal(
      classify(inStream('ModelTimeoutException', 'Model has timed out in processing the request.')).kind,
      'modelTimeout',
    );
    assert.equal(classify(inStream('InternalServerException', 'Internal error')).kind, 'internalServer');
    assert.equal(classify(inStream('ServiceUnavailableException', 'Unavailable')).kind, 'serviceUnavailable');
    // An unmodeled exception type or a `:message-type: error` frame: a plain Error named after it.
    const unmodeled = classify(Object.assign(new Error('{"message":"odd"}'), { name: 'bogusException' }));
    assert.equal(unmodeled.kind, 'unknown');
    assert.match(unmodeled.message, /bogusException/);
    // Anthropic's error inside a chunk.
    assert.equal(
      classify(Object.assign(new Error('Overloaded'), { name: 'ModelStreamChunkError', errorType: 'overloaded_error' }))
        .kind,
      'modelStreamError',
    );
  });

  it('classifies the rest of the credential shapes', () => {
    assert.equal(
      classify(
        serviceError(
          'CredentialsProviderError',
          'Failed to load a token for session work, please re-authenticate using aws login',
        ),
      ).kind,
      'expiredCredentials',
    );
    const login = classify(
      serviceError(
        'CredentialsProviderError',
        'Failed to load a token for session work, please re-authenticate using aws login',
      ),
      { profile: 'work' },
    );
    assert.match(login.hint, /aws login --profile work/);
    assert.deepEqual(login.fixes, ['awsLogin', 'selectProfile', 'openAwsConfig'], 'offers Sign in (aws login) first');
    assert.equal(
      classify(serviceError('CredentialsProviderError', 'Could not load credentials from any providers')).kind,
      'noCredentials',
    );
    assert.equal(
      classify(
        serviceError(
          'CredentialsProviderError',
          'Incomplete configuration. The fromSSO() argument hash must include "ssoStartUrl", "ssoAccountId", "ssoRegion", "ssoRoleName"',
        ),
      ).kind,
      'noCredentials',
    );
    assert.equal(
      classify(serviceError('MissingAuthenticationTokenException', 'Missing Authentication Token')).kind,
      'invalidCredentials',
    );
    assert.equal(
      classify(
        serviceError(
          'InvalidSignatureException',
          'Signature expired: 20260101T000000Z is now earlier than 20260101T001500Z',
        ),
      ).kind,
      'invalidCredentials',
    );
    assert.deepEqual(
      classify(
        serviceError(
          'CredentialsProviderError',
          'Could not resolve credentials using profile: [nope] in configuration/credentials file(s).',
        ),
      ).fixes,
      ['selectProfile', 'openAwsConfig'],
    );
  });
});

describe('classify redaction', () => {
  it('never carries a credential from a service message into the problem', () => {
    const error = Object.assign(
      new Error(
        'The request signature we calculated does not match. Authorization: AWS4-HMAC-SHA256 Credential=AKIAEXAMPLE/20261126/us-east-1/bedrock/aws4_request, SignedHeaders=host, Signature=' +
          'f'.repeat(64) +
          ' x-amz-security-token: FQoGZXIvYXdzSessionTokenExample',
      ),
      { name: 'InvalidSignatureException' },
    );
    const problem = classify(error);
    assert.ok(!problem.message.includes('f'.repeat(64)));
    assert.ok(!problem.message.includes('FQoGZXIvYXdzSessionTokenExample'));
  });
});
