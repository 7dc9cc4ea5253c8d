// Does a value look like a secret? Our own shapes first (AWS and Bedrock keys, PEM blocks, URLs with a user or
// password, JWTs, long high-entropy strings), then secretlint's recommended rules for the vendors' token formats.
import type * as SecretlintModules from './secretlintModules';

/** What the value looks like, in words for a message; undefined: nothing secret-looking found. */
export type SecretShape = string;

const OWN_SHAPES: Array<[RegExp, SecretShape]> = [
  // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-unique-ids
  [/\b(?:AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|APKA)[A-Z0-9]{16}\b/, 'an AWS access key ID'],
  // https://docs.aws.amazon.com/bedrock/latest/userguide/api-keys-how.html (long-term ABSK..., short-term bedrock-api-key-...)
  [/\bABSK[A-Za-z0-9+/=]{20,}|\bbedrock-api-key-[A-Za-z0-9+/=%._-]{20,}/, 'an Amazon Bedrock API key'],
  [/-----BEGIN [A-Z0-9 ]{2,60}-----/, 'a PEM block (a private key or certificate)'],
  [/\b[a-z][a-z0-9+.-]*:\/\/[^\s/?#@]+@/i, 'a URL with a user name or password'],
  [/\beyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/, 'a JSON Web Token'],
];

/** Shannon entropy in bits per character. */
function entropy(text: string): number {
  const counts = new Map<string, number>();
  for (const c of text) counts.set(c, (counts.get(c) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) {
    const p = n / text.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

/**
 * Long high-entropy strings: a run of 32+ hex digits, or of 24+ base64/URL-safe characters with letters and digits,
 * whose entropy is that of random data (the thresholds detect-secrets uses: 3.0 bits for hex, 4.5 for base64, here
 * 4.2 for the shorter runs an API key is). Words, paths, UUIDs and model IDs stay below them.
 */
function highEntropy(value: string): boolean {
  for (const [run] of value.matchAll(/[A-Za-z0-9+/=_~-]{24,}/g)) {
    if (/^[0-9a-f]{32,}$/i.test(run)) {
      if (entropy(run) >= 3.0) return true;
      continue;
    }
    if (!/[0-9]/.test(run) || !/[A-Za-z]/.test(run)) continue;
    if (entropy(run) >= (run.length >= 40 ? 4.5 : 4.2)) return true;
  }
  return false;
}

let loading: Promise<typeof SecretlintModules> | undefined;

function loadSecretlint(): Promise<typeof SecretlintModules> {
  if (!loading) {
    loading = import('./secretlintModules');
    loading.catch(() => (loading = undefined));
  }
  return loading;
}

/** What secret `value` looks like, or undefined. Values are never logged or kept. */
export async function secretShapeOf(value: string): Promise<SecretShape | undefined> {
  for (const [pattern, shape] of OWN_SHAPES) if (pattern.test(value)) return shape;
  if (highEntropy(value)) return 'a long random string (a key or token)';
  if (value.length < 8) return undefined;
  const { lintSource, recommendedRules } = await loadSecretlint();
  const result = await lintSource({
    source: { filePath: 'environment-variable', content: value, contentType: 'text' },
    options: { config: { rules: [{ id: '@secretlint/secretlint-rule-preset-recommend', rule: recommendedRules }] } },
  });
  const found = result.messages[0];
  if (!found) return undefined;
  // ruleId: "@secretlint/secretlint-rule-github" -> "a GitHub-style token"; messageId names the kind.
  const vendor = found.ruleId.replace(/^@secretlint\/secretlint-rule-/, '');
  return `a secret (${vendor}: ${found.messageId})`;
}
