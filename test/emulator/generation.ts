/**
 * The emulator's "model": deterministic output that echoes the last user message verbatim, then filler tokens.
 * Pieces are computed lazily so a 100,000-chunk stream never materialises its text.
 */
// Eight words and a line break, like prose: a real answer is never one endless line (editors render lines, not tokens).
const FILLER = [' alpha', ' bravo', ' charlie', ' delta', ' echo', ' foxtrot', ' golf', ' hotel.\n'];

/** Rough token estimate used everywhere (headers, usage fields, invocation metrics), so they agree. */
export function estimateTokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}

export interface Generation {
  /** Number of content chunks a stream carries. */
  readonly pieceCount: number;
  /** Text of content chunk i (0 <= i < pieceCount). */
  piece(i: number): string;
  /** Whole text (for non-streaming responses). */
  text(): string;
  readonly inputTokens: number;
  readonly outputTokens: number;
}

export interface GenerationInput {
  /** The last user message, as the model would see it. */
  userText: string;
  /** All prompt text (system + history), for the input-token estimate. */
  promptText: string;
  fillerTokens: number;
  /** Desired number of content chunks for streams; more chunks than tokens adds filler. */
  chunks?: number;
  /** Replaces the echo (e.g. a guardrail's canned answer). */
  override?: string;
  /** Model text before the echo (reasoning models put their thinking here). */
  prefix?: string;
  /** Output tokens the family emits outside the text (e.g. Claude thinking blocks). */
  extraOutputTokens?: number;
}

export const tokenize = (text: string): string[] => text.match(/\s*\S+\s*/g) ?? (text ? [text] : []);

export function generate(input: GenerationInput): Generation {
  const echoTokens =
    input.override !== undefined ? [input.override] : [...tokenize(input.prefix ?? ''), ...tokenize(input.userText)];
  const filler = input.override !== undefined ? 0 : Math.max(0, input.fillerTokens);
  const base = echoTokens.length + filler;
  const tokenCount = input.chunks && input.chunks > base ? input.chunks : base;
  const pieceCount = input.chunks ? Math.min(input.chunks, Math.max(tokenCount, 1)) : Math.max(tokenCount, 1);
  const token = (j: number): string =>
    j < echoTokens.length ? echoTokens[j] : FILLER[(j - echoTokens.length) % FILLER.length];
  const piece = (i: number): string => {
    if (tokenCount === 0) return '';
    const from = Math.floor((i * tokenCount) / pieceCount);
    const to = Math.floor(((i + 1) * tokenCount) / pieceCount);
    let s = '';
    for (let j = from; j < to; j++) s += token(j);
    return s;
  };
  return {
    pieceCount,
    piece,
    text() {
      let s = '';
      for (let j = 0; j < tokenCount; j++) s += token(j);
      return s;
    },
    inputTokens: estimateTokens(input.promptText),
    outputTokens: Math.max(1, tokenCount) + (input.extraOutputTokens ?? 0),
  };
}
