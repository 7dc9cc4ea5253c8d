// The fixes a diagnostic offers, built from its classified problem against the document as it is now: edits of the
// request file (insert, remove or rename a key, replace the model ID, set "stream") and actions (retry, sign in,
// pick a model, open the console...). Selection runs get the same fixes, acting on settings instead of a file.
import * as os from 'os';
import * as path from 'path';
import { modify, type JSONPath } from 'jsonc-parser';
import * as vscode from 'vscode';
import { closestIds, defaultValueFor, invokePolicy, MAX_TOKEN_KEYS, renameFor, type FixId } from '../../core/errors';
import {
  FEATURE_WORDS,
  modelsSupporting,
  type CapableModel,
  type ConverseFeature,
  type ModelDiscovery,
} from '../../core/discovery';
import type { Problem } from '../../core/errors';
import type { ConnectionSettings } from '../../core/bedrock';
import { baseModelIdOf } from '../../core/models/resolve';
import { moveSystemIntoUserTurn, type RequestFile, type RequestSpec } from '../../core/requestFile';
import { COMMANDS, WORKBENCH_COMMANDS } from '../commands';
import { config, settingId } from '../config';
import type { Ctx } from '../context';
import { pickModel } from '../ui/modelPicker';
import type { RecentModels } from '../services/recentModels';
import { writeModelId } from '../modelSwitcher/requestFileModel';
import type { Entry } from '../diagnostics/model';
import { familyOf } from '../diagnostics/placement';
import { retryAfter, THROTTLE_WAIT_SECONDS } from './retry';
import { loginCommandFor, signIn } from './signIn';

export interface FixAction {
  title: string;
  edit?: vscode.WorkspaceEdit;
  run?: () => Promise<unknown>;
  preferred?: boolean;
}

export interface FixDeps {
  ctx: Ctx;
  discovery: ModelDiscovery;
  recents: RecentModels;
}

const CONSOLE = 'https://console.aws.amazon.com';

function jsonEdit(document: vscode.TextDocument, at: JSONPath, value: unknown, first = false): vscode.WorkspaceEdit {
  const edits = modify(document.getText(), at, value, {
    formattingOptions: { insertSpaces: true, tabSize: 2, eol: document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n' },
    ...(first ? { getInsertionIndex: () => 0 } : {}),
  });
  const edit = new vscode.WorkspaceEdit();
  for (const e of edits)
    edit.replace(
      document.uri,
      new vscode.Range(document.positionAt(e.offset), document.positionAt(e.offset + e.length)),
      e.content,
    );
  return edit;
}

function open(url: string): () => Promise<unknown> {
  return () => Promise.resolve(vscode.env.openExternal(vscode.Uri.parse(url)));
}

function awsConfigPath(): string {
  return process.env.AWS_CONFIG_FILE || path.join(os.homedir(), '.aws', 'config');
}

/**
 * What to list with: the connection settings as the user has them (an empty profile means the default chain, not a
 * profile named "default"), in the region the failed request went to.
 */
function listingSettings(context: { region?: string }): ConnectionSettings {
  const settings = config.connection();
  return context.region ? { ...settings, region: context.region } : settings;
}

/**
 * Inference profiles that contain the model, from the account's ListInferenceProfiles; this region's geography first.
 * When listing failed, the built-in list stands in and each title says so.
 */
async function profilesContaining(deps: FixDeps, entry: Entry): Promise<Array<{ id: string; note: string }>> {
  const context = entry.problem.context ?? {};
  const base = context.modelId && baseModelIdOf(context.modelId);
  if (!base) return [];
  const catalog = await deps.discovery.catalog(listingSettings(context));
  const geo = (context.region ?? '').split('-')[0].replace(/^ap$/, 'apac');
  const rank = (id: string) => (id.startsWith(`${geo}.`) ? 0 : id.startsWith('global.') ? 1 : 2);
  const note = catalog.source === 'live' ? '' : " (built-in list: listing the account's profiles failed)";
  return catalog.profiles
    .filter((p) => p.type === 'SYSTEM_DEFINED' && p.modelIds.includes(base))
    .map((p) => p.id)
    .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b))
    .map((id) => ({ id, note }));
}

/** The available IDs closest to the one Bedrock did not accept. */
async function closestAvailable(deps: FixDeps, entry: Entry): Promise<string[]> {
  const context = entry.problem.context ?? {};
  if (!context.modelId) return [];
  const catalog = await deps.discovery.catalog(listingSettings(context));
  const ids = [
    ...catalog.models.filter((m) => m.inferenceTypes.includes('ON_DEMAND')).map((m) => m.modelId),
    ...catalog.profiles.map((p) => p.id),
  ];
  return closestIds(context.modelId, ids, 2);
}

