// The credentials a test run hands out, and the scan that proves none of them ends up in anything the run produced:
// logs, Output channels, documents, settings, saved files, the workbench's storage. Only the throwaway ~/.aws, where
// a user keeps them, may hold them.
import * as fs from 'fs';
import * as path from 'path';
import { DEFAULT_ACCESS_KEY_ID, DEFAULT_SECRET_ACCESS_KEY, type EmulatorCredential } from '../emulator';

/** A profile that signs with temporary credentials (a session token), as SSO and assume-role profiles do. */
export const SESSION_CREDENTIAL: Required<
  Pick<EmulatorCredential, 'accessKeyId' | 'secretAccessKey' | 'sessionToken'>
> = {
  accessKeyId: 'ASIAEMULATORSESSION1',
  secretAccessKey: 'emulatorSessionSecretKeyExample0123456789',
  sessionToken: 'IQoJb3JpZ2luX2VjEMULATORsessionTokenExampleDoNotLeak0123456789abcdefghij',
};

/** A Bedrock API key, as AWS_BEARER_TOKEN_BEDROCK carries it. */
export const BEARER_TOKEN = 'ABSKRW11bGF0b3JCZWFyZXJUb2tlbkZvclRlc3RzRG9Ob3RMZWFr';

export const EMULATOR_CREDENTIALS: EmulatorCredential[] = [
  { accessKeyId: DEFAULT_ACCESS_KEY_ID, secretAccessKey: DEFAULT_SECRET_ACCESS_KEY },
  SESSION_CREDENTIAL,
];

/** Secret values (never key IDs, which are not secret) that must not appear outside ~/.aws. */
export const SECRETS: Record<string, string> = {
  'the emulator secret key': DEFAULT_SECRET_ACCESS_KEY,
  'the session profile secret key': SESSION_CREDENTIAL.secretAccessKey,
  'the session token': SESSION_CREDENTIAL.sessionToken,
  'the bearer token': BEARER_TOKEN,
};

export interface Leak {
  file: string;
  secret: string;
}

/** Every file under `root` (but `exclude`) that contains a secret, byte for byte. */
export function scanForSecrets(root: string, exclude: string[] = []): Leak[] {
  const needles = Object.entries(SECRETS).map(([name, value]) => [name, Buffer.from(value)] as const);
  const leaks: Leak[] = [];
  const visit = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (exclude.some((e) => full === e || full.startsWith(`${e}${path.sep}`))) continue;
      if (entry.isDirectory()) visit(full);
      else if (entry.isFile()) {
        let content: Buffer;
        try {
          content = fs.readFileSync(full);
        } catch {
          continue; // sockets, files removed meanwhile
        }
        for (const [name, needle] of needles) if (content.includes(needle)) leaks.push({ file: full, secret: name });
      }
    }
  };
  visit(root);
  return leaks;
}

export function describeLeaks(leaks: Leak[]): string {
  return leaks.map((l) => `  ${l.secret} in ${l.file}`).join('\n');
}
