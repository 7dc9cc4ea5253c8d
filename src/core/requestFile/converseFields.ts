// The fields of a `"api": "converse"` request: Converse's own members, spelled as botocore's bedrock-runtime service
// model spells them (ConverseRequest / ConverseStreamRequest), plus the `prompt` + `system` shorthand. Checked here
// as far as a problem can be put on its node before anything is sent (each message, each content block); the JSON
// schema (media/schemas/bedrock-request.schema.json, definitions.converse) checks the rest while typing, and
// Bedrock the remainder.
import type { JsonPath, RequestFileProblem, RequestSpec, SourceRange } from './types';

/** Every Converse request member a request file may set, in the service model's order. */
export const CONVERSE_MEMBERS = [
  'messages',
  'system',
  'inferenceConfig',
  'toolConfig',
  'guardrailConfig',
  'additionalModelRequestFields',
  'promptVariables',
  'additionalModelResponseFieldPaths',
  'requestMetadata',
  'performanceConfig',
  'serviceTier',
  'outputConfig',
] as const;
export type ConverseMember = (typeof CONVERSE_MEMBERS)[number];

/** Converse's members as the request file wrote them (variables not yet expanded; `system` may be the shorthand string). */
export type ConverseFields = Partial<Record<ConverseMember, unknown>>;

/** The ContentBlock union's members (service model), and those of SystemContentBlock. */
export const CONTENT_BLOCK_KINDS = [
  'text',
  'image',
  'document',
  'video',
  'audio',
  'toolUse',
  'toolResult',
  'guardContent',
  'cachePoint',
  'reasoningContent',
  'citationsContent',
  'searchResult',
] as const;
const SYSTEM_BLOCK_KINDS = ['text', 'guardContent', 'cachePoint'];

/** InvokeModel-only request fields, and what a Converse request writes instead. */
const INVOKE_ONLY: Record<string, string> = {
  body: 'A Converse request has no "body": write its members ("messages", "system", "inferenceConfig", ...) at the top level of the request, or remove "api": "converse" to send "body" with InvokeModel.',
  contentType: '"contentType" is an InvokeModel field; Converse always sends JSON. Remove it.',
  accept: '"accept" is an InvokeModel field; Converse always answers JSON. Remove it.',
  trace: 'In a Converse request the guardrail trace is "guardrailConfig": { ..., "trace": "enabled" }.',
  guardrailIdentifier:
    'In a Converse request a guardrail is "guardrailConfig": { "guardrailIdentifier": "...", "guardrailVersion": "..." }.',
  guardrailVersion:
    'In a Converse request a guardrail is "guardrailConfig": { "guardrailIdentifier": "...", "guardrailVersion": "..." }.',
  performanceConfigLatency:
    'In a Converse request latency optimization is "performanceConfig": { "latency": "optimized" }.',
  maxTokens: 'In a Converse request the token limit is "inferenceConfig": { "maxTokens": ... }.',
  temperature: 'In a Converse request sampling is "inferenceConfig": { "temperature": ... }.',
  topP: 'In a Converse request sampling is "inferenceConfig": { "topP": ... }.',
};

const OBJECT_MEMBERS: ConverseMember[] = [
  'inferenceConfig',
  'toolConfig',
  'guardrailConfig',
  'additionalModelRequestFields',
  'promptVariables',
  'requestMetadata',
  'performanceConfig',
  'serviceTier',
  'outputConfig',
];

/** A Prompt management prompt's ARN (optionally with `:version`): Converse fills its template from `promptVariables`. */
export const PROMPT_ARN = /^arn:aws(-[a-z-]+)?:bedrock:[a-z0-9-]+:\d{12}:prompt\/[0-9a-zA-Z]{10}(:\d{1,5})?$/;

