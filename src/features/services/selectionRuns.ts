// Invoke Model on Selection reports each run's outcome here, so that a failure shows on the selected text (the
// diagnostics feature listens, like it does to request-file runs).
import * as vscode from 'vscode';
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

/** How each Invoke Model on Selection run ended, as an event (the diagnostics feature shows it on the text). */
export class SelectionRuns implements vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<SelectionRunReport>();
  readonly onDidReport = this.emitter.event;

  report(report: SelectionRunReport): void {
    this.emitter.fire(report);
  }

  dispose(): void {
    this.emitter.dispose();
  }
}
