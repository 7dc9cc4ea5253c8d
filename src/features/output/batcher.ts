// Coalesces many small appends into a few writes per second so VS Code stays responsive at any token
// rate. The first text after a quiet interval is written at once (time to first visible text matters);
// text arriving within the interval waits for the next write. Writes run one after another, never
// overlapping, so asynchronous edits land in order.
export class Batcher {
  private buffer = '';
  private timer: ReturnType<typeof setTimeout> | undefined;
  private writing: Promise<void> = Promise.resolve();
  private lastWrite = -Infinity;

  constructor(
    private readonly write: (text: string) => void | Promise<void>,
    private readonly intervalMs = 50,
  ) {}

  push(text: string): void {
    this.buffer += text;
    if (this.timer) return;
    const wait = this.lastWrite + this.intervalMs - performance.now();
    if (wait <= 0) void this.flush();
    else this.timer = setTimeout(() => void this.flush(), wait);
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
      this.lastWrite = performance.now();
      this.writing = this.writing.then(() => this.write(text));
    }
    return this.writing;
  }
}
