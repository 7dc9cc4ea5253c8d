// Coalesces many small appends into a few writes per second so VS Code stays responsive at any token rate.
// The first text after a quiet interval is written at once (time to first visible text matters); text arriving
// within the interval waits for the next write. A long stream slows to fewer, larger writes after its first second:
// every write makes the workbench re-render the growing output, which on a busy machine costs the stream itself
// throughput, while four updates a second still read as live. A firehose (thousands of pieces a second, far beyond
// what anyone reads along, as when a big answer is replayed) is written every two seconds; it is recognised while the
// pieces arrive, so a burst is not written at the short interval even once. Writes run one after another, never
// overlapping, so asynchronous edits land in order.
export interface BatcherTiming {
  /** Interval between writes while the stream is young. */
  intervalMs?: number;
  /** Interval once the stream has been writing for `rampMs`. */
  slowIntervalMs?: number;
  rampMs?: number;
  /** Pieces per second above which a stream counts as a firehose. */
  firehosePerSecond?: number;
  firehoseIntervalMs?: number;
}

export class Batcher {
  private buffer = '';
  private timer: ReturnType<typeof setTimeout> | undefined;
  private writing: Promise<void> = Promise.resolve();
  private lastWrite = -Infinity;
  private firstWrite: number | undefined;
  private readonly intervalMs: number;
  private readonly slowIntervalMs: number;
  private readonly rampMs: number;
  private readonly firehosePerSecond: number;
  private readonly firehoseIntervalMs: number;
  private pushes = 0;
  private firehose = false;

  constructor(
    private readonly write: (text: string) => void | Promise<void>,
    timing: number | BatcherTiming = {},
  ) {
    const t = typeof timing === 'number' ? { intervalMs: timing, slowIntervalMs: timing } : timing;
    this.intervalMs = t.intervalMs ?? 50;
    this.slowIntervalMs = t.slowIntervalMs ?? 250;
    this.rampMs = t.rampMs ?? 1000;
    this.firehosePerSecond = t.firehosePerSecond ?? 2000;
    this.firehoseIntervalMs = t.firehoseIntervalMs ?? (typeof timing === 'number' ? timing : 2000);
  }

  private interval(now: number): number {
    if (this.firehose) return this.firehoseIntervalMs;
    return this.firstWrite !== undefined && now - this.firstWrite >= this.rampMs
      ? this.slowIntervalMs
      : this.intervalMs;
  }

  push(text: string): void {
    this.buffer += text;
    this.pushes++;
    if (this.timer) {
      // Checked every so many pieces, not on each: this runs once per chunk of a stream.
      if (!this.firehose && (this.pushes & 63) === 0 && this.firstWrite !== undefined) this.checkFirehose();
      return;
    }
    const now = performance.now();
    const wait = this.lastWrite + this.interval(now) - now;
    if (wait <= 0) void this.flush();
    else this.timer = setTimeout(() => void this.flush(), wait);
  }

  /** More pieces since the last write than a reading-speed stream brings in a firehose interval: write less often. */
  private checkFirehose(): void {
    const now = performance.now();
    const rate = (this.pushes * 1000) / Math.max(1, now - this.lastWrite);
    if (rate <= this.firehosePerSecond || this.pushes < (this.firehosePerSecond * this.intervalMs) / 1000) return;
    this.firehose = true;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), Math.max(0, this.lastWrite + this.firehoseIntervalMs - now));
  }

  /** Writes whatever is buffered now, after any write in progress; resolves when all of it is written. */
  flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    if (this.buffer) {
      const text = this.buffer;
      this.buffer = '';
      const now = performance.now();
      // The rate since the previous write decides the next interval, both ways: a burst (a queued invocation's text
      // released at once) followed by a reading-speed stream goes back to live writes. The first write has no "since".
      if (this.firstWrite !== undefined)
        this.firehose = (this.pushes * 1000) / Math.max(1, now - this.lastWrite) > this.firehosePerSecond;
      this.pushes = 0;
      this.lastWrite = now;
      this.firstWrite ??= this.lastWrite;
      // A failed write (the answer document was closed, say) must not stop the writes after it or the footer.
      this.writing = this.writing.then(() => this.write(text)).catch(() => undefined);
    }
    return this.writing;
  }
}
