/** Deterministic pseudo-embeddings: the same text always maps to the same vector. */
import { createHash } from 'node:crypto';

export function seedOf(text: string): number {
  return createHash('sha256').update(text).digest().readUInt32BE(0);
}

/** Values in [-1, 1) from a small PRNG (mulberry32) seeded by the text; unit length when normalize. */
export function embed(text: string, dimensions: number, normalize: boolean): number[] {
  let a = seedOf(text);
  const out = new Array<number>(dimensions);
  for (let i = 0; i < dimensions; i++) {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    out[i] = (((t ^ (t >>> 14)) >>> 0) / 4294967296) * 2 - 1;
  }
  if (normalize) {
    const norm = Math.sqrt(out.reduce((s, v) => s + v * v, 0)) || 1;
    for (let i = 0; i < dimensions; i++) out[i] /= norm;
  }
  return out;
}
