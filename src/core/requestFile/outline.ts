// What the always-on views of a request file need (CodeLens, the status bar's model, the problems shown while
// typing), computed from the parsed file as plain data, so that it can be computed off the extension host's main
// thread (outlineWorker.ts) for a large file and passed back by structured clone.
import * as path from 'path';
import { Worker } from 'worker_threads';
import { parseRequestFile, type RequestFile } from './parse';
import type { JsonPath, RequestFileProblem, SourceRange } from './types';
import { checkVariables } from './variables';

export interface OutlineRequest {
  index: number;
  path: JsonPath;
  range: SourceRange;
  name?: string;
  modelId?: string;
  stream?: boolean;
  /** The request has an `expect` object (a test with expectations, not only a smoke test). */
  expect?: true;
}

export interface RequestFileOutline {
  isArray: boolean;
  requests: OutlineRequest[];
  /** Problems worth showing while typing, that VS Code's JSON support does not show: limits and duplicate keys. */
  problems: RequestFileProblem[];
  /** The first syntax problem's message, when the text is not valid JSON. */
  syntax?: string;
}

/** Kinds of problem the outline carries (the others are shown by the JSON schema or when a request runs). */
export const LIVE_KINDS: ReadonlySet<RequestFileProblem['kind']> = new Set(['limit', 'duplicate']);

export function outlineOf(text: string): RequestFileOutline {
  return outlineOfFile(parseRequestFile(text));
}

/** The outline of a file parsed already. */
export function outlineOfFile(file: RequestFile): RequestFileOutline {
  const problems = file.problems.filter((p) => LIVE_KINDS.has(p.kind));
  const requests: OutlineRequest[] = [];
  for (const spec of file.requests) {
    const request: OutlineRequest = { index: spec.index, path: spec.path, range: spec.range };
    if (spec.name !== undefined) request.name = spec.name;
    if (spec.modelId !== undefined) request.modelId = spec.modelId;
    if (spec.stream !== undefined) request.stream = spec.stream;
    if (spec.expect !== undefined) request.expect = true;
    requests.push(request);
    for (const p of checkVariables(file, spec).problems) if (LIVE_KINDS.has(p.kind)) problems.push(p);
  }
  const syntax = file.problems.find((p) => p.kind === 'syntax')?.message;
  return syntax === undefined
    ? { isArray: file.isArray, requests, problems }
    : { isArray: file.isArray, requests, problems, syntax };
}

/** The request whose object contains the offset (e.g. the cursor). */
export function outlineRequestAt(outline: RequestFileOutline, offset: number): OutlineRequest | undefined {
  return outline.requests.find((r) => offset >= r.range.offset && offset <= r.range.offset + r.range.length);
}

/** The worker script next to this module once compiled or bundled (dist/outlineWorker.js, out/.../outlineWorker.js). */
export const OUTLINE_WORKER_FILE = 'outlineWorker.js';

/**
 * Computes outlines in one worker thread, one text at a time in order of request. Started on first use, stopped by
 * dispose(); when the worker cannot start or dies, the outline is computed here instead (and the error reported).
 */
export class OutlineWorker {
  private worker: Worker | undefined;
  private next = 1;
  private readonly pending = new Map<number, { resolve(o: RequestFileOutline): void; text: string }>();
  private broken = false;

  constructor(
    private readonly script: string,
    private readonly onError: (error: unknown) => void = () => undefined,
  ) {}

  static beside(folder: string, onError?: (error: unknown) => void): OutlineWorker {
    return new OutlineWorker(path.join(folder, OUTLINE_WORKER_FILE), onError);
  }

  outline(text: string): Promise<RequestFileOutline> {
    const worker = this.start();
    if (!worker) return Promise.resolve(outlineOf(text));
    const id = this.next++;
    return new Promise((resolve) => {
      this.pending.set(id, { resolve, text });
      worker.postMessage({ id, text });
    });
  }

  private start(): Worker | undefined {
    if (this.worker || this.broken) return this.worker;
    try {
      const worker = new Worker(this.script);
      worker.unref();
      worker.on('message', (message: { id: number; outline: RequestFileOutline }) => {
        const job = this.pending.get(message.id);
        this.pending.delete(message.id);
        job?.resolve(message.outline);
      });
      const fail = (error: unknown) => {
        this.broken = true;
        this.worker = undefined;
        this.onError(error);
        const jobs = [...this.pending.values()];
        this.pending.clear();
        for (const job of jobs) job.resolve(outlineOf(job.text));
      };
      worker.on('error', fail);
      worker.on('exit', (code) => {
        if (this.worker === worker) fail(new Error(`the request-file outline worker exited with code ${code}`));
      });
      this.worker = worker;
    } catch (error) {
      this.broken = true;
      this.onError(error);
    }
    return this.worker;
  }

  dispose(): void {
    const worker = this.worker;
    this.worker = undefined;
    this.broken = true;
    void worker?.terminate();
    const jobs = [...this.pending.values()];
    this.pending.clear();
    for (const job of jobs) job.resolve(outlineOf(job.text));
  }
}
