/**
 * Request authentication as the Bedrock front door does it: SigV4 (service "bedrock", or "sts" for the emulator's
 * STS) verified by re-signing with @smithy/signature-v4, or a Bedrock API key sent as a bearer token.
 */
import { createHash } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';
import { Sha256 } from '@smithy/core/checksum';
import { HttpRequest } from '@smithy/core/protocols';
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
      if (!token.startsWith(API_KEY_PREFIX)) {
        throw new BedrockError('AccessDeniedException', 403, 'Invalid API Key format: Must start with pre-defined prefix');
      }
      if (!this.tokens.has(token)) {
        throw new BedrockError('AccessDeniedException', 403, 'Authentication failed: Please make sure your API Key is valid.');
      }
      return described;
    }
    if (!auth) throw new BedrockError('MissingAuthenticationTokenException', 403, 'Missing Authentication Token');
    const m = AUTH_RE.exec(auth);
    if (!m) {
      throw new BedrockError('IncompleteSignatureException', 403, `Authorization header requires 'Credential', 'Signature' and 'SignedHeaders' parameters.`);
    }
    const [, accessKeyId, , region, service, signedList, signature] = m;
    const cred = this.keys.get(accessKeyId);
    if (!cred) throw new BedrockError('UnrecognizedClientException', 403, INVALID_TOKEN);
    const sessionToken = header(input.headers, 'x-amz-security-token');
    if ((cred.sessionToken ?? '') !== sessionToken) throw new BedrockError('UnrecognizedClientException', 403, INVALID_TOKEN);
    if (cred.expired) throw new BedrockError('ExpiredTokenException', 403, EXPIRED_TOKEN);
    if (service !== expectedService) {
      throw new BedrockError('InvalidSignatureException', 403, `Credential should be scoped to correct service: '${expectedService}'. `);
    }
    const skew = clockSkewMessage(header(input.headers, 'x-amz-date'));
    if (skew) throw new BedrockError('InvalidSignatureException', 403, skew);
    // The signer trusts x-amz-content-sha256, so check it against the bytes that actually arrived.
    const claimedHash = header(input.headers, 'x-amz-content-sha256');
    if (claimedHash && claimedHash !== 'UNSIGNED-PAYLOAD' && claimedHash !== createHash('sha256').update(input.body).digest('hex')) {
      throw new BedrockError('InvalidSignatureException', 403, BAD_SIGNATURE);
    }
    const expected = await expectedSignature(input, cred, region, service, signedList, sessionToken);
    if (expected !== signature) throw new BedrockError('InvalidSignatureException', 403, BAD_SIGNATURE);
    return described;
  }
}

async function expectedSignature(
  input: AuthInput,
  cred: EmulatorCredential,
  region: string,
  service: string,
  signedList: string,
  sessionToken: string,
): Promise<string | undefined> {
  const amzDate = header(input.headers, 'x-amz-date');
  const iso = amzDate.replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, '$1-$2-$3T$4:$5:$6Z');
  const signingDate = new Date(iso);
  if (Number.isNaN(signingDate.getTime())) return undefined;
  const signedHeaders: Record<string, string> = {};
  for (const name of signedList.split(';')) signedHeaders[name] = header(input.headers, name);
  const [path, search = ''] = input.rawUrl.split('?', 2);
  const query: Record<string, string | string[]> = {};
  for (const [k, v] of new URLSearchParams(search)) {
    const prev = query[k];
    query[k] = prev === undefined ? v : ([] as string[]).concat(prev, v);
  }
  const request = new HttpRequest({ method: input.method, protocol: 'http:', hostname: 'emulator', path, query, headers: signedHeaders, body: input.body });
  const signer = new SignatureV4({
    service,
    region,
    sha256: Sha256,
    uriEscapePath: true,
    credentials: { accessKeyId: cred.accessKeyId, secretAccessKey: cred.secretAccessKey, sessionToken: sessionToken || undefined },
  });
  // The signer would add x-amz-security-token / x-amz-content-sha256 only if absent; the client already sent them.
  const signed = await signer.sign(request, { signingDate, signableHeaders: new Set(signedList.split(';')) });
  return /Signature=([0-9a-f]{64})/.exec(String(signed.headers.authorization))?.[1];
}

const SKEW_LIMIT_MS = 15 * 60 * 1000;
const amz = (d: Date) => d.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');

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
