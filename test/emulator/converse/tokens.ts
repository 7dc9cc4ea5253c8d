/**
 * Input-token accounting for Converse and CountTokens: the request is read as a list of pieces in the order the
 * model sees it (tools, system, messages), each worth ceil(characters / 4) tokens, images a flat amount and
 * document bytes by size. CountTokens counts with the same function, so its answer is what Converse then charges
 * (https://docs.aws.amazon.com/bedrock/latest/userguide/count-tokens.html).
 */
import type { Json } from '../families/family';

/** Tokens one image costs, whatever its size (the emulator does not decode images). */
export const IMAGE_TOKENS = 85;

export interface Piece {
  /** Stable text the piece contributes (its cache identity). */
  key: string;
  tokens: number;
  /** A cachePoint closes the prefix ending here. */
  cachePoint?: { ttl: '5m' | '1h' };
}

const textTokens = (s: string) => Math.ceil(s.length / 4);

function blockPiece(block: Json): Piece | undefined {
  if (block.cachePoint) return undefined;
  if (typeof block.text === 'string') return { key: `t:${block.text}`, tokens: textTokens(block.text) };
  const image = block.image as Json | undefined;
  if (image) {
    const src = image.source as Json;
    return { key: `i:${JSON.stringify(src)}`, tokens: IMAGE_TOKENS };
  }
  const doc = block.document as Json | undefined;
  if (doc) {
    const src = doc.source as Json;
    const text =
      typeof src.bytes === 'string'
        ? Buffer.from(src.bytes, 'base64').toString('utf8')
        : typeof src.text === 'string'
          ? src.text
          : Array.isArray(src.content)
            ? (src.content as Json[]).map((c) => String(c.text ?? '')).join('\n')
            : JSON.stringify(src);
    return { key: `d:${String(doc.name)}:${text}`, tokens: textTokens(String(doc.name)) + textTokens(text) };
  }
  const reasoning = block.reasoningContent as Json | undefined;
  if (reasoning) {
    const text = String((reasoning.reasoningText as Json | undefined)?.text ?? '');
    return { key: `r:${text}`, tokens: textTokens(text) };
  }
  if (block.toolResult) {
    const content = ((block.toolResult as Json).content as Json[]).map((c) =>
      typeof c.text === 'string' ? c.text : JSON.stringify(c.json ?? c),
    );
    const text = content.join('\n');
    return { key: `tr:${text}`, tokens: textTokens(text) };
  }
  const key = JSON.stringify(block);
  return { key, tokens: textTokens(key) };
}

function cacheOf(block: Json): Piece['cachePoint'] {
  const cp = block.cachePoint as Json | undefined;
  return cp ? { ttl: cp.ttl === '1h' ? '1h' : '5m' } : undefined;
}

/** Pushes the block's piece, or marks the previous piece as a checkpoint. */
function add(pieces: Piece[], block: Json): void {
  const cp = cacheOf(block);
  if (cp) {
    if (pieces.length) pieces[pieces.length - 1] = { ...pieces[pieces.length - 1], cachePoint: cp };
    return;
  }
  const p = blockPiece(block);
  if (p) pieces.push(p);
}

export interface ConverseInput {
  messages?: Json[];
  system?: Json[];
  toolConfig?: Json;
}

export function inputPieces(input: ConverseInput): Piece[] {
  const pieces: Piece[] = [];
  for (const tool of (input.toolConfig?.tools ?? []) as Json[]) {
    if (tool.cachePoint) add(pieces, tool);
    else {
      const key = JSON.stringify(tool);
      pieces.push({ key: `tool:${key}`, tokens: textTokens(key) });
    }
  }
  for (const block of input.system ?? []) add(pieces, block);
  for (const message of input.messages ?? []) {
    pieces.push({ key: `role:${String(message.role)}`, tokens: 1 });
    for (const block of (message.content as Json[]) ?? []) add(pieces, block);
  }
  return pieces;
}

export function countInputTokens(pieces: Piece[]): number {
  return Math.max(
    1,
    pieces.reduce((n, p) => n + p.tokens, 0),
  );
}
