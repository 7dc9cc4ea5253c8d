// "Did you mean ...": the available model IDs nearest to one Bedrock did not accept.

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length];
}

/**
 * Up to `limit` candidates closest to `wanted` (case-insensitive edit distance; a candidate that contains what was
 * typed counts as close), nearest first. Candidates that differ in more than half their characters are dropped.
 */
export function closestIds(wanted: string, candidates: readonly string[], limit = 1): string[] {
  const w = wanted.trim().toLowerCase();
  if (!w) return [];
  const scored = [...new Set(candidates)]
    .filter((c) => c.toLowerCase() !== w)
    .map((c) => {
      const lower = c.toLowerCase();
      const d = lower.includes(w) ? (lower.length - w.length) / 4 : distance(w, lower);
      return { c, d, limit: Math.max(w.length, lower.length) / 2 };
    })
    .filter((s) => s.d <= s.limit)
    .sort((a, b) => a.d - b.d || a.c.localeCompare(b.c));
  return scored.slice(0, limit).map((s) => s.c);
}
