import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { BEARER_TOKEN, scanForSecrets, SESSION_CREDENTIAL } from '../../harness/secrets';

describe('the harness secret scan', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'secret-scan-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('finds a credential in any file of the run, however deep, and names which one', () => {
    fs.mkdirSync(path.join(dir, 'user-data', 'logs', 'exthost1', 'output_logging_1'), { recursive: true });
    fs.writeFileSync(
      path.join(dir, 'user-data', 'logs', 'exthost1', 'output_logging_1', '1-Bedrock.log'),
      `answer\nAuthorization: Bearer ${BEARER_TOKEN}\n`,
    );
    fs.writeFileSync(
      path.join(dir, 'state.vscdb'),
      Buffer.concat([Buffer.from([0, 1, 2]), Buffer.from(SESSION_CREDENTIAL.sessionToken), Buffer.from([0])]),
    );
    const leaks = scanForSecrets(dir)
      .map((l) => [path.relative(dir, l.file), l.secret])
      .sort();
    assert.deepEqual(
      leaks,
      [
        ['state.vscdb', 'the session token'],
        [path.join('user-data', 'logs', 'exthost1', 'output_logging_1', '1-Bedrock.log'), 'the bearer token'],
      ].sort(),
    );
  });

  it('leaves the throwaway ~/.aws alone, where the credentials belong', () => {
    fs.mkdirSync(path.join(dir, 'home', '.aws'), { recursive: true });
    fs.writeFileSync(
      path.join(dir, 'home', '.aws', 'credentials'),
      `aws_session_token = ${SESSION_CREDENTIAL.sessionToken}\n`,
    );
    fs.writeFileSync(path.join(dir, 'clean.log'), 'nothing to see');
    assert.deepEqual(scanForSecrets(dir, [path.join(dir, 'home', '.aws')]), []);
  });
});
