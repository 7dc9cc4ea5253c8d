// Edits of a Converse request's text that quick fixes make: jsonc-parser's modify, so comments and the rest of the
// formatting stay as written.
import { applyEdits, modify, type FormattingOptions } from 'jsonc-parser';
import type { RequestSpec } from './types';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The text of a Converse `system`: the string, or its text blocks joined by blank lines (cache points dropped). */
export function systemText(system: unknown): string | undefined {
  if (typeof system === 'string') return system;
  if (!Array.isArray(system)) return undefined;
  const texts = system.filter(isObject).map((b) => b.text).filter((t): t is string => typeof t === 'string');
  return texts.length ? texts.join('\n\n') : undefined;
}

/**
 * The file's text with the request's system prompt moved to the start of the first user turn: prepended to
 * `prompt`, or as the first text block of the first user message; `system` removed. Undefined when there is no
 * system text or no user turn to move it into.
 */
export function moveSystemIntoUserTurn(text: string, spec: RequestSpec, formatting: FormattingOptions): string | undefined {
  const converse = spec.converse ?? {};
  const system = systemText(converse.system);
  if (system === undefined) return undefined;
  const options = { formattingOptions: formatting };
  let out = text;
  if (spec.prompt !== undefined) {
    out = applyEdits(out, modify(out, [...spec.path, 'prompt'], `${system}\n\n${spec.prompt}`, options));
  } else {
    const messages = Array.isArray(converse.messages) ? converse.messages : [];
    const first = messages.findIndex((m) => isObject(m) && m.role === 'user' && Array.isArray(m.content));
    if (first < 0) return undefined;
    out = applyEdits(out, modify(out, [...spec.path, 'messages', first, 'content', 0], { text: system }, { ...options, isArrayInsertion: true }));
  }
  return applyEdits(out, modify(out, [...spec.path, 'system'], undefined, options));
}