export function isPromptArn(modelId: string | undefined): boolean {
  return !!modelId && PROMPT_ARN.test(modelId.trim());
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `${typeof value} ${JSON.stringify(value)}`;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

interface Location {
  index: number;
  path: JsonPath;
  range: SourceRange;
  rangeOf(path: JsonPath): SourceRange | undefined;
}

/** One content block: an object with exactly one of the union's members. */
function checkBlock(
  block: unknown,
  kinds: readonly string[],
  where: string,
  fail: (path: JsonPath, message: string) => void,
  path: JsonPath,
): void {
  if (!isObject(block)) {
    fail(path, `${where} must be a content block object such as { "text": "..." }, not ${describe(block)}.`);
    return;
  }
  const keys = Object.keys(block);
  if (keys.length !== 1) {
    fail(
      path,
      `${where} must have exactly one of ${kinds.join(', ')}; it has ${keys.length ? keys.join(', ') : 'none'}. Split it into one block per member.`,
    );
    return;
  }
  if (!kinds.includes(keys[0]))
    fail(
      [...path, keys[0]],
      `"${keys[0]}" is not a Converse content block here. ${where} is one of ${kinds.join(', ')}.`,
    );
}

/** Reads the Converse members of `value` into `spec.converse`; pushes a problem for each field it cannot accept. */
export function readConverse(
  value: Record<string, unknown>,
  spec: RequestSpec,
  at: Location,
  problems: RequestFileProblem[],
): void {
  const fail = (path: JsonPath, message: string) => {
    const full = [...at.path, ...path];
    problems.push({ kind: 'field', message, path: full, range: at.rangeOf(full) ?? at.range, requestIndex: at.index });
  };
  for (const [key, message] of Object.entries(INVOKE_ONLY)) if (key in value) fail([key], message);

  const converse: ConverseFields = {};
  for (const member of CONVERSE_MEMBERS) if (member in value) converse[member] = value[member];
  spec.converse = converse;

  for (const member of OBJECT_MEMBERS) {
    if (member in value && !isObject(value[member])) {
      const shape =
        member === 'serviceTier'
          ? ' such as { "type": "flex" }'
          : member === 'performanceConfig'
            ? ' such as { "latency": "optimized" }'
            : '';
      fail([member], `"${member}" must be an object${shape}, not ${describe(value[member])}.`);
    }
  }
  if ('additionalModelResponseFieldPaths' in value) {
    const paths = value.additionalModelResponseFieldPaths;
    if (!Array.isArray(paths) || paths.some((p) => typeof p !== 'string')) {
      fail(
        ['additionalModelResponseFieldPaths'],
        `"additionalModelResponseFieldPaths" must be a list of JSON Pointers such as ["/stop_sequence"], not ${describe(paths)}.`,
      );
    }
  }
  if ('system' in value) {
    const system = value.system;
    if (Array.isArray(system))
      system.forEach((b, i) => checkBlock(b, SYSTEM_BLOCK_KINDS, `system[${i}]`, fail, ['system', i]));
    else if (typeof system !== 'string')
      fail(
        ['system'],
        `"system" must be a string or a list of system content blocks [{ "text": "..." }], not ${describe(system)}.`,
      );
  }

  const promptArn = isPromptArn(spec.modelId);
  const hasMessages = 'messages' in value;
  const hasPrompt = 'prompt' in value;
  if (hasMessages) {
    const messages = value.messages;
    if (!Array.isArray(messages)) {
      fail(
        ['messages'],
        `"messages" must be a list of messages [{ "role": "user", "content": [{ "text": "..." }] }], not ${describe(messages)}.`,
      );
    } else {
      if (messages.length === 0 && !promptArn)
        fail(
          ['messages'],
          '"messages" is empty. Add a user message { "role": "user", "content": [{ "text": "..." }] }.',
        );
      messages.forEach((m, i) => {
        const where = `messages[${i}]`;
        if (!isObject(m))
          return fail(
            ['messages', i],
            `${where} must be a message object { "role": "user", "content": [...] }, not ${describe(m)}.`,
          );
        if (m.role !== 'user' && m.role !== 'assistant')
          fail(
            ['messages', i, ...('role' in m ? ['role'] : [])],
            `${where} needs "role": "user" or "assistant"${'role' in m ? `, not ${describe(m.role)}` : ''}.`,
          );
        const content = m.content;
        if (!Array.isArray(content))
          return fail(
            ['messages', i, ...('content' in m ? ['content'] : [])],
            `${where} needs "content": a list of content blocks such as [{ "text": "..." }].`,
          );
        if (content.length === 0)
          fail(['messages', i, 'content'], `${where} has no content block. Add one such as { "text": "..." }.`);
        content.forEach((b, j) =>
          checkBlock(b, CONTENT_BLOCK_KINDS, `${where}.content[${j}]`, fail, ['messages', i, 'content', j]),
        );
      });
    }
  }
  if (hasPrompt && hasMessages) {
    fail(
      ['prompt'],
      'A Converse request has either "prompt" (one user message) or "messages" (the conversation), not both. Put the prompt into "messages" or remove one.',
    );
  } else if (!hasPrompt && !hasMessages && !promptArn) {
    fail(
      [],
      'This Converse request has neither "prompt" nor "messages". Add "prompt": "..." for one user message, or "messages": [{ "role": "user", "content": [{ "text": "..." }] }].',
    );
  }
  if ('promptVariables' in value && !promptArn) {
    fail(
      ['promptVariables'],
      '"promptVariables" fill the template of a Prompt management prompt: set "modelId" to the prompt\'s ARN (arn:aws:bedrock:<region>:<account>:prompt/<id>), or remove "promptVariables".',
    );
  }
}
