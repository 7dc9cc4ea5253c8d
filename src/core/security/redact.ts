// The one redactor: removes credentials from any text the extension shows or writes (Output channels, documents, the
// raw-response view, notifications, Problems-panel texts, logs), so that a service or SDK message, a model's answer
// or a setting that quotes a credential never puts it on screen or on disk. It knows:
// - Authorization headers (SigV4: the access key ID kept, the signature removed; Bearer and Basic), X-Amz-Signature;
// - security tokens and secret keys written as `name: value`, `name=value`, `"name": "value"` in every spelling
//   (`aws_secret_access_key`, `SecretAccessKey`, `secret access key`, `sessionToken`...), also JSON-escaped
//   (`\"accessToken\": \"...\"` inside a string of the raw-response view) and URL-encoded once or twice
//   (`X-Amz-Security-Token%3D...`, `%253D`);
// - STS's XML (`<SecretAccessKey>`, `<SessionToken>`) and the SSO cache's JSON (`accessToken`, `refreshToken`,
//   `clientSecret`);
// - a bare 40-character secret access key written near its access key ID (`AKIA... wJalr...`);
// - the password (or a token) in a URL's user info (`https://u:pass@host` -> `https://u:[redacted]@host`);
// - PEM private keys, and Bedrock API keys (`ABSK...`, `bedrock-api-key-...`).
// Text that arrives in pieces (a streamed answer) goes through a StreamRedactor, which holds back what might be the
// start of a secret until the rest has arrived.

const R = '[redacted]';
/** What ends a value: whitespace, quotes, separators, an escape's backslash, the end of an XML element. */
const VALUE = `[^\\s"'\`,;&<>\\\\]+`;
/** A key's own quote, written plain or JSON-escaped (`"`, `\"`, `\\\"`). */
const Q = `(?:\\\\*["'])?`;
/** Between a key and its value: `:`, `=`, `: "`, `=\"`, and their URL-encoded `=` (%3D, %253D). */
const SEP = `${Q}\\s*(?:[:=]|%3D|%253D)\\s*${Q}`;

/** Names whose value is a credential, in every casing and separator (`secret_access_key`, `SecretAccessKey`, `secret access key`). */
const SECRET_NAMES = [
  '(?:aws[\\s_-]?)?secret[\\s_-]?access[\\s_-]?key',
  '(?:aws[\\s_-]?)?session[\\s_-]?token',
  '(?:aws[\\s_-]?)?security[\\s_-]?token',
  'x-amz-security-token',
  'access[\\s_-]?token',
  'refresh[\\s_-]?token',
  'id[\\s_-]?token',
  'client[\\s_-]?secret',
  'bearer[\\s_-]?token',
  'aws[\\s_-]?bearer[\\s_-]?token[\\s_-]?bedrock',
  'x-amz-signature',
];