/** The Converse feature a capability error is about (tool use while streaming when only that is missing). */
function featureOf(problem: Problem): ConverseFeature | undefined {
  switch (problem.kind) {
    case 'systemUnsupported':
      return 'system';
    case 'documentsUnsupported':
      return 'documents';
    case 'imagesUnsupported':
      return 'images';
    case 'toolsUnsupported':
      return problem.fixes.includes('retryWithoutStreaming') ? 'streamingTools' : 'tools';
    default:
      return undefined;
  }
}

/** At most this many "Use <model>" fixes: the light bulb stays readable. */
const CAPABLE_FIXES = 3;

/** Models of the account's catalog (or the built-in list) that support what the request uses. */
async function capableModels(
  deps: FixDeps,
  entry: Entry,
): Promise<{ feature: ConverseFeature; models: CapableModel[]; note: string } | undefined> {
  const feature = featureOf(entry.problem);
  if (!feature) return undefined;
  const context = entry.problem.context ?? {};
  const catalog = await deps.discovery.catalog(listingSettings(context));
  const note = catalog.source === 'live' ? '' : ' (built-in list)';
  return { feature, models: modelsSupporting(catalog, feature, context.modelId).slice(0, CAPABLE_FIXES), note };
}

/** The max-token field of a request: inside the body (any family's spelling), or `maxTokens` of a prompt request. */
function maxTokensField(
  file: RequestFile,
  spec: RequestSpec,
): { path: JSONPath; key: string; value: number } | undefined {
  const candidates: JSONPath[] = spec.body
    ? MAX_TOKEN_KEYS.flatMap((k) => [
        [...spec.path, 'body', k],
        [...spec.path, 'body', 'inferenceConfig', k],
        [...spec.path, 'body', 'textGenerationConfig', k],
      ])
    : [[...spec.path, 'maxTokens']];
  for (const at of candidates) {
    const range = file.rangeOf(at);
    if (!range) continue;
    const value = Number(file.text.slice(range.offset, range.offset + range.length));
    if (Number.isInteger(value) && value > 1) return { path: at, key: String(at[at.length - 1]), value };
  }
  return undefined;
}

function retryTitle(entry: Entry): string {
  return entry.problem.kind === 'throttling' ? `Retry in ${THROTTLE_WAIT_SECONDS} s` : 'Retry';
}

function retryWait(entry: Entry): number {
  return entry.problem.kind === 'throttling' ? THROTTLE_WAIT_SECONDS : 0;
}

/** Fixes that act the same for request files and selections. */
function commonFix(deps: FixDeps, entry: Entry, fix: FixId, retry: () => Promise<unknown>): FixAction[] {
  const context = entry.problem.context ?? {};
  const region =
    context.region ?? (entry.origin.type === 'selection' ? entry.origin.report.connection.region : 'us-east-1');
  const profile = context.profile ?? 'default';
  switch (fix) {
    case 'retry':
      return [{ title: retryTitle(entry), run: () => retryAfter(retryWait(entry), 'throttled by Bedrock', retry) }];
    case 'openModelAccess':
      return [
        {
          title: `Open model access in the Bedrock console (${region})`,
          run: open(`${CONSOLE}/bedrock/home?region=${region}#/modelaccess`),
        },
      ];
    case 'openServiceQuotas':
      return [
        {
          title: `Open Service Quotas for Bedrock (${region})`,
          run: open(`${CONSOLE}/servicequotas/home/services/bedrock/quotas?region=${region}`),
        },
      ];
    case 'copyPolicy':
      return [
        {
          title: 'Copy a least-privilege IAM policy for this model',
          run: async () => {
            await vscode.env.clipboard.writeText(invokePolicy(context.modelId ?? '*', region, entry.problem.message));
            void vscode.window.showInformationMessage(
              `An IAM policy allowing ${context.modelId ?? 'the model'} to be invoked is on the clipboard. Attach it to the role or user of profile "${profile}".`,
            );
          },
        },
      ];
    case 'selectProfile':
      return [
        {
          title: 'Switch AWS profile...',
          run: () => Promise.resolve(vscode.commands.executeCommand(COMMANDS.selectProfile)),
        },
      ];
    case 'selectRegion':
      return [
        {
          title: 'Select region...',
          run: () => Promise.resolve(vscode.commands.executeCommand(COMMANDS.selectRegion)),
        },
      ];
    case 'openAwsConfig':
      return [
        {
          title: 'Open AWS config',
          run: () =>
            Promise.resolve(vscode.commands.executeCommand(WORKBENCH_COMMANDS.open, vscode.Uri.file(awsConfigPath()))),
        },
      ];
    case 'openSettings': {
      // The setting the problem is about: the stream limits for their own problems, else where requests go.
      const key =
        entry.problem.kind === 'streamStalled'
          ? 'streamIdleTimeoutSeconds'
          : entry.problem.kind === 'answerTooLarge'
            ? 'maxAnswerSizeMiB'
            : 'endpoint';
      return [
        {
          title: `Open settings (${key})`,
          run: () => Promise.resolve(vscode.commands.executeCommand(WORKBENCH_COMMANDS.openSettings, settingId(key))),
        },
      ];
    }
    case 'ssoLogin':
      return [
        {
          title: `Sign in (${loginCommandFor(profile, context.ssoSession)})`,
          run: () => signIn(deps.ctx, { profile, ssoSession: context.ssoSession, retry }),
          preferred: true,
        },
      ];
    case 'awsLogin':
      return [
        {
          title: `Sign in (${loginCommandFor(profile, undefined, 'login')})`,
          run: () => signIn(deps.ctx, { profile, kind: 'login', retry }),
          preferred: true,
        },
      ];
    default:
      return [];
  }
}

