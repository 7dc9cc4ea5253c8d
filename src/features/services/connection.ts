// The connection an invocation uses: settings, the profile's region (or one the user picks now), and a
// one-time notice when environment variables override the chosen profile.
import * as vscode from 'vscode';
import { isRegionMissingError, type ConnectionSettings, type ResolvedConnection } from '../../core/bedrock';
import { BEDROCK_REGIONS } from '../../core/regions';
import { config } from '../config';
import type { Ctx } from '../context';
import { confirmWorkspaceEndpoint } from '../trust';

export async function pickRegion(title: string): Promise<string | undefined> {
  const picked = await vscode.window.showQuickPick(
    BEDROCK_REGIONS.map((r) => ({ label: r.id, description: r.name })),
    {
      title,
      placeHolder: 'Region to send Bedrock requests to (saved in the setting bedrock.region)',
      ignoreFocusOut: true,
    },
  );
  return picked?.label;
}

export interface Connection {
  settings: ConnectionSettings;
  resolved: ResolvedConnection;
}

/**
 * Resolves the configured connection; asks for a region when none is known, and confirms a non-AWS endpoint that
 * the workspace set. Undefined when the user gives up or declines: then nothing may be sent.
 */
export async function resolveConnection(ctx: Ctx): Promise<Connection | undefined> {
  if (!(await confirmWorkspaceEndpoint(ctx))) return undefined;
  let settings = config.connection();
  for (const override of ctx.bedrock.environmentOverrides(settings))
    ctx.warnOnce(`env:${override.variable}`, override.message);
  try {
    return { settings, resolved: await ctx.bedrock.resolve(settings) };
  } catch (error) {
    if (!isRegionMissingError(error)) throw error;
    const region = await pickRegion(`No region is set for AWS profile "${settings.profile ?? 'default'}": pick one`);
    if (!region) return undefined;
    await config.update('region', region);
    settings = { ...settings, region };
    return { settings, resolved: await ctx.bedrock.resolve(settings) };
  }
}
