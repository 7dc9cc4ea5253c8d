// The one object every feature receives: the VS Code extension context plus shared services, each built
// lazily so that activation stays cheap (the AWS SDK itself loads on the first call).
import * as vscode from 'vscode';
import { BedrockClients } from '../core/bedrock';
import { messageOf } from '../core/errors';
import { redact } from '../core/security';
import { ModelDiscovery } from '../core/discovery';
import { OutlineWorker } from '../core/requestFile';
import * as path from 'path';
import { NewDocumentSink, OutputChannelSink, type OutputSink } from './output/sinks';
import type { OutputTarget } from './config';
import { ApiKeys } from './services/apiKeys';
import { LastResponse } from './services/lastResponse';
import { RequestFileStore } from './services/requestFileStore';
import { RequestRuns } from './services/requestRuns';
import { SelectionRuns } from './services/selectionRuns';

export interface Ctx {
  readonly extension: vscode.ExtensionContext;
  /** The Bedrock Runtime client pool (one client per profile, region and endpoint). */
  readonly bedrock: BedrockClients;
  /** The Bedrock API keys stored in SecretStorage (Bedrock: Set API Key); the pool signs with them. */
  readonly apiKeys: ApiKeys;
  /** The models each profile and region can call (control-plane listings, cached; the model switcher invalidates it). */
  readonly discovery: ModelDiscovery;
  /** The `Bedrock` Output channel, created on first use. It carries answers only. */
  outputChannel(): vscode.OutputChannel;
  /**
   * The extension's own log (the `Bedrock Log` channel, created on first use, with VS Code's log levels): what went
   * wrong behind the scenes, never an answer. Every line is redacted.
   */
  readonly log: Log;
  sink(target: OutputTarget): OutputSink;
  /** Abort controllers of the invocations running now (Bedrock: Cancel Running Invocations aborts them). */
  readonly running: Set<AbortController>;
  /** The last answer Bedrock gave (Bedrock: Show Last Raw Response). */
  readonly lastResponse: LastResponse;
  /** How each run of a request-file request ended, with an event for features that show it. */
  readonly requestRuns: RequestRuns;
  /** How each Invoke Model on Selection run ended, with an event for features that show it. */
  readonly selectionRuns: SelectionRuns;
  /** Request files parsed once per document version, for every feature. */
  readonly requestFiles: RequestFileStore;
  /** Shows an information message once per session for a given key. */
  warnOnce(key: string, message: string): void;
  /** Adds disposables to the extension's lifetime. */
  own(...disposables: vscode.Disposable[]): void;
}

export interface Log {
  error(what: string, error: unknown): void;
  warn(message: string): void;
  info(message: string): void;
}

/** One logger over a lazily created `LogOutputChannel`, so activation creates no channel. */
function createLog(extension: vscode.ExtensionContext): Log {
  let channel: vscode.LogOutputChannel | undefined;
  const get = () => {
    if (!channel) {
      channel = vscode.window.createOutputChannel('Bedrock Log', { log: true });
      extension.subscriptions.push(channel);
    }
    return channel;
  };
  return {
    error: (what, error) => get().error(redact(`${what}: ${messageOf(error)}`)),
    warn: (message) => get().warn(redact(message)),
    info: (message) => get().info(redact(message)),
  };
}

export function createContext(extension: vscode.ExtensionContext): Ctx {
  let channel: vscode.OutputChannel | undefined;
  const outputChannel = () => {
    if (!channel) {
      channel = vscode.window.createOutputChannel('Bedrock');
      extension.subscriptions.push(channel);
    }
    return channel;
  };
  const apiKeys = new ApiKeys(extension.secrets);
  const bedrock = new BedrockClients({ apiKeys });
  // A key set or cleared (here or in another window) changes who signs: every client is made again.
  extension.subscriptions.push(
    apiKeys,
    apiKeys.onDidChange(() => bedrock.invalidate()),
    { dispose: () => bedrock.dispose() },
  );
  const sinks: Record<OutputTarget, OutputSink> = {
    outputChannel: new OutputChannelSink(outputChannel),
    newDocument: new NewDocumentSink(),
  };
  const warned = new Set<string>();
  const requestRuns = new RequestRuns();
  const selectionRuns = new SelectionRuns();
  const log = createLog(extension);
  // The bundle puts the outline worker beside extension.js (dist/).
  const requestFiles = new RequestFileStore(
    OutlineWorker.beside(path.join(extension.extensionPath, 'dist'), (e) =>
      log.error('request-file outline worker', e),
    ),
  );
  extension.subscriptions.push(requestRuns, selectionRuns, requestFiles);
  return {
    extension,
    bedrock,
    apiKeys,
    discovery: new ModelDiscovery(bedrock),
    outputChannel,
    log,
    sink: (target) => sinks[target],
    running: new Set(),
    lastResponse: new LastResponse(),
    requestRuns,
    selectionRuns,
    requestFiles,
    warnOnce: (key, message) => {
      if (warned.has(key)) return;
      warned.add(key);
      void vscode.window.showWarningMessage(redact(message));
    },
    own: (...disposables) => extension.subscriptions.push(...disposables),
  };
}
