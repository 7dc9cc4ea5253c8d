/** Writes event-stream frames with backpressure, pacing and optional coalescing, so memory stays flat. */
import { setImmediate as yieldToLoop, setTimeout as sleep } from 'node:timers/promises';
import type { Exchange } from './exchange';

const COALESCE_BYTES = 16 * 1024;

/** The part of node's h1 and h2-compat responses used here (their union is not callable as-is). */
type Sink = { write(data: Uint8Array): boolean };

export class StreamWriter {
  private pending: Uint8Array[] = [];
  private pendingBytes = 0;
  private writes = 0;

  /** coalesce: batch small frames into bigger writes (only when not pacing). */
  constructor(
    private readonly ex: Exchange,
    private readonly coalesce: boolean,
  ) {}

  get closed(): boolean {
    return this.ex.closed;
  }

  /** Queues a frame; returns false once the client has gone. */
  async push(frame: Uint8Array): Promise<boolean> {
    if (this.ex.closed) return false;
    this.pending.push(frame);
    this.pendingBytes += frame.length;
    // The first frame always goes out alone so time-to-first-chunk stays honest when coalescing.
    if (!this.coalesce || this.writes === 0 || this.pendingBytes >= COALESCE_BYTES) return this.flush();
    return true;
  }

  async flush(): Promise<boolean> {
    if (this.ex.closed) return false;
    if (this.pending.length === 0) return true;
    const data = this.pending.length === 1 ? this.pending[0] : Buffer.concat(this.pending, this.pendingBytes);
    this.pending = [];
    this.pendingBytes = 0;
    const res = this.ex.res as unknown as Sink;
    if (!res.write(data)) await this.drained();
    // A client that always keeps up would never let the event loop breathe (and see its abort) otherwise.
    if (++this.writes % 32 === 0) await yieldToLoop();
    return !this.ex.closed;
  }

  /** Writes raw bytes immediately (corrupt frames for faults). */
  async raw(bytes: Uint8Array): Promise<void> {
    await this.flush();
    if (!this.ex.closed && !(this.ex.res as unknown as Sink).write(bytes)) await this.drained();
  }

  async pause(ms: number): Promise<void> {
    await this.flush();
    if (ms > 0 && !this.ex.closed) await sleep(ms);
  }

  private drained(): Promise<void> {
    const res = this.ex.res;
    return new Promise((resolve) => {
      const done = () => {
        res.off('drain', done);
        res.off('close', done);
        resolve();
      };
      res.on('drain', done);
      res.on('close', done);
    });
  }
}
