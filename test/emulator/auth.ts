/**
 * Request authentication as the Bedrock front door does it: SigV4 (service "bedrock", or "sts" for the emulator's
 * STS) verified by computing the signature from the canonical request the way the service does, or a Bedrock API key sent as a bearer token.
 */
import { createHash, createHmac } from 'node:crypto';
import { BedrockError } from './errors';
import type { AuthType, EmulatorCredential } from './types';

export const DEFAULT_ACCESS_KEY_ID = 'AKIAEMULATOREXAMPLE';
export const DEFAULT_SECRET_ACCESS_KEY = 'emulatorSecretKeyExample';
export const DEFAULT_CREDENTIAL: EmulatorCredential = {
  accessKeyId: DEFAULT_ACCESS_KEY_ID,
  secretAccessKey: DEFAULT_SECRET_ACCESS_KEY,
};

const AUTH_RE =
  /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})$/;

const INVALID_TOKEN = 'The security token included in the request is invalid.';
const EXPIRED_TOKEN = 'The security token included in the request is expired';
const BAD_SIGNATURE =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';
/** Bedrock API keys start with this prefix; anything else is rejected before lookup. */
const API_KEY_PREFIX = 'ABSK';
/** Short-term Bedrock API keys: a presigned URL, base64-encoded, behind this prefix. */
const SHORT_TERM_PREFIX = 'bedrock-api-key-';

export interface AuthInput {
  method: string;
  /** Raw path plus query, exactly as received. */
  rawUrl: string;
  headers: Record<string, string | string[] | undefined>;
  body: Uint8Array;
}

export interface AuthResult {
  authType: AuthType;
  accessKeyId?: string;
  region?: string;
  hasSessionToken: boolean;
}

export class Authenticator {
  private readonly keys = new Map<string, EmulatorCredential>();
  private readonly tokens: Set<string>;

  constructor(credentials: EmulatorCredential[], bearerTokens: string[]) {
    for (const c of credentials) this.keys.set(c.accessKeyId, c);
    this.tokens = new Set(bearerTokens);
  }

  /** What can be known about the caller without verifying anything (recorded even when auth fails). */
  static describe(headers: AuthInput['headers']): AuthResult {
    const auth = header(headers, 'authorization');
    const hasSessionToken = header(headers, 'x-amz-security-token') !== '';
    if (/^Bearer /i.test(auth)) return { authType: 'bearer', hasSessionToken };
    const m = AUTH_RE.exec(auth);
    if (m) return { authType: 'sigv4', accessKeyId: m[1], region: m[3], hasSessionToken };
    return { authType: 'none', hasSessionToken };
  }

