// The limits every response stream runs under, and the errors that end a stream that broke them. A server can
// misbehave (or be someone else's proxy): an endless answer must not grow the extension host until it dies, a server
// that goes quiet must not be waited on forever, and a corrupt frame must say so in our words. One StreamGuard per
// streaming request: the event-stream decoder (eventStream.ts) reports each byte to it, and it aborts the request
// through the request's own AbortController when the stream stalls.

/** The answer-size limit's default: 32 MiB of text (answer and reasoning together, in UTF-16 code units). */
export const DEFAULT_MAX_ANSWER_CHARS = 32 * 1024 * 1024;
/** How long a stream may go without a byte (before the headers or between frames), by default. */
export const DEFAULT_STREAM_IDLE_MS = 60_000;

export interface StreamLimits {
  /** The most text an answer may have; more stops the stream (the text so far is kept). */
  maxAnswerChars?: number;
  /** How long to wait for the next byte before the request is aborted as stalled. */
  idleTimeoutMs?: number;
}

/**
 * The largest single event the decoder reads: four times the answer-size limit (an event's text is at most 3/4 of
 * its frame, the base64 encoding of its JSON), plus 1 MiB for small limits. A frame declaring more is refused from
 * its 12-byte prelude, before any memory is set aside for it.
 */
export function maxFrameBytes(maxAnswerChars: number): number {
  return 4 * maxAnswerChars + 1024 * 1024;
}

/** How far a stream got: what the messages about it quote. */
export interface StreamProgress {
  /** Response-body bytes received. */
  bytes: number;
  /** Events decoded (text chunks and the rest). */
  events: number;
}

export function describeProgress(progress: StreamProgress): string {
  if (progress.bytes === 0) return 'before any byte of the answer arrived';
  return `after ${progress.events} event${progress.events === 1 ? '' : 's'} (${formatBytes(progress.bytes)})`;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} byte${bytes === 1 ? '' : 's'}`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}

/** A frame that is not valid AWS event-stream encoding, or an event whose content is not what the API defines. */
export class StreamBrokenError extends Error {
  override readonly name = 'StreamBrokenError';
  constructor(
    /** What was wrong, in plain words (never a raw JavaScript message). */
    readonly reason: string,
    readonly progress: StreamProgress,
  ) {
    super(`The response stream broke ${describeProgress(progress)}: ${reason}.`);
  }
}

/** No byte for `idleMs`: the request was aborted. */
export class StreamStalledError extends Error {
  override readonly name = 'StreamStalledError';
  constructor(
    readonly idleMs: number,
    readonly progress: StreamProgress,
  ) {
    super(
      `The stream stalled: no byte arrived for ${idleMs < 10_000 ? (idleMs / 1000).toFixed(1) : Math.round(idleMs / 1000)} s ${describeProgress(progress)}, so the request was aborted.`,
    );
  }
}

/** The answer reached the answer-size limit (or one event alone was larger than it allows): the stream was stopped. */
export class AnswerTooLargeError extends Error {
  override readonly name = 'AnswerTooLargeError';
  constructor(
    readonly limitChars: number,
    /** Set when a single event's frame was refused from its declared size. */
    readonly frameBytes?: number,
  ) {
    super(
      frameBytes === undefined
        ? `The answer reached the answer-size limit of ${formatBytes(limitChars).replace('bytes', 'characters')} of text, so the stream was stopped and the request aborted.`
        : `A single event of ${formatBytes(frameBytes)} is more than the answer-size limit of ${formatBytes(limitChars).replace('bytes', 'characters')} allows, so the stream was stopped and the request aborted.`,
    );
  }
}

export class StreamGuard implements StreamProgress {
  bytes = 0;
  events = 0;
  /** What ended the stream from here (a stall); the request's AbortError is replaced by it. */
  failure?: Error;
  readonly maxAnswerChars: number;
  readonly maxFrameBytes: number;
  readonly idleMs: number;
  private last = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly controller: AbortController,
    limits: StreamLimits = {},
  ) {
    this.idleMs = limits.idleTimeoutMs ?? DEFAULT_STREAM_IDLE_MS;
    this.maxAnswerChars = limits.maxAnswerChars ?? DEFAULT_MAX_ANSWER_CHARS;
    this.maxFrameBytes = maxFrameBytes(this.maxAnswerChars);
  }

  /** The request was aborted (by the guard or by a cancel). */
  get aborted(): boolean {
    return this.controller.signal.aborted;
  }

  /** A frame declared more bytes than maxFrameBytes: it is not read. */
  refuseFrame(frameBytes: number): never {
    throw new AnswerTooLargeError(this.maxAnswerChars, frameBytes);
  }

  /** Starts the idle clock (when the request is sent). */
  start(): void {
    this.last = performance.now();
    this.arm(this.idleMs);
  }

  /** Bytes arrived (0: the headers). Per chunk, so it only notes the time; the timer re-arms itself lazily. */
  touch(bytes: number): void {
    this.bytes += bytes;
    this.last = performance.now();
  }

  /** Ends the stream with `error`: aborts the request, and the decoder and the caller throw `error` instead. */
  fail(error: Error): void {
    if (this.failure || this.controller.signal.aborted) return;
    this.failure = error;
    this.stop();
    this.controller.abort();
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** The error to surface for `error`: the guard's own failure when it aborted the request. */
  explain(error: unknown): unknown {
    return this.failure ?? error;
  }

  private arm(ms: number): void {
    this.timer = setTimeout(() => {
      const idle = performance.now() - this.last;
      if (idle >= this.idleMs - 1)
        this.fail(new StreamStalledError(this.idleMs, { bytes: this.bytes, events: this.events }));
      else this.arm(this.idleMs - idle);
    }, ms);
    // A stalled request must not keep a process alive on its own (the extension host does not care; tests do).
    this.timer.unref?.();
  }
}

/** The guards of the responses in flight, by response body, for the decoder (which only sees the body). */
export const guards = new WeakMap<object, StreamGuard>();
