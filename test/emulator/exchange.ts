/** One request/response pair, independent of HTTP version (node's h1 and h2-compat APIs share this shape). */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Http2ServerRequest, Http2ServerResponse } from 'node:http2';
import { constants as h2constants } from 'node:http2';
import { randomUUID } from 'node:crypto';
import { BedrockError, ERROR_NAMESPACE } from './errors';
import type { RecordedRequest } from './types';

export type AnyRequest = IncomingMessage | Http2ServerRequest;
export type AnyResponse = ServerResponse | Http2ServerResponse;

export class Exchange {
  readonly requestId = randomUUID();
  readonly startedAt = Date.now();
  /** Set once the response or connection is closed, by either side. */
  closed = false;
  /** Set when the server finished its response (node's writableFinished is not reliable on h2-compat). */
  private ended = false;

  constructor(
    readonly req: AnyRequest,
    readonly res: AnyResponse,
    readonly body: Buffer,
    readonly record: RecordedRequest,
  ) {
    res.once('close', () => {
      this.closed = true;
      if (!this.ended) record.aborted = true;
      record.durationMs = Date.now() - this.startedAt;
    });
  }

  get http2(): boolean {
    return this.req.httpVersionMajor === 2;
  }

  header(name: string): string {
    const v = this.req.headers[name];
    return Array.isArray(v) ? v.join(',') : (v ?? '');
  }

  writeHead(status: number, headers: Record<string, string>): void {
    this.record.status = status;
    this.res.writeHead(status, { 'x-amzn-requestid': this.requestId, date: new Date().toUTCString(), ...headers });
  }

  sendJson(status: number, body: unknown, headers: Record<string, string> = {}): void {
    if (this.closed) return;
    const text = JSON.stringify(body);
    this.writeHead(status, {
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(text)),
      ...headers,
    });
    this.finish(text);
  }

  /** Ends the response (optionally with a last piece of body). */
  finish(text?: string): void {
    if (this.closed) return;
    this.ended = true;
    this.record.completed = true;
    if (text === undefined) this.res.end();
    else this.res.end(text);
  }

  sendError(err: BedrockError): void {
    this.record.errorType = err.errorType;
    this.record.errorMessage = err.message;
    if (this.closed) return;
    if (this.res.headersSent) {
      this.reset();
      return;
    }
    const text = err.body();
    this.writeHead(err.status, {
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(text)),
      'x-amzn-errortype': `${err.errorType}:${ERROR_NAMESPACE}`,
    });
    this.finish(text);
  }

  /** Resets the HTTP/2 stream, or drops the HTTP/1.1 connection. */
  reset(): void {
    this.ended = true;
    this.closed = true;
    const res = this.res as Http2ServerResponse;
    if (this.http2) res.stream.close(h2constants.NGHTTP2_INTERNAL_ERROR);
    else (this.req as IncomingMessage).socket.resetAndDestroy();
  }
}
