/** Bedrock error responses: status, x-amzn-errortype and the service's usual wording. */

export const ERROR_NAMESPACE = 'http://internal.amazon.com/coral/com.amazon.bedrock/';

/** Status codes from the service model; default texts follow what the real service says. */
export const HTTP_EXCEPTIONS: Record<string, { status: number; message: string }> = {
  AccessDeniedException: { status: 403, message: "You don't have access to the model with the specified model ID." },
  InternalServerException: {
    status: 500,
    message: 'The system encountered an unexpected error during processing. Try your request again.',
  },
  ModelErrorException: { status: 424, message: 'The model returned an error. Try your request again.' },
  ModelNotReadyException: {
    status: 429,
    message: 'Model is not ready for inference. Wait and try your request again.',
  },
  ModelTimeoutException: {
    status: 408,
    message: 'Model has timed out in processing the request. Try your request again.',
  },
  ResourceNotFoundException: { status: 404, message: 'Model not found.' },
  ServiceQuotaExceededException: {
    status: 400,
    message:
      'Your request exceeds the service quota for your account. You can view your quotas at Viewing service quotas. You can resubmit your request later.',
  },
  ServiceUnavailableException: { status: 503, message: 'Bedrock is unable to process your request.' },
  ThrottlingException: { status: 429, message: 'Too many requests, please wait before trying again.' },
  ValidationException: { status: 400, message: 'Malformed input request, please reformat your input and try again.' },
  ModelStreamErrorException: { status: 424, message: 'The model stream encountered an error.' },
};

/** An error the emulator answers as a Bedrock JSON error response. */
export class BedrockError extends Error {
  constructor(
    readonly errorType: string,
    readonly status: number,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }

  static of(errorType: string, message?: string, extra: Record<string, unknown> = {}): BedrockError {
    const known = HTTP_EXCEPTIONS[errorType];
    return new BedrockError(errorType, known?.status ?? 400, message ?? known?.message ?? errorType, extra);
  }

  body(): string {
    return JSON.stringify({ message: this.message, ...this.extra });
  }
}

export const validation = (message: string): BedrockError => BedrockError.of('ValidationException', message);
