// `Bedrock: Select AWS Profile`, `Bedrock: Select Region` and the menu behind the status bar's `profile · region`
// item. Choices go to the settings (workspace when the workspace sets them) and the client pool forgets the
// profile's clients, so the next request re-reads its config and credentials.
import * as vscode from 'vscode';
import { messageOf } from '../../core/errors';
import { listProfiles, PROFILE_KIND_LABELS, type AwsProfile } from '../../core/profiles';
import { BEDROCK_REGIONS } from '../../core/regions';
import { config } from '../config';
import type { Ctx } from '../context';
import { openPicker } from './quickPick';
import { redact } from '../../core/security';

type ValueItem = vscode.QuickPickItem & { value?: string };

const separator = (label: string): ValueItem => ({ label, kind: vscode.QuickPickItemKind.Separator });

async function readProfiles(): Promise<{ profiles: AwsProfile[]; error?: string }> {
  try {
    return { profiles: await listProfiles() };
  } catch (error) {
    return { profiles: [], error: messageOf(error) };
  }
}

function currentProfileName(): string {
  return config.connection().profile ?? process.env.AWS_PROFILE ?? 'default';
}

/** Warns when environment variables will keep signing with something other than the chosen profile. */
function warnAboutOverrides(ctx: Ctx): void {
  for (const override of ctx.bedrock.environmentOverrides(config.connection()))
    void vscode.window.showWarningMessage(redact(override.message));
}

export async function selectProfile(ctx: Ctx): Promise<string | undefined> {
  const current = currentProfileName();
  const picker = openPicker<ValueItem>({
    title: 'Bedrock: Select AWS Profile',
    placeholder: 'Profile whose credentials sign Bedrock requests (saved in the setting bedrock.profile)',
  });
  const { profiles, error } = await readProfiles();
  const items: ValueItem[] = profiles.map((p) => ({
    label: `${p.name === current ? '$(check) ' : ''}${p.name}`,
    description: [PROFILE_KIND_LABELS[p.kind], p.region ?? 'no region'].join(' · '),
    detail: p.ssoSession ? `SSO session ${p.ssoSession}` : undefined,
    value: p.name,
  }));
  if (!items.length) {
    items.push({
      label: '$(info) No profiles found',
      detail: error ?? 'Add one to ~/.aws/config (aws configure or aws configure sso), or enter its name.',
      alwaysShow: true,
    });
  }
  items.push(separator(''), { label: '$(edit) Enter a profile name...', alwaysShow: true, value: '\0enter' });
  picker.show(
    items,
    items.find((i) => i.value === current),
  );
  const picked = await picker.done;
  let name = picked?.value;
  if (name === '\0enter') {
    name = (
      await vscode.window.showInputBox({ title: 'Bedrock: AWS profile name', value: current, ignoreFocusOut: true })
    )?.trim();
  }
  if (!name) return undefined;
  await config.update('profile', name);
  ctx.bedrock.invalidate({ profile: name });
  warnAboutOverrides(ctx);
  return name;
}

export async function selectRegion(ctx: Ctx): Promise<string | undefined> {
  const settings = config.connection();
  const profileName = currentProfileName();
  const picker = openPicker<ValueItem>({
    title: 'Bedrock: Select Region',
    placeholder: 'Region to send Bedrock requests to (saved in the setting bedrock.region)',
  });
  const { profiles } = await readProfiles();
  const own = profiles.find((p) => p.name === profileName)?.region;
  const chosen = settings.region;
  const items: ValueItem[] = [];
  if (own) {
    items.push({
      label: `${chosen ? '' : '$(check) '}${own}`,
      description: `the region of profile ${profileName}`,
      detail: 'Follows the profile: clears the setting bedrock.region',
      value: '',
    });
    items.push(separator('Regions where Bedrock runs'));
  }
  for (const r of BEDROCK_REGIONS) {
    items.push({ label: `${r.id === chosen ? '$(check) ' : ''}${r.id}`, description: r.name, value: r.id });
  }
  picker.show(
    items,
    items.find((i) => i.value === (chosen ?? '')),
  );
  const picked = await picker.done;
  if (picked?.value === undefined) return undefined;
  await config.update('region', picked.value);
  ctx.bedrock.invalidate(config.connection());
  return picked.value || own;
}

/** The status bar's profile and region menu. */
export async function switchConnection(ctx: Ctx, reload: () => void): Promise<void> {
  const settings = config.connection();
  let region = settings.region ?? '';
  try {
    region = (await ctx.bedrock.resolve(settings)).region;
  } catch {
    // No region yet: the menu offers to pick one.
  }
  const items: ValueItem[] = [
    { label: '$(account) Select AWS Profile...', description: currentProfileName(), value: 'profile' },
    { label: '$(globe) Select Region...', description: region || 'no region', value: 'region' },
    {
      label: '$(refresh) Reload AWS Config and Model Lists',
      description: 're-read ~/.aws files and list models again',
      value: 'reload',
    },
  ];
  for (const override of ctx.bedrock.environmentOverrides(settings)) {
    items.push(separator('Environment'), {
      label: `$(warning) ${override.variable} overrides the profile`,
      detail: override.message,
      value: 'override',
    });
  }
  const picker = openPicker<ValueItem>({
    title: 'Bedrock: AWS Profile and Region',
    placeholder: 'Switch what signs Bedrock requests and where they go',
  });
  picker.show(items);
  switch ((await picker.done)?.value) {
    case 'profile':
      await selectProfile(ctx);
      break;
    case 'region':
      await selectRegion(ctx);
      break;
    case 'reload':
      ctx.bedrock.invalidate();
      reload();
      break;
  }
}
