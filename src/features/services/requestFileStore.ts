// One parse of each request file per document version, shared by every feature (CodeLens, Run Request File, the
// status bar, diagnostics placement, quick fixes, the problems shown while typing). httpyac's
// DocumentStore.getHttpFile(document) is the model. Two views of the same version:
// - file(document): the whole parsed file with its source ranges, for work that runs on a command (run, fixes,
//   placing a run's diagnostics); parsed here, at most once per version.
// - outline(document): what the always-on views need, computed in a worker thread for a large file so that
//   opening or typing in one never blocks the extension host; at most once per version.
import * as vscode from 'vscode';
import {
  outlineOfFile,
  OutlineWorker,
  parseRequestFile,
  type RequestFile,
  type RequestFileOutline,
} from '../../core/requestFile';

/** Below this size an outline is computed on the main thread: a worker's round trip would cost more. */
const WORKER_THRESHOLD = 64 * 1024;

interface Cached<T> {
  version: number;
  value: T;
}

export class RequestFileStore implements vscode.Disposable {
  private readonly files = new Map<string, Cached<RequestFile>>();
  private readonly outlines = new Map<string, Cached<Promise<RequestFileOutline>>>();
  private readonly ready = new Map<string, Cached<RequestFileOutline>>();
  private readonly subscriptions: vscode.Disposable[];
  /** How many times a text was parsed (tests count them: once per version, whoever asks). */
  parses = 0;

  constructor(private readonly worker: OutlineWorker) {
    this.subscriptions = [vscode.workspace.onDidCloseTextDocument((d) => this.forget(d.uri))];
  }

  /** The parsed file of the document as it is now. */
  file(document: vscode.TextDocument): RequestFile {
    const key = document.uri.toString();
    const cached = this.files.get(key);
    if (cached?.version === document.version) return cached.value;
    this.parses++;
    const value = parseRequestFile(document.getText());
    this.files.set(key, { version: document.version, value });
    return value;
  }

  /**
   * The outline now, without waiting: a small file's (parsed here) or a large file's once the worker has answered;
   * undefined while it has not. Providers answer synchronously when they can, so their order on screen stays put.
   */
  outlineNow(document: vscode.TextDocument): RequestFileOutline | undefined {
    const ready = this.ready.get(document.uri.toString());
    if (ready?.version === document.version) return ready.value;
    if (document.getText().length >= WORKER_THRESHOLD) return undefined;
    void this.outline(document);
    return this.ready.get(document.uri.toString())?.value;
  }

  /** The outline of the document as it is now: requests, names, model IDs, limits and duplicate keys. */
  outline(document: vscode.TextDocument): Promise<RequestFileOutline> {
    const key = document.uri.toString();
    const cached = this.outlines.get(key);
    if (cached?.version === document.version) return cached.value;
    const version = document.version;
    // A small file is parsed here, once for both views; a large one in the worker (file() parses it only on a command).
    let value: Promise<RequestFileOutline>;
    if (document.getText().length < WORKER_THRESHOLD) {
      const outline = outlineOfFile(this.file(document));
      this.ready.set(key, { version, value: outline });
      value = Promise.resolve(outline);
    } else {
      this.parses++;
      value = this.worker.outline(document.getText()).then((outline) => {
        if (this.outlines.get(key)?.version === version) this.ready.set(key, { version, value: outline });
        return outline;
      });
    }
    this.outlines.set(key, { version: document.version, value });
    return value;
  }

  /** The outline of a text that is not an open document (a file on disk), off the main thread when it is large. */
  outlineOfText(text: string): Promise<RequestFileOutline> {
    this.parses++;
    return text.length < WORKER_THRESHOLD
      ? Promise.resolve(outlineOfFile(parseRequestFile(text)))
      : this.worker.outline(text);
  }

  forget(uri: vscode.Uri): void {
    this.files.delete(uri.toString());
    this.outlines.delete(uri.toString());
    this.ready.delete(uri.toString());
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.worker.dispose();
    this.files.clear();
    this.outlines.clear();
    this.ready.clear();
  }
}
