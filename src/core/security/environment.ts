// Which environment variables a request file may read with ${env:NAME}. A repository is untrusted input: a request
// file must not be able to copy the user's secrets into a request body that travels to a model (or an endpoint).
import { secretShapeOf } from './secretScan';

/** AWS variables that hold or point to credentials. */
const AWS_CREDENTIAL_VARIABLES = new Set([
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_SECURITY_TOKEN',
  'AWS_BEARER_TOKEN_BEDROCK',
  'AWS_WEB_IDENTITY_TOKEN_FILE',
  'AWS_CONTAINER_AUTHORIZATION_TOKEN',
  'AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE',
  'AWS_CONTAINER_CREDENTIALS_FULL_URI',
  'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
]);

/**
 * The name rule. A name is split into its words (`DB_PASS` -> DB, PASS; `ghToken` -> GH, TOKEN) and refused when
 * - a word contains one of SECRET_SUBSTRINGS (`MY_SECRETS`, `GITHUBTOKEN`, `SLACK_WEBHOOK_URL`),
 * - a word is one of SECRET_WORDS (`GH_PAT`, `MYSQL_PWD`, `DB_PASS`, `CI_JOB_JWT`, `SENTRY_DSN`, `API_KEY`), or
 * - it names a connection URL: a word of CONNECTION_WORDS with one of STORE_WORDS (`DATABASE_URL`, `REDIS_URI`).
 * `PWD` and `OLDPWD` alone are the shell's working directories, not passwords.
 */
const SECRET_SUBSTRINGS = [
  'SECRET',
  'TOKEN',
  'PASSWORD',
  'PASSWD',
  'PASSPHRASE',
  'CREDENTIAL',
  'PRIVATE',
  'APIKEY',
  'ACCESSKEY',
  'WEBHOOK',
  'COOKIE',
  'BEARER',
  'CONNECTIONSTRING',
  'CONNSTRING',
];
const SECRET_WORDS = new Set([
  'KEY',
  'KEYS',
  'PAT',
  'PWD',
  'PASS',
  'PW',
  'PSW',
  'JWT',
  'DSN',
  'AUTH',
  'SESSION',
  'SESSID',
  'SID',
  'CERT',
  'PEM',
  'SALT',
  'HMAC',
  'OTP',
  'CSRF',
  'XSRF',
  'SIGNATURE',
  'CREDS',
  'CRED',
  'CONNSTR',
  'KUBECONFIG',
  'NETRC',
  'PGPASS',
]);
const CONNECTION_WORDS = new Set([
  'URL',
  'URI',
  'DSN',
  'CONNECTION',
  'CONN',
  'CONNSTRING',
  'STRING',
  'ENDPOINT',
  'HOST',
]);
const STORE_WORDS = new Set([
  'DATABASE',
  'DB',
  'SQL',
  'MYSQL',
  'MARIADB',
  'POSTGRES',
  'POSTGRESQL',
  'PG',
  'MSSQL',
  'ORACLE',
  'MONGO',
  'MONGODB',
  'REDIS',
  'MEMCACHED',
  'AMQP',
  'RABBITMQ',
  'KAFKA',
  'BROKER',
  'ELASTICSEARCH',
  'OPENSEARCH',
  'CLICKHOUSE',
  'NEO4J',
  'CASSANDRA',
  'COUCHDB',
  'SMTP',
  'IMAP',
  'LDAP',
  'FTP',
  'SFTP',
  'CACHE',
  'QUEUE',
  'DATASOURCE',
]);
const NOT_SECRETS = new Set(['PWD', 'OLDPWD']);

function wordsOf(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toUpperCase()
    .split(/[^A-Z0-9]+/)
    .filter(Boolean);
}

/** Why a variable's name looks like a secret, or undefined. */
export function secretNameReason(name: string): string | undefined {
  const upper = name.toUpperCase();
  if (AWS_CREDENTIAL_VARIABLES.has(upper) || /^AWS_.*(KEY|TOKEN|SECRET|CREDENTIAL)/.test(upper))
    return 'it is an AWS credential variable';
  if (NOT_SECRETS.has(upper)) return undefined;
  const words = wordsOf(name);
  // Hugging Face's TOKENIZERS_PARALLELISM and the like are about tokenizers, not tokens.
  const joined = words.join('').replace(/TOKENI[SZ]/g, '');
  if (SECRET_SUBSTRINGS.some((s) => joined.includes(s)) || words.some((w) => SECRET_WORDS.has(w)))
    return 'its name looks like a secret';
  if (words.some((w) => CONNECTION_WORDS.has(w)) && words.some((w) => STORE_WORDS.has(w)))
    return 'its name looks like a connection URL, which carries a password';
  return undefined;
}

export interface EnvironmentVerdict {
  allowed: boolean;
  /** Why not, and how to allow it. */
  message?: string;
}

function refusal(name: string, why: string): EnvironmentVerdict {
  return {
    allowed: false,
    message:
      `\${env:${name}} is refused: ${why}, and a request file must not copy secrets into a request. If you want to ` +
      `allow it, add "${name}" to the user setting bedrock.allowedEnvironmentVariables (workspace settings cannot allow it).`,
  };
}

/**
 * The name rule: may `${env:NAME}` read this variable at all? Secret-looking names (see secretNameReason) and every
 * AWS credential variable are refused unless the user allowed the exact name in user settings
 * (`bedrock.allowedEnvironmentVariables`).
 */
export function checkEnvironmentVariable(name: string, allowedByUser: readonly string[]): EnvironmentVerdict {
  if (allowedByUser.includes(name)) return { allowed: true };
  const why = secretNameReason(name);
  return why ? refusal(name, why) : { allowed: true };
}

/**
 * The value rule, after the name passed: a value that looks like a secret (secretShapeOf: AWS or Bedrock keys, PEM
 * blocks, URLs with a user or password, JWTs, long random strings, vendors' token formats) is refused too, unless
 * the user allowed the name. The message never quotes the value.
 */
export async function checkEnvironmentValue(
  name: string,
  value: string,
  allowedByUser: readonly string[],
): Promise<EnvironmentVerdict> {
  if (allowedByUser.includes(name)) return { allowed: true };
  const shape = await secretShapeOf(value);
  return shape ? refusal(name, `its value looks like ${shape}`) : { allowed: true };
}
