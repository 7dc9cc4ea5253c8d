// Two status bar items: the model the next request uses (the active request file's, else the setting), and the
// `profile · region` it is signed with and sent to, in warning colours when environment variables override the
// profile. Both are recomputed when settings, the active editor or a request file's text change.
import * as vscode from 'vscode';
import { messageOf } from '../../core/errors';
import { isRegionMissingError, type ResolvedConnection } from '../../core/bedrock';
import { builtInCatalog, displayName, type Catalog, type ModelDiscovery } from '../../core/discovery';
import { resolveModel } from '../../core/models';
import { COMMANDS } from '../commands';
import { config } from '../config';
import type { Ctx } from '../context';
import { requestFileModel } from './requestFileModel';
import { workspaceEndpoint } from '../trust';
import { redact } from '../../core/security';

/** Names for well-known models before any listing (the status bar never lists on its own). */
const KNOWN_NAMES = builtInCatalog('', '', { kind: 'unknown', errorName: '', reason: '' });

function code(text: string): string {
  return `\`${text.replace(/`/g, "'")}\``;
}

export class SwitcherStatusBar implements vscode.Disposable {
  readonly model = vscode.window.createStatusBarItem('bedrock.model', vscode.StatusBarAlignment.Right, 101);
  readonly connection = vscode.window.createStatusBarItem('bedrock.connection', vscode.StatusBarAlignment.Right, 100);
  private generation = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly ctx: Ctx,
    private readonly discovery: ModelDiscovery,
  ) {
    this.model.name = 'Bedrock Model';
    this.model.command = COMMANDS.selectModel;
    this.connection.name = 'Bedrock Profile and Region';
    this.connection.command = COMMANDS.switchConnection;
  }

  /** Recomputes both items soon; bursts (typing in a request file) collapse into one update. */
  schedule(delayMs = 150): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.update(), delayMs);
  }

  async update(): Promise<void> {
    const mine = ++this.generation;
    if (!config.showStatusBar()) {
      this.model.hide();
      this.connection.hide();
      return;
    }
    const settings = config.connection();
    const fromFile = await requestFileModel(this.ctx.requestFiles, vscode.window.activeTextEditor);
    const modelId = fromFile?.modelId ?? config.modelId();
    const overrides = this.ctx.bedrock.environmentOverrides(settings);
    let resolved: ResolvedConnection | undefined;
    let problem: string | undefined;
    try {
      resolved = await this.ctx.bedrock.resolve(settings);
    } catch (error) {
      problem = isRegionMissingError(error) ? 'no region' : messageOf(error);
    }
    const catalog = await this.discovery.cached(settings);
    if (mine !== this.generation) return;

    const profile = resolved?.profile ?? settings.profile ?? 'default';
    const region = resolved?.region ?? (problem === 'no region' ? 'no region' : '?');
    const keySigns = resolved?.credentialSource === 'apiKey';
    this.connection.text = keySigns
      ? `$(key) API key · ${region}`
      : `${overrides.length ? '$(warning)' : '$(account)'} ${profile} · ${region}`;
    this.connection.backgroundColor =
      overrides.length || workspaceEndpoint() ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    const connectionTip = new vscode.MarkdownString(undefined, true);
    connectionTip.appendMarkdown(`**AWS profile** ${code(profile)} · **Region** ${code(region)}\n\n`);
    if (keySigns) {
      const which = resolved?.apiKeyScope === 'region' ? `stored for ${code(region)}` : 'stored for all regions';
      connectionTip.appendMarkdown(
        `$(key) **Signed with a Bedrock API key** (${which}, in VS Code's secret storage), not with the credentials of profile ${code(profile)}. ` +
          'Run **Bedrock: Clear API Key** to sign with the profile again.\n\n',
      );
    }
    if (resolved?.endpoint) connectionTip.appendMarkdown(`**Endpoint** ${code(redact(resolved.endpoint))}\n\n`);
    const fromWorkspace = workspaceEndpoint();
    if (fromWorkspace) {
      connectionTip.appendMarkdown(
        `$(shield) The workspace settings send requests to ${code(fromWorkspace.value)}: ${fromWorkspace.reason} ` +
          'You are asked once before the first request goes there.\n\n',
      );
    }
    if (problem && problem !== 'no region') connectionTip.appendMarkdown(`$(error) ${problem}\n\n`);
    for (const o of overrides) connectionTip.appendMarkdown(`$(warning) ${o.message}\n\n`);
    connectionTip.appendMarkdown('Click to select the AWS profile or region.');
    this.connection.tooltip = connectionTip;

    this.model.text = modelId
      ? `$(sparkle) ${displayName(modelId, catalog ?? KNOWN_NAMES)}`
      : '$(sparkle) Select Model';
    this.model.tooltip = this.modelTooltip(
      modelId,
      fromFile?.modelId ? fromFile.name : undefined,
      profile,
      region,
      resolved,
      catalog,
      fromFile?.request?.stream,
    );
    this.model.show();
    this.connection.show();
  }

  private modelTooltip(
    modelId: string | undefined,
    fileName: string | undefined,
    profile: string,
    region: string,
    resolved: ResolvedConnection | undefined,
    catalog: Catalog | undefined,
    fileStream: boolean | undefined,
  ): vscode.MarkdownString {
    const tip = new vscode.MarkdownString(undefined, true);
    if (!modelId) {
      tip.appendMarkdown('**No Bedrock model selected.** Click to pick one.');
      return tip;
    }
    tip.appendMarkdown(`**Bedrock model** ${code(modelId)}\n\n`);
    tip.appendMarkdown(
      fileName ? `From the request file ${code(fileName)}\n\n` : 'From the setting `bedrock.modelId`\n\n',
    );
    tip.appendMarkdown(`**Profile** ${code(profile)} · **Region** ${code(region)}\n\n`);
    tip.appendMarkdown(
      `**Endpoint** ${resolved?.endpoint ? code(redact(resolved.endpoint)) : `AWS (bedrock-runtime.${region}.amazonaws.com)`}\n\n`,
    );
    tip.appendMarkdown(`**Streams** ${this.streaming(modelId, catalog, fileStream)}\n\n`);
    tip.appendMarkdown('Click to select another model.');
    return tip;
  }

  private streaming(modelId: string, catalog: Catalog | undefined, fileStream: boolean | undefined): string {
    const resolution = resolveModel(modelId);
    const listed = resolution.baseModelId
      ? catalog?.models.find((m) => m.modelId === resolution.baseModelId)
      : undefined;
    const modelStreams = listed?.streaming ?? resolution.family?.streams;
    const wanted = fileStream ?? config.stream();
    if (modelStreams === false) return 'no (the model does not stream)';
    if (!wanted)
      return fileStream === false
        ? 'no (the request file sets "stream": false)'
        : 'no (the setting bedrock.stream is off)';
    return modelStreams ? 'yes' : 'yes, if the model supports it';
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.model.dispose();
    this.connection.dispose();
  }
}
