// The `Bedrock` diagnostic collection and what stands behind each diagnostic: the classified problem, the run it
// came from, and (for request files) the request it belongs to. Diagnostics are kept in groups, one per request of a
// request file or per selection run, so that a group can be replaced or cleared as a whole.
import * as vscode from 'vscode';
import type { Problem } from '../../core/errors/classify';
import type { Violation } from '../../core/errors/violations';
import type { RequestRunReport } from '../services/requestRuns';
import type { SelectionRunReport } from '../services/selectionRuns';

export type Origin = { type: 'file'; report: RequestRunReport } | { type: 'selection'; report: SelectionRunReport };

export interface Entry {
  id: string;
  diagnostic: vscode.Diagnostic;
  problem: Problem;
  /** The one schema violation this diagnostic is about. */
  violation?: Violation;
  origin: Origin;
  /** Offsets of the diagnostic's text in the version it was placed on: editing that text clears it. */
  span: { start: number; end: number };
}

export interface Group {
  key: string;
  origin: Origin;
  entries: Entry[];
}

let nextId = 1;
export function entryId(): string {
  return `e${nextId++}`;
}

export class DiagnosticsModel implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('Bedrock');
  private readonly groups = new Map<string, Map<string, Group>>();
  private readonly byId = new Map<string, Entry>();

  groupsOf(uri: vscode.Uri): Group[] {
    return [...(this.groups.get(uri.toString())?.values() ?? [])];
  }

  set(uri: vscode.Uri, group: Group): void {
    const groups = this.groups.get(uri.toString()) ?? new Map<string, Group>();
    this.forgetEntries(groups.get(group.key));
    groups.set(group.key, group);
    for (const entry of group.entries) this.byId.set(entry.id, entry);
    this.groups.set(uri.toString(), groups);
    this.publish(uri);
  }

  clear(uri: vscode.Uri, key: string): void {
    const groups = this.groups.get(uri.toString());
    if (!groups?.has(key)) return;
    this.forgetEntries(groups.get(key));
    groups.delete(key);
    this.publish(uri);
  }

  clearAll(uri: vscode.Uri): void {
    for (const group of this.groupsOf(uri)) this.forgetEntries(group);
    this.groups.delete(uri.toString());
    this.collection.delete(uri);
  }

  entry(id: string): Entry | undefined {
    return this.byId.get(id);
  }

  /** Our entry behind a diagnostic handed back by VS Code (a copy: matched by range, message and code). */
  find(uri: vscode.Uri, diagnostic: vscode.Diagnostic): Entry | undefined {
    for (const group of this.groupsOf(uri)) {
      for (const entry of group.entries) {
        const d = entry.diagnostic;
        if (
          d.message === diagnostic.message &&
          d.range.isEqual(diagnostic.range) &&
          String(d.code) === String(diagnostic.code)
        )
          return entry;
      }
    }
    return undefined;
  }

  private forgetEntries(group: Group | undefined): void {
    for (const entry of group?.entries ?? []) this.byId.delete(entry.id);
  }

  private publish(uri: vscode.Uri): void {
    const diagnostics = this.groupsOf(uri).flatMap((g) => g.entries.map((e) => e.diagnostic));
    if (diagnostics.length) this.collection.set(uri, diagnostics);
    else this.collection.delete(uri);
  }

  dispose(): void {
    this.collection.dispose();
  }
}
