// A small stand-in for the `vscode` module, so feature logic that needs no workbench (fix lists, diagnostic
// placement and reflow) runs in the unit tests on plain Node. It holds the value types these features build
// (positions, ranges, URIs, edits, diagnostics, events) and a text document made from a string; every workbench
// service (window, commands, workspace) records what it was asked and does nothing. register.ts makes
// `require('vscode')` resolve here. Integration tests run the real API; this covers only what is pure logic.
/* eslint-disable @typescript-eslint/no-explicit-any */

export class Position {
  constructor(
    readonly line: number,
    readonly character: number,
  ) {}
  isBefore(other: Position): boolean {
    return this.line < other.line || (this.line === other.line && this.character < other.character);
  }
  isEqual(other: Position): boolean {
    return this.line === other.line && this.character === other.character;
  }
}

export class Range {
  readonly start: Position;
  readonly end: Position;
  constructor(a: Position | number, b: Position | number, c?: number, d?: number) {
    this.start = typeof a === 'number' ? new Position(a, b as number) : a;
    this.end = typeof a === 'number' ? new Position(c!, d!) : (b as Position);
  }
  get isEmpty(): boolean {
    return this.start.isEqual(this.end);
  }
}

export class Selection extends Range {}

export class Uri {
  private constructor(
    readonly scheme: string,
    readonly path: string,
  ) {}
  static file(path: string): Uri {
    return new Uri('file', path);
  }
  static parse(value: string): Uri {
    const m = /^([a-z][\w+.-]*):(.*)$/i.exec(value);
    return m ? new Uri(m[1], m[2]) : new Uri('file', value);
  }
  get fsPath(): string {
    return this.path;
  }
  toString(): string {
    return this.scheme === 'file' ? `file://${this.path}` : `${this.scheme}:${this.path}`;
  }
}

export enum EndOfLine {
  LF = 1,
  CRLF = 2,
}

export enum DiagnosticSeverity {
  Error = 0,
  Warning = 1,
  Information = 2,
  Hint = 3,
}

export class Diagnostic {
  source?: string;
  code?: string | number;
  constructor(
    public range: Range,
    public message: string,
    public severity: DiagnosticSeverity = DiagnosticSeverity.Error,
  ) {}
}

export class WorkspaceEdit {
  readonly edits: Array<{ uri: Uri; range: Range; newText: string }> = [];
  replace(uri: Uri, range: Range, newText: string): void {
    this.edits.push({ uri, range, newText });
  }
  insert(uri: Uri, position: Position, newText: string): void {
    this.edits.push({ uri, range: new Range(position, position), newText });
  }
  delete(uri: Uri, range: Range): void {
    this.edits.push({ uri, range, newText: '' });
  }
}

export class CodeActionKind {
  static readonly QuickFix = new CodeActionKind('quickfix');
  constructor(readonly value: string) {}
}

export class CodeAction {
  diagnostics?: Diagnostic[];
  edit?: WorkspaceEdit;
  command?: unknown;
  isPreferred?: boolean;
  constructor(
    readonly title: string,
    readonly kind?: CodeActionKind,
  ) {}
}

export class EventEmitter<T> {
  private listeners: Array<(e: T) => void> = [];
  readonly event = (listener: (e: T) => void) => {
    this.listeners.push(listener);
    return { dispose: () => (this.listeners = this.listeners.filter((l) => l !== listener)) };
  };
  fire(e: T): void {
    for (const l of [...this.listeners]) l(e);
  }
  dispose(): void {
    this.listeners = [];
  }
}

export class Disposable {
  constructor(private readonly onDispose: () => void) {}
  dispose(): void {
    this.onDispose();
  }
}

/** What the workbench services were asked to do, for tests to read. */
export const calls: Array<{ api: string; args: unknown[] }> = [];
function recorder(api: string): any {
  return new Proxy(() => undefined, {
    get: (_t, name: string) => recorder(`${api}.${name}`),
    apply: (_t, _this, args: unknown[]) => {
      calls.push({ api, args });
      return Promise.resolve(undefined);
    },
  });
}

const settings = new Map<string, unknown>();
/** Settings as `section.key` → value, for the fake `workspace.getConfiguration`. */
export function setSetting(key: string, value: unknown): void {
  if (value === undefined) settings.delete(key);
  else settings.set(key, value);
}

export const workspace: any = new Proxy(
  {
    getConfiguration: (section?: string) => ({
      get: <T>(key: string, fallback?: T) =>
        settings.has(section ? `${section}.${key}` : key)
          ? settings.get(section ? `${section}.${key}` : key)
          : fallback,
      inspect: () => undefined,
      update: () => Promise.resolve(),
    }),
    textDocuments: [],
    workspaceFolders: undefined,
    isTrusted: true,
  },
  { get: (target: any, name: string) => (name in target ? target[name] : recorder(`workspace.${name}`)) },
);
export const window: any = recorder('window');
export const commands: any = recorder('commands');
export const env: any = recorder('env');
export const languages: any = new Proxy(
  {
    createDiagnosticCollection: (name: string) => {
      const byUri = new Map<string, Diagnostic[]>();
      return {
        name,
        set: (uri: Uri, diagnostics: Diagnostic[] | undefined) =>
          diagnostics ? byUri.set(uri.toString(), diagnostics) : byUri.delete(uri.toString()),
        get: (uri: Uri) => byUri.get(uri.toString()),
        delete: (uri: Uri) => byUri.delete(uri.toString()),
        clear: () => byUri.clear(),
        dispose: () => byUri.clear(),
      };
    },
  },
  { get: (target: any, name: string) => (name in target ? target[name] : recorder(`languages.${name}`)) },
);

/** A text document over a string (LF or CRLF), as much of vscode.TextDocument as features read. */
export function textDocument(text: string, uri = Uri.file('/workspace/test.bedrock.json'), version = 1): any {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  const positionAt = (offset: number) => {
    const o = Math.max(0, Math.min(offset, text.length));
    let line = 0;
    while (line + 1 < starts.length && starts[line + 1] <= o) line++;
    return new Position(line, o - starts[line]);
  };
  const offsetAt = (p: Position) => Math.min(text.length, (starts[p.line] ?? text.length) + p.character);
  return {
    uri,
    version,
    isUntitled: false,
    isDirty: false,
    languageId: 'json',
    lineCount: starts.length,
    eol: text.includes('\r\n') ? EndOfLine.CRLF : EndOfLine.LF,
    getText: (range?: Range) => (range ? text.slice(offsetAt(range.start), offsetAt(range.end)) : text),
    positionAt,
    offsetAt,
    lineAt: (line: number) => {
      const start = starts[line];
      const next = line + 1 < starts.length ? starts[line + 1] : text.length;
      const lineText = text.slice(start, next).replace(/\r?\n$/, '');
      return {
        lineNumber: line,
        text: lineText,
        range: new Range(new Position(line, 0), new Position(line, lineText.length)),
      };
    },
  };
}

/** Applies a fake WorkspaceEdit to a document's text (edits do not overlap; applied from the end). */
export function applyEdit(document: { getText(): string; offsetAt(p: Position): number }, edit: WorkspaceEdit): string {
  let text = document.getText();
  const sorted = [...edit.edits].sort((a, b) => document.offsetAt(b.range.start) - document.offsetAt(a.range.start));
  for (const e of sorted)
    text = text.slice(0, document.offsetAt(e.range.start)) + e.newText + text.slice(document.offsetAt(e.range.end));
  return text;
}