async function fileFixes(deps: FixDeps, entry: Entry, document: vscode.TextDocument): Promise<FixAction[]> {
  if (entry.origin.type !== 'file') return [];
  const report = entry.origin.report;
  const file = deps.ctx.requestFiles.file(document);
  const spec = file.requests.find((r) => r.index === report.requestIndex);
  if (!spec) return [];
  const problem = entry.problem;
  const family = familyOf(problem);
  const runAgain = () =>
    Promise.resolve(
      vscode.commands.executeCommand(COMMANDS.runRequestFile, document.uri, { requestIndex: report.requestIndex }),
    );
  const violation = entry.violation;
  const bodyPath = [...spec.path, 'body'];
  const out: FixAction[] = [];
  for (const fix of problem.fixes) {
    switch (fix) {
      case 'insertKey': {
        if (violation?.kind !== 'missingKey' || !violation.key || !spec.body) break;
        const value = defaultValueFor(violation.key, family);
        if (value === undefined) break;
        out.push({
          title: `Insert "${violation.key}": ${JSON.stringify(value)}`,
          edit: jsonEdit(document, [...bodyPath, ...violation.path, violation.key], value),
          preferred: true,
        });
        break;
      }
      case 'removeKey':
        if (violation?.kind === 'extraneousKey' && violation.key && spec.body) {
          out.push({
            title: `Remove "${violation.key}"`,
            edit: jsonEdit(document, [...bodyPath, ...violation.path], undefined),
          });
        }
        break;
      case 'renameKey': {
        if (violation?.kind !== 'extraneousKey' || !violation.key || !spec.body) break;
        const rename = renameFor(violation.key, family);
        const keyRange = file.keyRangeOf([...bodyPath, ...violation.path]);
        if (!rename || !keyRange || file.rangeOf([...bodyPath, ...violation.path.slice(0, -1), rename])) break;
        const edit = new vscode.WorkspaceEdit();
        edit.replace(
          document.uri,
          new vscode.Range(
            document.positionAt(keyRange.offset),
            document.positionAt(keyRange.offset + keyRange.length),
          ),
          JSON.stringify(rename),
        );
        out.unshift({ title: `Rename "${violation.key}" to "${rename}"`, edit, preferred: true });
        break;
      }
      case 'useInferenceProfile':
        for (const [i, { id, note }] of (await profilesContaining(deps, entry)).entries()) {
          out.push({
            title: `Use inference profile ${id}${note}`,
            edit: jsonEdit(document, [...spec.path, 'modelId'], id, true),
            preferred: i === 0,
          });
        }
        break;
      case 'didYouMean':
        for (const id of await closestAvailable(deps, entry)) {
          out.push({
            title: `Did you mean ${id}?`,
            edit: jsonEdit(document, [...spec.path, 'modelId'], id, true),
            preferred: true,
          });
        }
        break;
      case 'selectModel':
        out.push({
          title: 'Select a model...',
          run: async () => {
            const current = problem.context?.modelId;
            const modelId = await pickModel(deps, {
              purpose: 'any',
              current,
              forWhat: `for ${path.basename(document.uri.path)}`,
            });
            if (!modelId) return undefined;
            await deps.recents.add(modelId);
            const name = path.basename(document.uri.path);
            const latest = deps.ctx.requestFiles.file(document).requests.find((r) => r.index === report.requestIndex);
            return writeModelId({ document, request: latest, name }, modelId);
          },
        });
        break;
      case 'retryWithoutStreaming':
        out.push({
          title: 'Run without streaming',
          edit: jsonEdit(document, [...spec.path, 'stream'], false),
          run: runAgain,
          preferred: true,
        });
        break;
      case 'moveSystemToUser': {
        const eol = document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
        const moved = moveSystemIntoUserTurn(document.getText(), spec, { insertSpaces: true, tabSize: 2, eol });
        if (moved === undefined) break;
        const edit = new vscode.WorkspaceEdit();
        edit.replace(
          document.uri,
          new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length)),
          moved,
        );
        out.push({ title: 'Move the system prompt into the first user message', edit, preferred: true });
        break;
      }
      case 'pickCapableModel': {
        const capable = await capableModels(deps, entry);
        for (const model of capable?.models ?? []) {
          out.push({
            title: `Use ${model.name} (${model.id}), which supports ${FEATURE_WORDS[capable!.feature]}${capable!.note}`,
            edit: jsonEdit(document, [...spec.path, 'modelId'], model.id, true),
          });
        }
        break;
      }
      case 'retryWithStreaming':
        if (spec.stream !== true)
          out.push({
            title: 'Retry with streaming',
            edit: jsonEdit(document, [...spec.path, 'stream'], true),
            run: runAgain,
          });
        break;
      case 'lowerMaxTokens': {
        const field = maxTokensField(file, spec);
        if (!field) break;
        const lower = Math.max(1, Math.floor(field.value / 2));
        out.push({
          title: `Lower "${field.key}" from ${field.value} to ${lower}`,
          edit: jsonEdit(document, field.path, lower),
        });
        break;
      }
      default:
        out.push(...commonFix(deps, entry, fix, runAgain));
    }
  }
  return out;
}

