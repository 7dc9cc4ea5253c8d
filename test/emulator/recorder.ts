/** Keeps what each request looked like (minus secrets) and how it ended, for tests to inspect. */
import type { RecordedRequest } from './types';

/** Headers that carry secrets; never recorded. */
const SECRET_HEADERS = new Set(['authorization', 'x-amz-security-token', 'cookie', 'proxy-authorization']);

export function safeHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) {
    if (v === undefined || SECRET_HEADERS.has(k.toLowerCase())) continue;
    out[k] = Array.isArray(v) ? v.join(', ') : v;
  }
  return out;
}

export function parseBody(raw: Buffer): unknown {
  if (raw.length === 0) return undefined;
  const text = raw.toString('utf8');
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** amz-sdk-request: "attempt=2; max=3" */
export function parseAttempt(value: string | undefined): { attempt?: number; maxAttempts?: number } {
  const attempt = /attempt=(\d+)/.exec(value ?? '')?.[1];
  const max = /max=(\d+)/.exec(value ?? '')?.[1];
  return { attempt: attempt ? Number(attempt) : undefined, maxAttempts: max ? Number(max) : undefined };
}

export class Recorder {
  private records: RecordedRequest[] = [];
  private seq = 0;

  add(r: Omit<RecordedRequest, 'seq'>): RecordedRequest {
    const rec = { seq: ++this.seq, ...r };
    this.records.push(rec);
    return rec;
  }

  all(): RecordedRequest[] {
    return this.records.map((r) => structuredClone(r));
  }

  clear(): void {
    this.records = [];
  }
}