const PATTERNS: Array<[RegExp, string]> = [
  // Authorization headers: SigV4 (keep the access key ID, which is not a secret) or bearer tokens.
  [
    /(authorization\\*["']?\s*[:=]\s*\\*["']?)(AWS4-HMAC-SHA256\s+Credential=[A-Z0-9]+\/[^,\s"'\\]*)[^"'\n\\]*/gi,
    `$1$2, Signature=${R}`,
  ],
  [/(authorization\\*["']?\s*[:=]\s*\\*["']?)(Bearer|Basic)\s+[^\s"',\\]+/gi, `$1$2 ${R}`],
  [/\bBearer\s+[A-Za-z0-9+/=._~-]{16,}/g, `Bearer ${R}`],
  // STS XML: <SecretAccessKey>...</SecretAccessKey>, <SessionToken>...</SessionToken> (AssumeRole and friends).
  [/(<(SecretAccessKey|SessionToken|SecurityToken)>)[^<]*(<\/\2>)/gi, `$1${R}$3`],
  // name: value, "name": "value", name=value, \"name\": \"value\", name%3Dvalue.
  [new RegExp(`(\\b(?:${SECRET_NAMES.join('|')})${SEP})${VALUE}`, 'gi'), `$1${R}`],
  [/(Signature=)[0-9a-f]{64}/gi, `$1${R}`],
  // The password (or a long token) in a URL's user info.
  [/(\b[a-z][a-z0-9+.-]*:\/\/[^\s/?#@:"'\\]*:)[^\s/?#@"'\\]+@/gi, `$1${R}@`],
  [/(\b[a-z][a-z0-9+.-]*:\/\/)[^\s/?#@:"'\\]{20,}@/gi, `$1${R}@`],
  // PEM private keys, whole (a certificate is public and stays).
  [/-----BEGIN ([A-Z0-9 ]*)PRIVATE KEY-----[\s\S]*?-----END \1PRIVATE KEY-----/g, '[redacted private key]'],
  // Bedrock API keys: long-term keys start with ABSK, short-term ones with bedrock-api-key-.
  [/\bABSK[A-Za-z0-9+/=]{20,}/g, '[redacted Bedrock API key]'],
  [/\bbedrock-api-key-[A-Za-z0-9+/=%._-]{20,}/g, '[redacted Bedrock API key]'],
];

const ACCESS_KEY_ID = /\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}\b/g;
/** A 40-character secret access key: base64 alphabet, not hex (a git SHA), within a little text after its key ID. */
const NEARBY_SECRET = /(^|[^A-Za-z0-9/+=])([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])/g;
const NEARBY = 200;

function redactSecretsNearKeyIds(text: string): string {
  if (!/\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}\b/.test(text)) return text;
  const spans = new Map<number, number>();
  for (const id of text.matchAll(ACCESS_KEY_ID)) {
    const from = id.index + id[0].length;
    const window = text.slice(from, from + NEARBY);
    for (const m of window.matchAll(NEARBY_SECRET)) {
      const secret = m[2];
      if (/^[0-9a-f]+$/.test(secret) || !/[A-Z]/.test(secret) || !/[a-z0-9]/.test(secret)) continue;
      const start = from + m.index + m[1].length;
      spans.set(start, start + secret.length);
    }
  }
  let out = text;
  for (const [start, end] of [...spans].sort((a, b) => b[0] - a[0]))
    out = `${out.slice(0, start)}${R}${out.slice(end)}`;
  return out;
}

export function redact(text: string, knownSecrets: readonly string[] = []): string {
  let out = text;
  for (const secret of knownSecrets) {
    if (secret && secret.length >= 8) out = out.split(secret).join(R);
  }
  for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
  return redactSecretsNearKeyIds(out);
}

/** Where a secret may start: the first characters of every pattern above. */
const TRIGGERS =
  /secret|token|authorization|bearer|signature|password|:\/\/|<(?:secret|session|security)|-----BEGIN|\b(?:AKIA|ASIA|ABIA|ACCA|ABSK|bedrock-api-key)/i;
/** A held line longer than this is let go (redacted as far as it goes): a stream must not stall on one line. */
const MAX_HELD = 64 * 1024;

/**
 * Redacts text that arrives in pieces. `push` returns the redacted text that can be shown now: everything up to the
 * line where something secret-looking starts (which is held until the line ends, or for a PEM private key until its
 * END line), less the last word, which may still grow into one. `end` returns the rest. Plain text shows one word late.
 */
export class StreamRedactor {
  private pending = '';

  push(text: string): string {
    this.pending += text;
    const cut = this.safeCut();
    if (cut <= 0) return '';
    const out = this.pending.slice(0, cut);
    this.pending = this.pending.slice(cut);
    return redact(out);
  }

  end(): string {
    const out = this.pending;
    this.pending = '';
    return out ? redact(out) : '';
  }

  private safeCut(): number {
    const text = this.pending;
    // The last word may still grow into a trigger (`sec` + `ret`, `https` + `://`): it waits for the next piece.
    let cut = Math.max(text.lastIndexOf(' '), text.lastIndexOf('\n'), text.lastIndexOf('\t')) + 1;
    const pem = text.search(/-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----/);
    if (pem >= 0) {
      const end = /-----END [A-Z0-9 ]*PRIVATE KEY-----/.exec(text.slice(pem));
      // A key block is let go whole, or not at all.
      cut = end ? Math.max(cut, pem + end.index + end[0].length) : Math.min(cut, pem);
    }
    const lineStart = text.lastIndexOf('\n', cut - 1) + 1;
    const trigger = text.slice(lineStart).search(TRIGGERS);
    if (trigger >= 0) cut = Math.min(cut, lineStart);
    // A bare secret may follow an access key ID within NEARBY characters, across lines: the ID's line and the NEARBY
    // characters after the ID are let go together (the whole-text rule must see both), so no cut falls inside them.
    for (const id of text.matchAll(ACCESS_KEY_ID)) {
      const from = text.lastIndexOf('\n', id.index) + 1;
      const to = id.index + id[0].length + NEARBY + 1;
      if (cut > from && cut < to) cut = from;
    }
    if (text.length - cut > MAX_HELD) cut = text.length;
    return cut;
  }
}