function selectionFixes(deps: FixDeps, entry: Entry): Promise<FixAction[]> {
  if (entry.origin.type !== 'selection') return Promise.resolve([]);
  const report = entry.origin.report;
  const retry = () => report.retry();
  const useModel = (id: string) => async () => {
    await config.update('modelId', id);
    return report.retry();
  };
  const build = async (): Promise<FixAction[]> => {
    const out: FixAction[] = [];
    for (const fix of entry.problem.fixes) {
      switch (fix) {
        case 'useInferenceProfile':
          for (const { id, note } of await profilesContaining(deps, entry))
            out.push({ title: `Use inference profile ${id}${note}`, run: useModel(id) });
          break;
        case 'didYouMean':
          for (const id of await closestAvailable(deps, entry))
            out.push({ title: `Did you mean ${id}?`, run: useModel(id) });
          break;
        case 'selectModel':
          out.push({
            title: 'Select a model...',
            run: async () => {
              const picked = await vscode.commands.executeCommand<string | undefined>(COMMANDS.selectModel, {
                purpose: 'text',
              });
              return picked ? report.retry() : undefined;
            },
          });
          break;
        case 'retryWithoutStreaming':
          out.push({ title: 'Run without streaming', run: () => report.retry({ stream: false }) });
          break;
        case 'pickCapableModel': {
          const capable = await capableModels(deps, entry);
          for (const model of capable?.models ?? []) {
            out.push({
              title: `Use ${model.name} (${model.id}), which supports ${FEATURE_WORDS[capable!.feature]}${capable!.note}`,
              run: useModel(model.id),
            });
          }
          break;
        }
        case 'retryWithStreaming':
          out.push({ title: 'Retry with streaming', run: () => report.retry({ stream: true }) });
          break;
        case 'lowerMaxTokens': {
          const current = config.generation().maxTokens;
          if (current && current > 1) {
            const lower = Math.max(1, Math.floor(current / 2));
            out.push({
              title: `Lower bedrock.maxTokens from ${current} to ${lower}`,
              run: () => config.update('maxTokens', lower),
            });
          }
          break;
        }
        default:
          out.push(...commonFix(deps, entry, fix, retry));
      }
    }
    return out;
  };
  return build();
}

/** Every fix that applies to a diagnostic now. Discovery failures leave the fixes that do not need it. */
export async function fixesFor(deps: FixDeps, entry: Entry, document: vscode.TextDocument): Promise<FixAction[]> {
  return entry.origin.type === 'file' ? fileFixes(deps, entry, document) : selectionFixes(deps, entry);
}
