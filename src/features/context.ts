// The one object every feature receives: the VS Code extension context plus shared services, each built
// lazily so that activation stays cheap (the AWS SDK itself loads on the first call).
import * as vscode from 'vscode';
import { BedrockClients } from '../core/bedrock';
import { ModelDiscovery } from '../core/discovery';
import { NewDocumentSink, OutputChannelSink, type OutputSink } from './output/sinks';
import type { OutputTarget } from './config';
import { LastResponse } from './services/lastResponse';
import { RequestRuns } from './services/requestRuns';

export interface Ctx {
  readonly extension: vscode.ExtensionContext;
  /** The Bedrock Runtime client pool (one client per profile, region and endpoint). */
  readonly bedrock: BedrockClients;
  /** The models each profile and region can call (control-plane listings, cached; the model switcher invalidates it). */
  readonly discovery: ModelDiscovery;
  /** The `Bedrock` Output channel, created on first use. */
  outputChannel(): vscode.OutputChannel;
  sink(target: OutputTarget): OutputSink;
  /** Abort controllers of the invocations running now (Bedrock: Cancel Running Invocations aborts them). */
  readonly running: Set<AbortController>;
  /** The last answer Bedrock gave (Bedrock: Show Last Raw Response). */
  readonly lastResponse: LastResponse;
  /** How each run of a request-file request ended, with an event for features that show it. */
  readonly requestRuns: RequestRuns;
  /** Shows an information message once per session for a given key. */
  warnOnce(key: string, message: string): void;
  /** Adds disposables to the extension's lifetime. */
  own(...disposables: vscode.Disposable[]): void;
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
  const bedrock = new BedrockClients();
  extension.subscriptions.push({ dispose: () => bedrock.dispose() });
  const sinks: Record<OutputTarget, OutputSink> = {
    outputChannel: new OutputChannelSink(outputChannel),
    newDocument: new NewDocumentSink(),
  };
  const warned = new Set<string>();
  const requestRuns = new RequestRuns();
  extension.subscriptions.push(requestRuns);
  return {
    extension,
    bedrock,
    discovery: new ModelDiscovery(bedrock),
    outputChannel,
    sink: (target) => sinks[target],
    running: new Set(),
    lastResponse: new LastResponse(),
    requestRuns,
    warnOnce: (key, message) => {
      if (warned.has(key)) return;
      warned.add(key);
      void vscode.window.showWarningMessage(message);
    },
    own: (...disposables) => extension.subscriptions.push(...disposables),
  };
}
