// Where a Converse error belongs in the request as written: classify names request members (`messages.2.content.0`,
// `system`) and, for a block the model cannot read, a pattern (`messages.*.content.*.image`) found here in the
// request. A request written with the `prompt` shorthand has no `messages`: what concerns its one message goes on
// `prompt`. Additional model request fields' schema errors go inside `additionalModelRequestFields`.
import type { Problem, RequestPath } from '../errors/classify';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The first path matching `pattern` ('*' any index, 'a|b' either key) in `value`. */
function find(value: unknown, pattern: RequestPath, at: RequestPath = []): RequestPath | undefined {
  if (pattern.length === 0) return at;
  const [head, ...rest] = pattern;
  if (head === '*') {
    if (!Array.isArray(value)) return undefined;
    for (let i = 0; i < value.length; i++) {
      const found = find(value[i], rest, [...at, i]);
      if (found) return found;
    }
    return undefined;
  }
  if (typeof head === 'number') return Array.isArray(value) ? find(value[head], rest, [...at, head]) : undefined;
  if (!isObject(value)) return undefined;
  for (const key of head.split('|')) if (key in value) return find(value[key], rest, [...at, key]);
  return undefined;
}

/** The first message whose role repeats the one before it. */
function repeatedRole(messages: unknown): number | undefined {
  if (!Array.isArray(messages)) return undefined;
  for (let i = 1; i < messages.length; i++) {
    if (isObject(messages[i]) && isObject(messages[i - 1]) && messages[i].role === messages[i - 1].role) return i;
  }
  return undefined;
}

/** The request as the file wrote it: the Converse members, and `prompt` when the shorthand is used. */
export interface WrittenConverse {
  members: Record<string, unknown>;
  prompt?: string;
}

/** Sets problem.jsonPath (relative to the request object) to the node of the request the Converse error is about. */
export function locateConverseProblem(problem: Problem, written: WrittenConverse): Problem {
  const path = problem.jsonPath;
  if (!path?.length) return problem;
  if (path[0] === 'body') {
    // Model-native schema errors are about additionalModelRequestFields, the only model-native part of Converse.
    problem.jsonPath =
      'additionalModelRequestFields' in written.members
        ? ['additionalModelRequestFields', ...path.slice(1)]
        : undefined;
    return problem;
  }
  if (path[0] === 'messages' && written.prompt !== undefined && !('messages' in written.members)) {
    problem.jsonPath = ['prompt'];
    return problem;
  }
  if (path.includes('*') || path.some((p) => typeof p === 'string' && p.includes('|'))) {
    problem.jsonPath = find(written.members, path) ?? [path[0]];
    return problem;
  }
  if (path.length === 1 && path[0] === 'messages') {
    const i = repeatedRole(written.members.messages);
    if (i !== undefined) problem.jsonPath = ['messages', i];
  }
  return problem;
}
