// Invoke Model on Selection hands each run's outcome here, so that a failure shows on the selected text. When the
// diagnostics feature is not listening, the caller shows its own notification instead.
import type * as vscode from 'vscode';
import type { ResolvedConnection } from '../../core/bedrock/types';
import type { Problem } from '../../core/errors/classify';

export interface SelectionRunReport {
  uri: vscode.Uri;
  /** The text that was sent: the selections, or the whole document. */
  ranges: vscode.Range[];
  /** Why the run failed, or a notice (guardrail) on a run that completed; undefined: it succeeded. */
  problem?: Problem;
  outcome: 'completed' | 'cancelled' | 'failed';
  connection: ResolvedConnection;
  retry(options?: { stream?: boolean }): Promise<unknown>;
}

type Handler = (report: SelectionRunReport) => void;
let handler: Handler | undefined;

/** Returns false when nobody shows it (then the caller notifies the user itself). */
export function reportSelectionRun(report: SelectionRunReport): boolean {
  if (!handler) return false;
  handler(report);
  return true;
}

export function handleSelectionRuns(h: Handler): vscode.Disposable {
  handler = h;
  return { dispose: () => (handler = handler === h ? undefined : handler) };
}
