// Workspace trust and endpoints. A repository is untrusted input: opening a stranger's repository must not use the
// user's AWS identity, send their secrets anywhere or spend money without a yes.
import * as vscode from 'vscode';
import { checkEndpoint, redact } from '../../core/security';
import { WORKBENCH_COMMANDS } from '../commands';
import { config } from '../config';
import type { Ctx } from '../context';

const CONFIRMED_ENDPOINT_KEY = 'bedrock.confirmedWorkspaceEndpoint';

/**
 * True when the workspace is trusted. Otherwise explains why running needs trust and offers to manage it, and
 * resolves false: nothing is sent now, and nothing is sent later behind the user's back when trust is granted for
 * another reason; once the workspace is trusted, the user runs the request again.
 */
export async function ensureTrusted(action: string): Promise<boolean> {
  if (vscode.workspace.isTrusted) return true;
  const manage = 'Manage Workspace Trust';
  const choice = await vscode.window.showWarningMessage(
    `${action} needs a trusted workspace.`,
    {
      modal: true,
      detail:
        'This workspace is in Restricted Mode. Running it sends a request to Amazon Bedrock signed with your AWS ' +
        'credentials, which can cost money, and the request files come from this repository. Trust the workspace ' +
        'if you know where it comes from, then run the request again; nothing is sent until then.',
    },
    manage,
  );
  if (choice === manage) await vscode.commands.executeCommand(WORKBENCH_COMMANDS.manageTrust);
  return false;
}

/** A non-AWS endpoint that comes from workspace or folder settings (not from the user's own settings), if any. */
export function workspaceEndpoint(): { value: string; reason: string } | undefined {
  const value = config.workspaceEndpoint();
  if (!value) return undefined;
  const verdict = checkEndpoint(value);
  return verdict.aws ? undefined : { value, reason: verdict.reason ?? 'not an AWS endpoint' };
}

/** True when the workspace's non-AWS endpoint (if it sets one) was confirmed already: a silent request may go there. */
export function workspaceEndpointConfirmed(ctx: Ctx): boolean {
  const endpoint = workspaceEndpoint();
  return !endpoint || ctx.extension.workspaceState.get<string>(CONFIRMED_ENDPOINT_KEY) === endpoint.value;
}

/**
 * Before the first request goes to a non-AWS endpoint set by the workspace, ask once per workspace (and again if
 * the workspace changes it). False when the user declines: nothing may be sent.
 */
export async function confirmWorkspaceEndpoint(ctx: Ctx): Promise<boolean> {
  const endpoint = workspaceEndpoint();
  if (!endpoint) return true;
  if (ctx.extension.workspaceState.get<string>(CONFIRMED_ENDPOINT_KEY) === endpoint.value) return true;
  // Shown without the password of a URL that carries one (the confirmation still names the host).
  const shown = redact(endpoint.value);
  const send = `Send to ${shown}`;
  const choice = await vscode.window.showWarningMessage(
    `This workspace sends Bedrock requests to ${shown}.`,
    {
      modal: true,
      detail:
        `The workspace settings set bedrock.endpoint, and ${endpoint.reason} Requests carry your AWS signature, and a ` +
        'Bedrock API key (AWS_BEARER_TOKEN_BEDROCK) would travel there in clear. Send requests there only if you ' +
        'know and trust that endpoint. You are asked once for this workspace.',
    },
    send,
  );
  if (choice !== send) return false;
  await ctx.extension.workspaceState.update(CONFIRMED_ENDPOINT_KEY, endpoint.value);
  return true;
}
