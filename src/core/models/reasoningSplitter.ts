// Separates reasoning from the answer in models that inline it in their text (DeepSeek R1's `</think>`, gpt-oss's
// `<reasoning>…</reasoning>`). It works on a stream, so a tag cut across two chunks is still recognised: text that
// could be the start of a tag is held back until the next chunk decides. Each part is trimmed as a whole, again
// without waiting for the end: leading whitespace is dropped, trailing whitespace is held until more text follows.

export type Channel = 'text' | 'reasoning';

export interface SplitterRule {
  /** The channel the text starts in. */
  initial: Channel;
  /** Per channel: the tags that end it, and the channel each leads to. Tags themselves are never emitted. */
  transitions: Record<Channel, { tag: string; to: Channel }[]>;
}

export interface SplitPart {
  text: string;
  reasoning: string;
}

export class ReasoningSplitter {
  private channel: Channel;
  private buffer = '';
  private readonly started: Record<Channel, boolean> = { text: false, reasoning: false };
  private readonly heldWhitespace: Record<Channel, string> = { text: '', reasoning: '' };

  constructor(private readonly rule: SplitterRule) {
    this.channel = rule.initial;
  }

  /** Feeds the next piece of model text; returns what can be shown now. */
  push(chunk: string): SplitPart {
    const out: SplitPart = { text: '', reasoning: '' };
    this.buffer += chunk;
    for (;;) {
      const found = this.earliestTag();
      if (!found) break;
      this.emit(out, this.buffer.slice(0, found.index));
      this.buffer = this.buffer.slice(found.index + found.tag.length);
      this.channel = found.to;
    }
    const keep = this.partialTagLength();
    this.emit(out, this.buffer.slice(0, this.buffer.length - keep));
    this.buffer = this.buffer.slice(this.buffer.length - keep);
    return out;
  }

  /** Ends the text: what was held back as a possible tag start is plain text after all. */
  finish(): SplitPart {
    const out: SplitPart = { text: '', reasoning: '' };
    this.emit(out, this.buffer);
    this.buffer = '';
    return out;
  }

  private emit(out: SplitPart, piece: string): void {
    const channel = this.channel;
    let text = this.heldWhitespace[channel] + piece;
    if (!this.started[channel]) text = text.trimStart();
    const body = text.trimEnd();
    this.heldWhitespace[channel] = text.slice(body.length);
    if (body) {
      out[channel] += body;
      this.started[channel] = true;
    }
  }

  private earliestTag(): { index: number; tag: string; to: Channel } | undefined {
    let best: { index: number; tag: string; to: Channel } | undefined;
    for (const { tag, to } of this.rule.transitions[this.channel]) {
      const index = this.buffer.indexOf(tag);
      if (index >= 0 && (!best || index < best.index)) best = { index, tag, to };
    }
    return best;
  }

  /** Length of the longest buffer suffix that is a proper prefix of a tag of the current channel. */
  private partialTagLength(): number {
    let longest = 0;
    for (const { tag } of this.rule.transitions[this.channel]) {
      for (let n = Math.min(tag.length - 1, this.buffer.length); n > longest; n--) {
        if (this.buffer.endsWith(tag.slice(0, n))) {
          longest = n;
          break;
        }
      }
    }
    return longest;
  }
}

/** Splits a whole text at once, with exactly the result a stream of its pieces would give. */
export function splitReasoning(rule: SplitterRule, text: string): SplitPart {
  const splitter = new ReasoningSplitter(rule);
  const first = splitter.push(text);
  const last = splitter.finish();
  return { text: first.text + last.text, reasoning: first.reasoning + last.reasoning };
}
