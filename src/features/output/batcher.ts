// Coalesces many small appends into a few writes per second so VS Code stays responsive at any token
// rate. Writes run one after another, never overlapping, so asynchronous edits land in order.
export class Batcher {
  private buffer = '';
  private timer: ReturnType<typeof setTimeout> | undefined;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly write: (text: string) => void | Promise<void>,
    private readonly intervalMs = 50,
  ) {}

  push(text: string): void {
    this.buffer += text;
    if (!this.timer) this.timer = setTimeout(() => void this.flush(), this.intervalMs);
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
      this.writing = this.writing.then(() => this.write(text));
    }
    return this.writing;
  }
}
