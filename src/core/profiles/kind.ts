// What kind of credentials a profile section holds, decided in the order fromIni tries them
// (@aws-sdk/credential-provider-ini resolveProfileData), so the label matches what will actually sign requests.

export type ProfileKind = 'role' | 'static' | 'web-identity' | 'process' | 'sso' | 'login' | 'unknown';

export type ProfileSection = Readonly<Record<string, string | undefined>>;

export function profileKind(section: ProfileSection): ProfileKind {
  if (section.role_arn && (section.source_profile || section.credential_source)) return 'role';
  if (section.aws_access_key_id && section.aws_secret_access_key) return 'static';
  if (section.role_arn && section.web_identity_token_file) return 'web-identity';
  if (section.credential_process) return 'process';
  if (
    section.sso_session ||
    section.sso_start_url ||
    section.sso_account_id ||
    section.sso_region ||
    section.sso_role_name
  )
    return 'sso';
  if (section.login_session) return 'login';
  return 'unknown';
}

export const PROFILE_KIND_LABELS: Record<ProfileKind, string> = {
  role: 'assume role',
  static: 'access keys',
  'web-identity': 'web identity',
  process: 'credential process',
  sso: 'SSO',
  login: 'aws login',
  unknown: 'no credentials',
};
