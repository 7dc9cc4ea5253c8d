// Throwaway shared AWS config files in a temp dir, so no test ever reads or writes the real ~/.aws.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestKey {
  accessKeyId: string;
  secretAccessKey: string;
}

/** Keys the emulator is told to accept, one per profile, so a record's accessKeyId names the profile used. */
export const DEFAULT_KEY: TestKey = { accessKeyId: 'AKIAEMULATOREXAMPLE', secretAccessKey: 'emulatorSecretKeyExample' };
export const STATIC_KEY: TestKey = {
  accessKeyId: 'AKIASTATICPROFILE01',
  secretAccessKey: 'staticProfileSecretExample',
};
export const PROCESS_KEY: TestKey = {
  accessKeyId: 'ASIAPROCESSPROFILE1',
  secretAccessKey: 'processProfileSecretExample',
};
export const PROCESS_SESSION_TOKEN = 'processProfileSessionTokenExample';
export const ENV_KEY: TestKey = { accessKeyId: 'AKIAENVIRONMENTKEY1', secretAccessKey: 'environmentSecretExample' };
export const NOREGION_KEY: TestKey = { accessKeyId: 'AKIANOREGIONPROFILE', secretAccessKey: 'noRegionSecretExample' };
/** The role profile `role` assumes (through STS, with the `static` profile's keys). */
export const ROLE_ARN = 'arn:aws:iam::123456789012:role/BedrockInvoke';
export const BEARER_TOKEN = 'ABSKZW11bGF0b3JCZWFyZXJUb2tlbkV4YW1wbGU=';

export interface AwsFiles {
  dir: string;
  configFile: string;
  credentialsFile: string;
  remove(): void;
}

export function writeAwsFiles(): AwsFiles {
  const dir = mkdtempSync(join(tmpdir(), 'bedrock-aws-'));
  const processScript = join(dir, 'credential-process.js');
  const expiration = new Date(Date.now() + 3600_000).toISOString();
  writeFileSync(
    processScript,
    `process.stdout.write(JSON.stringify(${JSON.stringify({
      Version: 1,
      AccessKeyId: PROCESS_KEY.accessKeyId,
      SecretAccessKey: PROCESS_KEY.secretAccessKey,
      SessionToken: PROCESS_SESSION_TOKEN,
      Expiration: expiration,
    })}));\n`,
  );
  const configFile = join(dir, 'config');
  writeFileSync(
    configFile,
    [
      '[default]',
      'region = eu-west-1',
      '',
      '[profile static]',
      'region = us-west-2',
      '',
      '[profile proc]',
      'region = ap-southeast-2',
      `credential_process = "${process.execPath}" "${processScript}"`,
      '',
      '[profile noregion]',
      '',
      '[profile role]',
      'region = ca-central-1',
      `role_arn = ${ROLE_ARN}`,
      'source_profile = static',
      'role_session_name = unit-tests',
      '',
      '[profile role-denied]',
      'region = ca-central-1',
      'role_arn = arn:aws:iam::123456789012:role/BedrockNoTrust',
      'source_profile = static',
      '',
    ].join('\n'),
  );
  const credentialsFile = join(dir, 'credentials');
  writeFileSync(
    credentialsFile,
    [
      ...keySection('default', DEFAULT_KEY),
      ...keySection('static', STATIC_KEY),
      ...keySection('noregion', NOREGION_KEY),
    ].join('\n'),
  );
  return { dir, configFile, credentialsFile, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

function keySection(name: string, key: TestKey): string[] {
  return [`[${name}]`, `aws_access_key_id = ${key.accessKeyId}`, `aws_secret_access_key = ${key.secretAccessKey}`, ''];
}

/** An environment with none of the AWS_* variables that would change what these tests exercise. */
export function cleanEnv(extra: Record<string, string> = {}): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('AWS_')) env[k] = v;
  return { ...env, ...extra };
}
