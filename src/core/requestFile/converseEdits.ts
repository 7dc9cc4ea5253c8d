// Edits of a Converse request's text that quick fixes make: jsonc-parser's modify, so comments and the rest of the
// formatting stay as written.
import { applyEdits, modify, type FormattingOptions } from 'jsonc-parser';
import type { RequestSpec } from './types';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The text of a Converse `system`: the string, or its text blocks joined by blank lines (cache points dropped). */
export function systemText(system: unknown): string | undefined {
  if (typeof system === 'string') return system;
  if (!Array.isArray(system)) return undefined;
  const texts = system
    .filter(isObject)
    .map((b) => b.text)
    .filter((t): t is string => typeof t === 'string');
  return texts.length ? texts.join('\n\n') : undefined;
}

/**
 * The file's text with the request's system prompt moved to the start of the first user turn: prepended to
 * `prompt`, or as the first text block of the first user message; `system` removed. Undefined when there is no
 * system text or no user turn to move it into.
 */
export function moveSystemIntoUserTurn(
  text: string,
  spec: RequestSpec,
  formatting: FormattingOptions,
): string | undefined {
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
    out = applyEdits(
      out,
      modify(
        out,
        [...spec.path, 'messages', first, 'content', 0],
        { text: system },
        { ...options, isArrayInsertion: true },
      ),
    );
  }
  return applyEdits(out, modify(out, [...spec.path, 'system'], undefined, options));
}

/** A tool call of the model's answer, as the answer gave it. */
export interface AnsweredToolUse {
  toolUseId: string;
  name: string;
  input: unknown;
}

/** What the placeholder of a tool's result says; the command selects it so the user types over it. */
export function toolResultPlaceholder(name: string): string {
  return `The result of ${name}: replace this text with what the tool returned`;
}

/**
 * The file's text with the conversation continued: the model's answer (its text and tool calls) as an assistant
 * turn, then a user turn with one toolResult per call, a placeholder text in each. A `prompt` request becomes a
 * `messages` request first (its prompt the first user message). Undefined when the answer had no tool call.
 */
export function addToolResultTurns(
  text: string,
  spec: RequestSpec,
  answer: { text: string; toolUses: readonly AnsweredToolUse[] },
  formatting: FormattingOptions,
): string | undefined {
  if (!answer.toolUses.length) return undefined;
  const assistant = {
    role: 'assistant',
    content: [
      ...(answer.text.trim() ? [{ text: answer.text }] : []),
      ...answer.toolUses.map((t) => ({ toolUse: { toolUseId: t.toolUseId, name: t.name, input: t.input } })),
    ],
  };
  const user = {
    role: 'user',
    content: answer.toolUses.map((t) => ({
      toolResult: { toolUseId: t.toolUseId, content: [{ text: toolResultPlaceholder(t.name) }] },
    })),
  };
  const options = { formattingOptions: formatting };
  const messages = spec.converse?.messages;
  if (spec.prompt !== undefined) {
    const turns = [{ role: 'user', content: [{ text: spec.prompt }] }, assistant, user];
    const withMessages = applyEdits(text, modify(text, [...spec.path, 'messages'], turns, options));
    return applyEdits(withMessages, modify(withMessages, [...spec.path, 'prompt'], undefined, options));
  }
  if (!Array.isArray(messages)) return undefined;
  let out = applyEdits(
    text,
    modify(text, [...spec.path, 'messages', messages.length], assistant, { ...options, isArrayInsertion: true }),
  );
  out = applyEdits(
    out,
    modify(out, [...spec.path, 'messages', messages.length + 1], user, { ...options, isArrayInsertion: true }),
  );
  return out;
}
