// "Sign in (aws sso login --profile X)" and "Sign in (aws login --profile X)": runs the login command in a terminal,
// waits for it to exit, then drops the profile's clients and runs the request again, so a fresh SSO token or
// `aws login` session is used without restarting anything.
import * as vscode from 'vscode';
import { config } from '../config';
import type { Ctx } from '../context';

const DEFAULT_LOGIN_COMMAND = 'aws sso login --profile ${profile}';
const DEFAULT_AWS_LOGIN_COMMAND = 'aws login --profile ${profile}';

/** Which sign-in renews the profile: IAM Identity Center (`aws sso login`) or a `login_session` (`aws login`). */
export type SignInKind = 'sso' | 'login';

function shellWord(word: string): string {
  if (/^[\w.@%+=:,/-]+$/.test(word)) return word;
  return process.platform === 'win32' ? `"${word.replace(/"/g, '""')}"` : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** The command the user's setting (bedrock.ssoLoginCommand, or bedrock.awsLoginCommand) makes for a profile. */
export function loginCommandFor(profile: string, ssoSession?: string, kind: SignInKind = 'sso'): string {
  const template =
    kind === 'login'
      ? (config.awsLoginCommand() ?? DEFAULT_AWS_LOGIN_COMMAND)
      : (config.ssoLoginCommand() ?? DEFAULT_LOGIN_COMMAND);
  return template
    .replace(/\$\{profile\}/g, shellWord(profile))
    .replace(/\$\{ssoSession\}/g, shellWord(ssoSession ?? profile));
}

/** Resolves with the exit code once the terminal's process ended (undefined when the user closed it first). */
function exitOf(terminal: vscode.Terminal): Promise<number | undefined> {
  return new Promise((resolve) => {
    const done = (code: number | undefined) => {
      closed.dispose();
      clearInterval(poll);
      resolve(code);
    };
    const closed = vscode.window.onDidCloseTerminal((t) => {
      if (t === terminal) done(t.exitStatus?.code);
    });
    // The exit status is set when the process ends, which can be before (or without) the terminal closing.
    const poll = setInterval(() => {
      if (terminal.exitStatus) done(terminal.exitStatus.code);
    }, 250);
  });
}

export interface SignInTarget {
  profile: string;
  ssoSession?: string;
  /** Default 'sso'. */
  kind?: SignInKind;
  /** Runs the request that failed, again. */
  retry(): Promise<unknown>;
}

export async function signIn(ctx: Ctx, target: SignInTarget): Promise<unknown> {
  const command = loginCommandFor(target.profile, target.ssoSession, target.kind);
  const windows = process.platform === 'win32';
  const terminal = vscode.window.createTerminal({
    name: `AWS sign-in (${target.profile})`,
    shellPath: windows ? 'cmd.exe' : '/bin/sh',
    shellArgs: windows ? ['/d', '/c', command] : ['-c', command],
  });
  terminal.show();
  const code = await exitOf(terminal);
  if (code !== 0) {
    void vscode.window.showWarningMessage(
      code === undefined
        ? `Sign-in for profile "${target.profile}" was closed before it finished. Run "${command}" and try again.`
        : `"${command}" ended with exit code ${code}. Check the terminal, then try again.`,
    );
    return undefined;
  }
  // New clients re-read the token cache; the old ones would keep failing with the expired token.
  ctx.bedrock.invalidate({ profile: target.profile });
  return target.retry();
}
