// How each run of a request-file request ended, for features that show it on the request (diagnostics put a
// problem on the request's node). Kept per document: the latest report of each request index.
import * as vscode from 'vscode';
import type { Problem } from '../../core/errors/classify';
import type { AnsweredToolUse } from '../../core/requestFile';
import type { JsonPath, RequestFileProblem } from '../../core/requestFile/types';

export interface RequestRunReport {
  /** The request file (an untitled document's URI for unsaved files). */
  uri: vscode.Uri;
  /** The document version that was run: ranges in the problem are offsets into that version's text. */
  version: number;
  requestIndex: number;
  /** Path of the request object ([] or [index]). */
  path: JsonPath;
  /**
   * completed / cancelled / failed: Bedrock was called. refused: the file or request was not valid and nothing
   * was sent (see fileProblem).
   */
  outcome: 'completed' | 'cancelled' | 'failed' | 'refused';
  /** Why Bedrock failed (errors name body paths like `#/messages/0` relative to bodyPath). */
  problem?: Problem;
  /** Why the request was refused before sending, with the exact path and range to underline. */
  fileProblem?: RequestFileProblem;
  /** Path of the request's `body` node, when it has one (Bedrock's `#/...` paths are relative to it). */
  bodyPath?: JsonPath;
  /** A Converse answer that called tools: its text and calls, for the "Add toolResult turn" CodeLens. */
  toolAnswer?: { text: string; toolUses: AnsweredToolUse[] };
}

export class RequestRuns implements vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<RequestRunReport>();
  private readonly latest = new Map<string, Map<number, RequestRunReport>>();
  /** Fires after each request of a request file ran or was refused. */
  readonly onDidReport = this.emitter.event;

  report(report: RequestRunReport): void {
    const key = report.uri.toString();
    const byIndex = this.latest.get(key) ?? new Map<number, RequestRunReport>();
    byIndex.set(report.requestIndex, report);
    this.latest.set(key, byIndex);
    this.emitter.fire(report);
  }

  /** The latest report of each request of a document, by request index. */
  reportsFor(uri: vscode.Uri): RequestRunReport[] {
    return [...(this.latest.get(uri.toString())?.values() ?? [])].sort((a, b) => a.requestIndex - b.requestIndex);
  }

  /** Forgets a document's reports (e.g. when it is closed). */
  forget(uri: vscode.Uri): void {
    this.latest.delete(uri.toString());
  }

  dispose(): void {
    this.emitter.dispose();
  }
}