  /**
   * A short-term Bedrock API key: `bedrock-api-key-` + base64 of a SigV4-presigned URL without its scheme,
   * `bedrock.amazonaws.com/?Action=CallWithBearerToken&X-Amz-...&X-Amz-Signature=...&Version=1` (the format
   * @aws/bedrock-token-generator and the Python aws-bedrock-token-generator make; "Generate short-term API keys" in
   * the Bedrock user guide). Verified as AWS does: the presigned signature (POST, path `/`, signed header `host`, the
   * empty payload's hash) with the credential it names, the session token it carries, service `bedrock`, and
   * X-Amz-Date + X-Amz-Expires (at most 12 hours) not passed. The key's region is the caller's region.
   */
  private verifyShortTermKey(encoded: string): { accessKeyId: string; region: string; hasSessionToken: boolean } {
    const invalid = () =>
      new BedrockError('AccessDeniedException', 403, 'Authentication failed: Please make sure your API Key is valid.');
    const url = Buffer.from(encoded, 'base64').toString('utf8');
    const slash = url.indexOf('/');
    const host = url.slice(0, slash);
    const query = url.slice(slash + 1).replace(/^\?/, '');
    if (slash < 0 || !host || !url.slice(slash).startsWith('/?')) throw invalid();
    const params = new Map<string, string>();
    const unsigned: string[] = [];
    for (const part of query.split('&').filter(Boolean)) {
      const i = part.indexOf('=');
      const k = percentDecode(i < 0 ? part : part.slice(0, i));
      const v = percentDecode(i < 0 ? '' : part.slice(i + 1));
      params.set(k, v);
      // Version is appended after signing, and the signature does not sign itself.
      if (k !== 'Version' && k !== 'X-Amz-Signature') unsigned.push(part);
    }
    if (
      params.get('Action') !== 'CallWithBearerToken' ||
      params.get('Version') !== '1' ||
      params.get('X-Amz-Algorithm') !== 'AWS4-HMAC-SHA256'
    )
      throw invalid();
    const [accessKeyId, scopeDate, region, service, terminator] = (params.get('X-Amz-Credential') ?? '').split('/');
    const cred = this.keys.get(accessKeyId);
    if (!cred || service !== 'bedrock' || terminator !== 'aws4_request' || !region) throw invalid();
    const sessionToken = params.get('X-Amz-Security-Token') ?? '';
    if ((cred.sessionToken ?? '') !== sessionToken) throw invalid();
    const amzDate = params.get('X-Amz-Date') ?? '';
    const expires = Number(params.get('X-Amz-Expires'));
    const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(amzDate);
    if (!m || !Number.isInteger(expires) || expires <= 0 || expires > 43200 || scopeDate !== amzDate.slice(0, 8))
      throw invalid();
    const signedAt = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]);
    if (Date.now() > signedAt + expires * 1000)
      throw new BedrockError('AccessDeniedException', 403, 'Authentication failed: the API Key has expired.');
    if (params.get('X-Amz-SignedHeaders') !== 'host') throw invalid();
    const canonical = [
      'POST',
      '/',
      canonicalQuery(unsigned.join('&')),
      `host:${host}\n`,
      'host',
      createHash('sha256').update('').digest('hex'),
    ].join('\n');
    const scope = `${scopeDate}/${region}/bedrock/aws4_request`;
    const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, createHash('sha256').update(canonical).digest('hex')].join(
      '\n',
    );
    let key: Buffer = hmac(`AWS4${cred.secretAccessKey}`, scopeDate);
    for (const part of [region, 'bedrock', 'aws4_request']) key = hmac(key, part);
    if (createHmac('sha256', key).update(toSign).digest('hex') !== params.get('X-Amz-Signature')) throw invalid();
    return { accessKeyId, region, hasSessionToken: sessionToken !== '' };
  }

  /** Accepts another key pair from now on (STS AssumeRole hands out temporary ones). */
  add(credential: EmulatorCredential): void {
    this.keys.set(credential.accessKeyId, credential);
  }

  /** Resolves to the caller's identity or throws the BedrockError the service would answer. */
  async verify(input: AuthInput, expectedService = 'bedrock'): Promise<AuthResult> {
    const described = Authenticator.describe(input.headers);
    const auth = header(input.headers, 'authorization');
    if (described.authType === 'bearer') {
      const token = auth.slice('Bearer '.length).trim();
      if (token.startsWith(SHORT_TERM_PREFIX))
        return { ...described, ...this.verifyShortTermKey(token.slice(SHORT_TERM_PREFIX.length)) };
      if (!token.startsWith(API_KEY_PREFIX)) {
        throw new BedrockError(
          'AccessDeniedException',
          403,
          'Invalid API Key format: Must start with pre-defined prefix',
        );
      }
      if (!this.tokens.has(token)) {
        throw new BedrockError(
          'AccessDeniedException',
          403,
          'Authentication failed: Please make sure your API Key is valid.',
        );
      }
      return described;
    }
    if (!auth) throw new BedrockError('MissingAuthenticationTokenException', 403, 'Missing Authentication Token');
    const m = AUTH_RE.exec(auth);
    if (!m) {
      throw new BedrockError(
        'IncompleteSignatureException',
        403,
        `Authorization header requires 'Credential', 'Signature' and 'SignedHeaders' parameters.`,
      );
    }
    const [, accessKeyId, , region, service, signedList, signature] = m;
    const cred = this.keys.get(accessKeyId);
    if (!cred) throw new BedrockError('UnrecognizedClientException', 403, INVALID_TOKEN);
    const sessionToken = header(input.headers, 'x-amz-security-token');
    if ((cred.sessionToken ?? '') !== sessionToken)
      throw new BedrockError('UnrecognizedClientException', 403, INVALID_TOKEN);
    if (cred.expired) throw new BedrockError('ExpiredTokenException', 403, EXPIRED_TOKEN);
    if (service !== expectedService) {
      throw new BedrockError(
        'InvalidSignatureException',
        403,
        `Credential should be scoped to correct service: '${expectedService}'. `,
      );
    }
    const skew = clockSkewMessage(header(input.headers, 'x-amz-date'));
    if (skew) throw new BedrockError('InvalidSignatureException', 403, skew);
    const payloadHash = payloadHashFor(input);
    if (payloadHash === undefined) throw new BedrockError('InvalidSignatureException', 403, BAD_SIGNATURE);
    const expected = expectedSignature(input, cred.secretAccessKey, m[2], region, service, signedList, payloadHash);
    if (expected !== signature) throw new BedrockError('InvalidSignatureException', 403, BAD_SIGNATURE);
    return described;
  }
}

/**
 * The payload hash of the canonical request. A client may send `x-amz-content-sha256` (the JavaScript SDK does;
 * botocore and the AWS CLI do not): then it must be the hash of the bytes that arrived, or `UNSIGNED-PAYLOAD`, which
 * the generic SigV4 verifier accepts for a payload the client chose not to sign. Without the header the verifier
 * hashes the body itself. `undefined`: the claimed hash does not match the body.
 */
