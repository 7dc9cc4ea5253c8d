// Where an invocation's text goes: the shared `Bedrock` Output channel or a new Markdown document.
// Both stream through a Batcher; the channel is held by one invocation at a time so that two
// invocations never interleave their text (a later one buffers until the earlier one is done).
import * as vscode from 'vscode';
import type { TextSink, TextInvocationResult } from '../../core/invoke/textInvocation';
import type { Problem } from '../../core/errors/classify';
import { Batcher } from './batcher';
import { footerLine, headerLine, type InvocationInfo } from './format';
import { redact, StreamRedactor } from '../../core/security';

export interface OutputSession extends TextSink {
  /** Writes the remaining text and the footer; resolves when everything is visible. */
  finish(result: TextInvocationResult, problem?: Problem): Promise<void>;
}

export interface OutputSink {
  begin(info: InvocationInfo): Promise<OutputSession>;
}

const REASONING_START = '── reasoning ──\n';
const ANSWER_START = '\n── answer ──\n';

/** Tracks reasoning/answer sections so reasoning is shown apart from the answer. */
class Sections {
  private inReasoning = false;
  private sawReasoning = false;
  constructor(private readonly emit: (text: string) => void) {}
  reasoning(text: string): void {
    if (!this.inReasoning) {
      this.emit(REASONING_START);
      this.inReasoning = this.sawReasoning = true;
    }
    this.emit(text);
  }
  answer(text: string): void {
    if (this.inReasoning) {
      this.emit(ANSWER_START);
      this.inReasoning = false;
    }
    this.emit(text);
  }
  get hadReasoning(): boolean {
    return this.sawReasoning;
  }
}

/**
 * How long the header line waits for the first text so that both reach the panel in one write. Every write to a
 * visible Output channel makes VS Code re-process the channel, at a cost that grows with its length; a model that
 * answers within this time gets one write instead of two, a slower one sees its header this soon anyway.
 */
const HEADER_WAIT_MS = 100;

export class OutputChannelSink implements OutputSink {
  private holder: Promise<void> = Promise.resolve();

  constructor(private readonly channel: () => vscode.OutputChannel) {}

  async begin(info: InvocationInfo): Promise<OutputSession> {
    const channel = this.channel();
    channel.show(true);
    let release!: () => void;
    const previous = this.holder;
    this.holder = new Promise<void>((resolve) => (release = resolve));
    let holding = false;
    const pending: string[] = [];
    // Written with the first text, or alone after HEADER_WAIT_MS, whichever comes first; appends are synchronous,
    // so whichever of the two writes first carries it and the order holds.
    let header = `${headerLine(info)}\n`;
    let headerTimer: ReturnType<typeof setTimeout> | undefined;
    const writeHeader = () => {
      clearTimeout(headerTimer);
      if (header) channel.append(redact(header));
      header = '';
    };
    const batcher = new Batcher((text) => {
      clearTimeout(headerTimer);
      channel.append(redact(header) + text);
      header = '';
    });
    // Everything that reaches the channel goes through the redactor (a model can echo a key it was shown); it holds
    // back a line that may carry one until the line is complete.
    const redactor = new StreamRedactor();
    const emit = (text: string) => {
      const safe = redactor.push(text);
      if (!safe) return;
      if (holding) batcher.push(safe);
      else pending.push(safe);
    };
    const sections = new Sections(emit);
    void previous.then(() => {
      holding = true;
      headerTimer = setTimeout(writeHeader, HEADER_WAIT_MS);
      for (const text of pending.splice(0)) batcher.push(text);
    });
    return {
      append: (text) => sections.answer(text),
      appendReasoning: (text) => sections.reasoning(text),
      finish: async (result, problem) => {
        await previous;
        // The footer joins the last of the text in one write, for the same reason as the header.
        batcher.push(`${redactor.end()}\n${footerLine(result, problem)}\n\n`);
        await batcher.flush();
        writeHeader();
        release();
      },
    };
  }
}

export class NewDocumentSink implements OutputSink {
  async begin(_info: InvocationInfo): Promise<OutputSession> {
    // Opened while the request is already on its way: opening a document takes longer than a first token. Text goes
    // into the document as soon as it exists, while its editor is still being shown, so the first text appears with
    // the editor rather than one edit round trip after it.
    const opened = vscode.workspace.openTextDocument({ language: 'markdown', content: '' });
    const shown = opened.then((document) =>
      vscode.window.showTextDocument(document, {
        viewColumn: vscode.ViewColumn.Beside,
        preview: false,
        preserveFocus: true,
      }),
    );
    const appendToDocument = async (text: string) => {
      const document = await opened;
      const edit = new vscode.WorkspaceEdit();
      edit.insert(document.uri, document.lineAt(document.lineCount - 1).range.end, text);
      await vscode.workspace.applyEdit(edit);
    };
    const batcher = new Batcher(appendToDocument);
    // The document gets the model's text through the redactor, as the Output channel does.
    const redactor = new StreamRedactor();
    const push = (text: string) => {
      const safe = redactor.push(text);
      if (safe) batcher.push(safe);
    };
    let openedReasoning = false;
    let closedReasoning = false;
    return {
      appendReasoning: (text) => {
        if (!openedReasoning) {
          push('<details><summary>Reasoning</summary>\n\n');
          openedReasoning = true;
        }
        push(text);
      },
      append: (text) => {
        if (openedReasoning && !closedReasoning) {
          push('\n\n</details>\n\n');
          closedReasoning = true;
        }
        push(text);
      },
      finish: async (result, problem) => {
        if (openedReasoning && !closedReasoning) push('\n\n</details>\n');
        if (result.outcome === 'cancelled') push('\n\n_(cancelled: the answer above is partial)_\n');
        if (result.outcome === 'failed') push(`\n\n_(incomplete: ${problem?.message ?? 'the request failed'})_\n`);
        const rest = redactor.end();
        if (rest) batcher.push(rest);
        await shown;
        await batcher.flush();
        // The document holds exactly the model's text; the metrics footer goes to the status bar.
        vscode.window.setStatusBarMessage(footerLine(result, problem), 15_000);
      },
    };
  }
}
