// Turns a classified problem into a notification whose buttons carry the fixes that apply.
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { awsLoginCommand, ssoLoginCommand, type ResolvedConnection } from '../../core/bedrock';
import type { FixId, Problem } from '../../core/errors/classify';
import { invokePolicy } from '../../core/errors/policy';
import { COMMANDS, EXTENSION_ID, INTERNAL_COMMANDS, WORKBENCH_COMMANDS } from '../commands';
import { config } from '../config';
import { pickRegion } from '../services/connection';
import { retryAfter, THROTTLE_WAIT_SECONDS } from './retry';
import { redact } from '../../core/security';

/** The fixes a notification can offer, with button labels. Fixes that need an editor (JSON edits) live elsewhere. */
const BUTTONS: Partial<Record<FixId, string>> = {
  retry: 'Retry',
  retryWithoutStreaming: 'Run without Streaming',
  selectRegion: 'Select Region',
  selectModel: 'Select Model',
  ssoLogin: 'Sign in',
  awsLogin: 'Sign in (aws login)',
  openSettings: 'Open Settings',
  openAwsConfig: 'Open AWS Config',
  openModelAccess: 'Open Model Access',
  openServiceQuotas: 'Open Service Quotas',
  selectProfile: 'Select Profile',
  copyPolicy: 'Copy IAM Policy',
};

export interface ProblemHandlers {
  retry(options?: { stream?: boolean }): Promise<unknown>;
  connection: ResolvedConnection;
}

export async function showProblem(problem: Problem, handlers: ProblemHandlers): Promise<void> {
  const offered = problem.fixes.filter((fix) => BUTTONS[fix]);
  const labels = offered.map((fix) => BUTTONS[fix] as string);
  const choice = await vscode.window.showErrorMessage(redact(`${problem.message} ${problem.hint}`), ...labels);
  const fix = offered[labels.indexOf(choice ?? '')];
  switch (fix) {
    case 'retry':
      // Throttling has just outlasted the SDK's own retries: wait a visible moment before trying again.
      if (problem.kind === 'throttling')
        await retryAfter(THROTTLE_WAIT_SECONDS, 'retrying after throttling', () => handlers.retry());
      else await handlers.retry();
      return;
    case 'retryWithoutStreaming':
      await handlers.retry({ stream: false });
      return;
    case 'selectRegion': {
      const region = await pickRegion('Select the region for Bedrock requests');
      if (region) {
        await config.update('region', region);
        await handlers.retry();
      }
      return;
    }
    case 'selectModel': {
      const chosen = await vscode.commands.executeCommand<string | undefined>(COMMANDS.selectModel, {
        purpose: 'text',
      });
      if (chosen) await handlers.retry();
      return;
    }
    case 'ssoLogin': {
      // The diagnostics feature signs in and retries once the login command has succeeded.
      const commands = await vscode.commands.getCommands(true);
      if (commands.includes(INTERNAL_COMMANDS.signIn)) {
        const { profile, ssoSession } = handlers.connection;
        await vscode.commands.executeCommand(INTERNAL_COMMANDS.signIn, {
          profile,
          ssoSession,
          retry: () => handlers.retry(),
        });
        return;
      }
      const terminal = vscode.window.createTerminal({ name: 'AWS SSO login' });
      terminal.show();
      terminal.sendText(ssoLoginCommand(handlers.connection));
      return;
    }
    case 'awsLogin': {
      const commands = await vscode.commands.getCommands(true);
      const { profile } = handlers.connection;
      if (commands.includes(INTERNAL_COMMANDS.signIn)) {
        await vscode.commands.executeCommand(INTERNAL_COMMANDS.signIn, {
          profile,
          kind: 'login',
          retry: () => handlers.retry(),
        });
        return;
      }
      const terminal = vscode.window.createTerminal({ name: 'AWS login' });
      terminal.show();
      terminal.sendText(awsLoginCommand(profile));
      return;
    }
    case 'openSettings':
      await vscode.commands.executeCommand(WORKBENCH_COMMANDS.openSettings, `@ext:${EXTENSION_ID}`);
      return;
    case 'openAwsConfig':
      await vscode.commands.executeCommand(
        WORKBENCH_COMMANDS.open,
        vscode.Uri.file(process.env.AWS_CONFIG_FILE || path.join(os.homedir(), '.aws', 'config')),
      );
      return;
    case 'openModelAccess':
      await vscode.env.openExternal(
        vscode.Uri.parse(
          `https://console.aws.amazon.com/bedrock/home?region=${handlers.connection.region}#/modelaccess`,
        ),
      );
      return;
    case 'selectProfile':
      await vscode.commands.executeCommand(COMMANDS.selectProfile);
      return;
    case 'copyPolicy':
      await vscode.env.clipboard.writeText(
        invokePolicy(problem.context?.modelId ?? '*', handlers.connection.region, problem.message),
      );
      void vscode.window.showInformationMessage(
        `An IAM policy that allows invoking ${problem.context?.modelId ?? 'the model'} is on the clipboard.`,
      );
      return;
    case 'openServiceQuotas':
      await vscode.env.openExternal(
        vscode.Uri.parse(
          `https://console.aws.amazon.com/servicequotas/home/services/bedrock/quotas?region=${handlers.connection.region}`,
        ),
      );
      return;
  }
}