function payloadHashFor(input: AuthInput): string | undefined {
  const actual = createHash('sha256').update(input.body).digest('hex');
  const claimed = header(input.headers, 'x-amz-content-sha256');
  if (!claimed) return actual;
  if (claimed === UNSIGNED_PAYLOAD) return claimed;
  return claimed.toLowerCase() === actual ? actual : undefined;
}

const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD';

/**
 * The signature the service computes (AWS General Reference, "Create a signed AWS API request"): the canonical
 * request is built from exactly the headers the client listed in SignedHeaders, as they arrived, in that list's
 * order; nothing is added or dropped.
 */
function expectedSignature(
  input: AuthInput,
  secretAccessKey: string,
  scopeDate: string,
  region: string,
  service: string,
  signedList: string,
  payloadHash: string,
): string {
  const amzDate = header(input.headers, 'x-amz-date');
  const [rawPath, rawQuery = ''] = input.rawUrl.split('?', 2);
  const names = signedList.split(';');
  const canonicalHeaders = names.map((name) => `${name}:${signedHeaderValue(input.headers, name)}\n`).join('');
  const canonical = [
    input.method,
    canonicalUri(rawPath),
    canonicalQuery(rawQuery),
    canonicalHeaders,
    signedList,
    payloadHash,
  ].join('\n');
  const scope = `${scopeDate}/${region}/${service}/aws4_request`;
  const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, createHash('sha256').update(canonical).digest('hex')].join('\n');
  let key: Buffer = hmac(`AWS4${secretAccessKey}`, scopeDate);
  for (const part of [region, service, 'aws4_request']) key = hmac(key, part);
  return createHmac('sha256', key).update(toSign).digest('hex');
}

const hmac = (key: string | Buffer, data: string): Buffer => createHmac('sha256', key).update(data).digest();

/** A header's canonical value: repeated headers joined by commas, trimmed, inner runs of spaces collapsed. */
function signedHeaderValue(headers: AuthInput['headers'], name: string): string {
  // HTTP/2 carries the host as the :authority pseudo-header.
  const value = name === 'host' && headers.host === undefined ? header(headers, ':authority') : header(headers, name);
  return value.trim().replace(/\s+/g, ' ');
}

/** RFC 3986 encoding as SigV4 wants it: everything but unreserved characters, as UTF-8 percent escapes. */
function uriEncode(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Non-S3 services normalise the path (no `.`/`..` segments) and encode each segment of the path as sent once more. */
function canonicalUri(rawPath: string): string {
  const out: string[] = [];
  for (const segment of rawPath.split('/').slice(1)) {
    if (segment === '.') continue;
    if (segment === '..') out.pop();
    else out.push(uriEncode(segment));
  }
  return `/${out.join('/')}`;
}

function canonicalQuery(rawQuery: string): string {
  if (!rawQuery) return '';
  const pairs = rawQuery
    .split('&')
    .filter(Boolean)
    .map((part) => {
      const i = part.indexOf('=');
      const [k, v] = i < 0 ? [part, ''] : [part.slice(0, i), part.slice(i + 1)];
      return [uriEncode(percentDecode(k)), uriEncode(percentDecode(v))] as const;
    });
  pairs.sort(([ak, av], [bk, bv]) => (ak < bk ? -1 : ak > bk ? 1 : av < bv ? -1 : av > bv ? 1 : 0));
  return pairs.map(([k, v]) => `${k}=${v}`).join('&');
}

function percentDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, '%20'));
  } catch {
    return text;
  }
}

const SKEW_LIMIT_MS = 15 * 60 * 1000;
const amz = (d: Date) =>
  d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');

/** AWS rejects signatures dated more than 15 minutes from its clock; the SDK corrects its clock and retries. */
function clockSkewMessage(amzDate: string): string | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(amzDate);
  if (!m) return undefined;
  const signed = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]);
  const now = Date.now();
  const nowText = amz(new Date(now));
  if (signed < now - SKEW_LIMIT_MS) {
    return `Signature expired: ${amzDate} is now earlier than ${amz(new Date(now - SKEW_LIMIT_MS))} (${nowText} - 15 min.)`;
  }
  if (signed > now + SKEW_LIMIT_MS) {
    return `Signature not yet current: ${amzDate} is still later than ${amz(new Date(now + SKEW_LIMIT_MS))} (${nowText} + 15 min.)`;
  }
  return undefined;
}

function header(headers: AuthInput['headers'], name: string): string {
  const v = headers[name];
  return Array.isArray(v) ? v.join(',') : (v ?? '');
}
