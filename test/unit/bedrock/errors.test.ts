import * as assert from 'node:assert/strict';
import { CredentialsProviderError } from '@smithy/core/config';
import {
  RegionMissingError,
  awsLoginCommand,
  isAwsLoginExpiredError,
  isNoCredentialsError,
  isRegionMissingError,
  isSsoExpiredError,
  ssoLoginCommand,
} from '../../../src/core/bedrock';

// Messages exactly as the credential providers word them (docs/bedrock-protocol.md §3.5).
const SSO_MESSAGES = [
  "Value not present for 'clientId' in SSO Token. Cannot refresh. To refresh this SSO session run 'aws sso login' with the corresponding profile.",
  "Token is expired. To refresh this SSO session run 'aws sso login' with the corresponding profile.",
  "The SSO session token associated with profile=ssomissing was not found or is invalid. To refresh this SSO session run 'aws sso login' with the corresponding profile.",
  'The SSO session associated with this profile has expired. To refresh this SSO session run aws sso login with the corresponding profile.',
  'The SSO session associated with this profile is invalid. To refresh this SSO session run aws sso login with the corresponding profile.',
  'UnauthorizedException: Session token not found or invalid',
];

describe('bedrock error predicates', () => {
  for (const message of SSO_MESSAGES) {
    it(`recognises the SSO phrasing "${message.slice(0, 60)}…" as an expired SSO session`, () => {
      const err = new CredentialsProviderError(message, { tryNextLink: false });
      assert.equal(isSsoExpiredError(err), true);
      assert.equal(isNoCredentialsError(err), false);
    });
  }

  it('tells an `aws login` session apart from SSO', () => {
    const err = new CredentialsProviderError(
      'Failed to load a token for session arn:aws:iam::123456789012:user/dev, please re-authenticate using aws login',
    );
    assert.equal(isAwsLoginExpiredError(err), true);
    assert.equal(isSsoExpiredError(err), false);
    assert.equal(isAwsLoginExpiredError(new CredentialsProviderError(SSO_MESSAGES[0])), false);
  });

  it('recognises every phrasing of the login provider: refresh failed (with or without backticks), never signed in', () => {
    for (const message of [
      'Failed to refresh token: Error: socket hang up. Please re-authenticate using aws login',
      'Failed to refresh token: AccessDeniedException. Please re-authenticate using `aws login`',
      'Failed to load token from /home/dev/.aws/login/cache/0a1b.json: Error: ENOENT: no such file or directory',
      'Failed to load token from C:\\Users\\dev\\.aws\\login\\cache\\0a1b.json: Error: ENOENT',
    ]) {
      assert.equal(isAwsLoginExpiredError(new CredentialsProviderError(message)), true, message);
    }
    assert.equal(
      isAwsLoginExpiredError(new CredentialsProviderError('Failed to load token from /tmp/other.json: ENOENT')),
      false,
    );
    assert.equal(awsLoginCommand("my team's"), `aws login --profile 'my team'\\''s'`);
  });

  it('does not call a service error with an SSO-like message an SSO error (only provider errors are)', () => {
    const err = new Error('Session token not found or invalid');
    err.name = 'ExpiredTokenException';
    assert.equal(isSsoExpiredError(err), false);
  });

  it('recognises "no credentials" from fromIni and from the default chain, but not SSO failures', () => {
    assert.equal(
      isNoCredentialsError(
        new CredentialsProviderError(
          'Could not resolve credentials using profile: [nope] in configuration/credentials file(s).',
        ),
      ),
      true,
    );
    assert.equal(
      isNoCredentialsError(
        new CredentialsProviderError('Could not load credentials from any providers', { tryNextLink: false }),
      ),
      true,
    );
    assert.equal(isNoCredentialsError(new CredentialsProviderError(SSO_MESSAGES[3])), false);
    assert.equal(isNoCredentialsError(new Error('Could not load credentials from any providers')), false);
  });

  it('recognises our RegionMissingError and the SDK\'s plain "Region is missing"', () => {
    const ours = new RegionMissingError('work');
    assert.equal(ours.name, 'RegionMissingError');
    assert.match(ours.message, /"work"/);
    assert.equal(isRegionMissingError(ours), true);
    assert.equal(isRegionMissingError(new Error('Region is missing')), true);
    assert.equal(isRegionMissingError(new Error('something else')), false);
  });

  it('suggests aws sso login per profile, or per sso-session when the profile has one', () => {
    assert.equal(ssoLoginCommand({ profile: 'dev' }), 'aws sso login --profile dev');
    assert.equal(ssoLoginCommand({ profile: 'dev', ssoSession: 'corp' }), 'aws sso login --sso-session corp');
    assert.equal(ssoLoginCommand({ profile: "my team's" }), `aws sso login --profile 'my team'\\''s'`);
  });
});
