/**
 * Deterministic prompt caching (https://docs.aws.amazon.com/bedrock/latest/userguide/prompt-caching.html): each
 * cachePoint closes a prefix; a prefix of at least the model's minimum tokens is written on first sight and read
 * while its TTL (5 minutes, or 1 hour) runs, each hit restarting it. A checkpoint under the minimum is not an error:
 * that prefix is simply not cached.
 */
import { createHash } from 'node:crypto';
import type { Piece } from './tokens';

const TTL_MS = { '5m': 5 * 60_000, '1h': 60 * 60_000 } as const;

export interface CacheUsage {
  cacheReadInputTokens: number;
  cacheWriteInputTokens: number;
  /** Written tokens per TTL, 1h before 5m (the service model's order); empty when nothing was written. */
  cacheDetails: Array<{ ttl: '5m' | '1h'; inputTokens: number }>;
}

export class PromptCache {
  private entries = new Map<string, { expires: number; ttl: '5m' | '1h' }>();

  constructor(private readonly now: () => number = Date.now) {}

  clear(): void {
    this.entries.clear();
  }

  /** Reads and writes the checkpoints of one request (`scope` keeps models apart). */
  account(scope: string, pieces: Piece[], minTokens: number): CacheUsage {
    const hash = createHash('sha256').update(scope);
    const checkpoints: Array<{ key: string; offset: number; ttl: '5m' | '1h' }> = [];
    let offset = 0;
    for (const p of pieces) {
      hash.update(`\u0000${p.key}`);
      offset += p.tokens;
      if (p.cachePoint && offset >= minTokens)
        checkpoints.push({ key: hash.copy().digest('hex'), offset, ttl: p.cachePoint.ttl });
    }
    const now = this.now();
    let read = 0;
    for (const c of checkpoints) {
      const e = this.entries.get(c.key);
      if (e && e.expires > now) {
        read = c.offset;
        e.expires = now + TTL_MS[e.ttl];
      }
    }
    const details = new Map<'5m' | '1h', number>();
    let written = read;
    for (const c of checkpoints) {
      if (c.offset <= read) continue;
      this.entries.set(c.key, { expires: now + TTL_MS[c.ttl], ttl: c.ttl });
      details.set(c.ttl, (details.get(c.ttl) ?? 0) + c.offset - written);
      written = c.offset;
    }
    return {
      cacheReadInputTokens: read,
      cacheWriteInputTokens: written - read,
      cacheDetails: (['1h', '5m'] as const)
        .filter((t) => details.has(t))
        .map((ttl) => ({ ttl, inputTokens: details.get(ttl)! })),
    };
  }
}
