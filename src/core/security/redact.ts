// Removes credentials from any text the extension shows or writes: Authorization headers, security tokens, secret
// keys and Bedrock API keys. Applied to messages and raw views so that a service or SDK message that quotes a
// header can never put a secret on screen or on disk.

const PATTERNS: Array<[RegExp, string]> = [
  // Authorization headers: SigV4 (keep the access key ID, which is not a secret) or bearer tokens.
  [/(authorization["']?\s*[:=]\s*["']?)(AWS4-HMAC-SHA256\s+Credential=[A-Z0-9]+\/[^,\s"']*)[^"'\n]*/gi, '$1$2, Signature=[redacted]'],
  [/(authorization["']?\s*[:=]\s*["']?)(Bearer|Basic)\s+[^\s"',]+/gi, '$1$2 [redacted]'],
  [/\bBearer\s+[A-Za-z0-9+/=._~-]{16,}/g, 'Bearer [redacted]'],
  [/(x-amz-security-token["']?\s*[:=]\s*["']?)[^\s"',]+/gi, '$1[redacted]'],
  [/((?:aws_)?secret_?access_?key["']?\s*[:=]\s*["']?)[^\s"',]+/gi, '$1[redacted]'],
  [/((?:aws_)?session_?token["']?\s*[:=]\s*["']?)[^\s"',]+/gi, '$1[redacted]'],
  [/(Signature=)[0-9a-f]{64}/gi, '$1[redacted]'],
  // Bedrock API keys: long-term keys start with ABSK, short-term ones with bedrock-api-key-.
  [/\bABSK[A-Za-z0-9+/=]{20,}/g, '[redacted Bedrock API key]'],
  [/\bbedrock-api-key-[A-Za-z0-9+/=%._-]{20,}/g, '[redacted Bedrock API key]'],
];

export function redact(text: string, knownSecrets: readonly string[] = []): string {
  let out = text;
  for (const secret of knownSecrets) {
    if (secret && secret.length >= 8) out = out.split(secret).join('[redacted]');
  }
  for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
  return out;
}
