// Response metadata the SDK does not put in its output: Bedrock's token-count and latency headers, and the
// time to the first byte. Read by a per-command middleware at the innermost end of the deserialize step, so it
// sees each attempt's raw response as soon as the headers arrive, before the body is read.
import { guards, type StreamGuard } from './streamGuard';
import type { InvokeMetadata } from './types';

interface CommandWithStack {
  middlewareStack: {
    add(
      middleware: (
        next: (args: unknown) => Promise<{ response: unknown }>,
      ) => (args: unknown) => Promise<{ response: unknown }>,
      options: { step: 'deserialize'; name: string; priority: 'low' },
    ): void;
  };
}

/** Fills `metadata` from the response headers of the attempt that answered; times count from `started`. */
export function captureResponseHeaders(command: object, metadata: InvokeMetadata, started: number): void {
  (command as CommandWithStack).middlewareStack.add(
    (next) => async (args) => {
      const out = await next(args);
      metadata.firstByteMs = performance.now() - started;
      const headers = (out.response as { headers?: Record<string, string | undefined> }).headers;
      if (headers) {
        setNumber(metadata, 'inputTokenCount', headers['x-amzn-bedrock-input-token-count']);
        setNumber(metadata, 'outputTokenCount', headers['x-amzn-bedrock-output-token-count']);
        setNumber(metadata, 'invocationLatencyMs', headers['x-amzn-bedrock-invocation-latency']);
        if (headers['x-amzn-requestid']) metadata.requestId = headers['x-amzn-requestid'];
      }
      return out;
    },
    { step: 'deserialize', name: 'bedrockInvokeResponseHeaders', priority: 'low' },
  );
}

type NumericKey = 'inputTokenCount' | 'outputTokenCount' | 'invocationLatencyMs';

function setNumber(metadata: InvokeMetadata, key: NumericKey, header: string | undefined): void {
  const n = header ? Number(header) : NaN;
  if (Number.isFinite(n)) metadata[key] = n;
  else delete metadata[key];
}

/**
 * Hands each attempt's response body to `guard` as soon as the headers arrive (the headers count as bytes for the
 * idle clock), so the event-stream decoder, which only sees the body, reports to the request's guard.
 */
export function guardResponseStream(command: object, guard: StreamGuard): void {
  (command as CommandWithStack).middlewareStack.add(
    (next) => async (args) => {
      const out = await next(args);
      guard.touch(0);
      const body = (out.response as { body?: unknown }).body;
      if (typeof body === 'object' && body !== null) guards.set(body, guard);
      return out;
    },
    { step: 'deserialize', name: 'bedrockInvokeStreamGuard', priority: 'low' },
  );
}
