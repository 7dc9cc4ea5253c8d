/**
 * A Converse / ConverseStream body checked the way the service checks it: first against the service model
 * (serviceModel.ts), then the conversation rules and the model's capabilities, with Bedrock's own wording where it
 * is known (quoted by users of the service; AWS does not document Converse's messages). What it yields is what the
 * emulated model answers from.
 */
import type { CatalogModel } from '../catalog';
import { BedrockError, validation } from '../errors';
import { anthropic, CLAUDE_THINKING } from '../families/anthropic';
import type { Json } from '../families/family';
import { MalformedRequest, validateShape } from '../serviceModel';
import { capabilitiesOf, type ConverseCapabilities } from './capabilities';

export const MALFORMED = 'Malformed input request, please reformat your input and try again.';

export const MESSAGES = {
  firstUser:
    'A conversation must start with a user message. Try again with a conversation that starts with a user message.',
  alternate:
    'A conversation must alternate between user and assistant roles. Make sure the conversation alternates between user and assistant roles and try again.',
  system:
    "This model doesn't support system messages. Try again without a system message or use a model that supports system messages.",
  tools: "This model doesn't support tool use.",
  streamingTools: "This model doesn't support tool use in streaming mode.",
  images:
    "This model doesn't support the image content block that you provided. Update the content block and try again.",
  documents:
    "This model doesn't support the document content block that you provided. Update the content block and try again.",
  caching:
    'You invoked an unsupported model or your request did not allow prompt caching. See the documentation for more information.',
  toolConfigNeeded: 'The toolConfig field must be defined when using toolUse and toolResult content blocks.',
  notConversational:
    "This action doesn't support the model that you provided. Try again with a supported text or chat model.",
} as const;

const field = (name: string) => `This model doesn't support the ${name} field. Remove ${name} and try again.`;

export interface ToolCall {
  toolUseId: string;
  name: string;
  input: unknown;
}

export interface ConversePlan {
  model: CatalogModel;
  caps: ConverseCapabilities;
  /** System text blocks and messages as the model reads them (after a prompt ARN's template is filled). */
  system: Json[];
  messages: Json[];
  toolConfig?: Json;
  /** The emulated model's answer text (before filler), and whether filler follows. */
  answer: { text: string; filler: boolean };
  reasoning?: { text: string; signature?: string };
  toolCall?: ToolCall;
  /** outputConfig.textFormat's schema, parsed. */
  jsonSchema?: unknown;
}

const isObj = (v: unknown): v is Json => !!v && typeof v === 'object' && !Array.isArray(v);

/** Shape checks against the service model (a wrong JSON type reads as a malformed request). */
export function checkShape(body: unknown, shapeName: string): Json {
  if (!isObj(body)) throw validation(MALFORMED);
  try {
    validateShape(body, shapeName, { skip: ['modelId'] });
  } catch (e) {
    if (e instanceof MalformedRequest) throw validation(MALFORMED);
    throw e;
  }
  return body;
}

const blockKind = (b: Json) => Object.keys(b).find((k) => b[k] !== undefined) ?? '';
const MAX_IMAGES = 20;
const MAX_IMAGE_BYTES = 3.75 * 1024 * 1024;
const MAX_DOCUMENTS = 5;
const MAX_DOCUMENT_BYTES = 4.5 * 1024 * 1024;
const MAX_CACHE_POINTS = 4;
const DOCUMENT_NAME = /^[a-zA-Z0-9\-()[\]]+( [a-zA-Z0-9\-()[\]]+)*$/;
const MAGIC: Record<string, (b: Buffer) => boolean> = {
  png: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  jpeg: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  gif: (b) => b.subarray(0, 4).toString('latin1') === 'GIF8',
  webp: (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP',
};

/** The conversation rules and the model's capabilities. */
export function planConverse(
  body: Json,
  model: CatalogModel,
  stream: boolean,
  prompt?: { system?: string; userText: string },
): ConversePlan {
  const caps = capabilitiesOf(model);
  const system: Json[] = [
    ...(prompt?.system ? [{ text: prompt.system }] : []),
    ...((body.system as Json[] | undefined) ?? []),
  ];
  const messages: Json[] = [
    ...(prompt ? [{ role: 'user', content: [{ text: prompt.userText }] }] : []),
    ...((body.messages as Json[] | undefined) ?? []),
  ];
  const toolConfig = body.toolConfig as Json | undefined;

  if (messages.length === 0 || messages[0].role !== 'user') throw validation(MESSAGES.firstUser);
  for (let i = 1; i < messages.length; i++)
    if (messages[i].role === messages[i - 1].role) throw validation(MESSAGES.alternate);
  if ((body.system as Json[] | undefined)?.length && !caps.system) throw validation(MESSAGES.system);

  let images = 0;
  let documents = 0;
  let cachePoints = 0;
  const cacheTtls: string[] = [];
  const noteCache = (b: Json) => {
    if (!b.cachePoint) return;
    cachePoints++;
    cacheTtls.push(((b.cachePoint as Json).ttl as string | undefined) ?? '5m');
  };
  for (const t of (toolConfig?.tools as Json[] | undefined) ?? []) noteCache(t);
  for (const b of system) noteCache(b);
  messages.forEach((m, i) => {
    const content = m.content as Json[];
    if (content.length === 0) {
      throw validation(
        `The content field in the Message object at messages.${i} is empty. Add a ContentBlock object to the content field and try again.`,
      );
    }
    const kinds = content.map(blockKind);
    content.forEach((b, j) => {
      const where = `messages.${i}.content.${j}`;
      noteCache(b);
      if (b.image) {
        if (m.role !== 'user') throw validation(`The image block at ${where} is only allowed in a user message.`);
        if (!caps.images) throw validation(MESSAGES.images);
        const img = b.image as Json;
        const src = img.source as Json;
        if (typeof src.bytes === 'string') {
          const bytes = Buffer.from(src.bytes, 'base64');
          if (bytes.length > MAX_IMAGE_BYTES)
            throw validation(`The image at ${where} is larger than 3.75 MB. Reduce the image size and try again.`);
          if (!MAGIC[img.format as string]?.(bytes))
            throw validation(
              `The image at ${where} isn't a valid ${img.format as string} image. Check the image bytes and format and try again.`,
            );
        } else if (src.s3Location) throw validation(field(`${where}.image.source.s3Location`));
        if (++images > MAX_IMAGES)
          throw validation(
            `Too many images: the request has more than ${MAX_IMAGES}. Remove some images and try again.`,
          );
      }
      if (b.document) {
        if (m.role !== 'user') throw validation(`The document block at ${where} is only allowed in a user message.`);
        if (!caps.documents) throw validation(MESSAGES.documents);
        const doc = b.document as Json;
        if (!DOCUMENT_NAME.test(doc.name as string)) {
          throw validation(
            `The document name at ${where} can only contain alphanumeric characters, whitespace characters (but not more than one in a row), hyphens, parentheses, and square brackets.`,
          );
        }
        const src = doc.source as Json;
        if (typeof src.bytes === 'string' && Buffer.from(src.bytes, 'base64').length > MAX_DOCUMENT_BYTES) {
          throw validation(`The document at ${where} is larger than 4.5 MB. Reduce the document size and try again.`);
        }
        if (src.s3Location) throw validation(field(`${where}.document.source.s3Location`));
        if (!kinds.includes('text'))
          throw validation(
            `The message at messages.${i} has a document block but no text block. Add a text block with your question about the document and try again.`,
          );
        if (++documents > MAX_DOCUMENTS)
          throw validation(
            `Too many documents: the request has more than ${MAX_DOCUMENTS}. Remove some documents and try again.`,
          );
      }
      if ((b.toolUse || b.toolResult) && !toolConfig) throw validation(MESSAGES.toolConfigNeeded);
      if (b.toolUse && m.role !== 'assistant')
        throw validation(`The toolUse block at ${where} is only allowed in an assistant message.`);
      if (b.toolResult) {
        if (m.role !== 'user') throw validation(`The toolResult block at ${where} is only allowed in a user message.`);
        const id = (b.toolResult as Json).toolUseId;
        const previous = (messages[i - 1]?.content as Json[] | undefined) ?? [];
        if (!previous.some((p) => (p.toolUse as Json | undefined)?.toolUseId === id)) {
          throw validation(
            `The toolResult block at ${where} has toolUseId ${String(id)}, which no toolUse block in the previous assistant message has. Use the toolUseId of the toolUse you answer and try again.`,
          );
        }
      }
      if (b.video || b.audio) throw validation(field(`${where}.${blockKind(b)}`));
    });
  });

  if (cachePoints) {
    if (caps.cacheMinTokens === undefined) throw validation(MESSAGES.caching);
    if (cachePoints > MAX_CACHE_POINTS)
      throw validation(`A maximum of ${MAX_CACHE_POINTS} cachePoint blocks may be provided. Found ${cachePoints}.`);
    if (cacheTtls.includes('1h') && !caps.extendedCacheTtl) throw validation(field('cachePoint.ttl'));
    for (let i = 1; i < cacheTtls.length; i++) {
      if (cacheTtls[i] === '1h' && cacheTtls[i - 1] === '5m') {
        throw validation(
          "A cachePoint with ttl 1h can't follow a cachePoint with ttl 5m. Order the checkpoints of toolConfig, system and messages from longest to shortest ttl and try again.",
        );
      }
    }
  }

  let toolCall: ToolCall | undefined;
  if (toolConfig) {
    if (!caps.tools) throw validation(MESSAGES.tools);
    if (stream && !caps.streamingTools) throw validation(MESSAGES.streamingTools);
    const specs = (toolConfig.tools as Json[]).map((t) => t.toolSpec).filter(Boolean) as Json[];
    const choice = toolConfig.toolChoice as Json | undefined;
    if (choice && (choice.any || choice.tool) && !caps.forcedToolChoice)
      throw validation(field(`toolConfig.toolChoice.${choice.any ? 'any' : 'tool'}`));
    const forced = (choice?.tool as Json | undefined)?.name as string | undefined;
    if (forced && !specs.some((s) => s.name === forced))
      throw validation(
        `The tool ${forced} named in toolConfig.toolChoice.tool isn't in toolConfig.tools. Add the tool or choose another one and try again.`,
      );
    const names = specs.map((s) => s.name as string);
    if (new Set(names).size !== names.length)
      throw validation(
        'The toolConfig.tools field has tools with the same name. Give each tool a unique name and try again.',
      );
    const last = messages[messages.length - 1].content as Json[];
    const answersTool = last.some((b) => b.toolResult);
    const spec = forced ? specs.find((s) => s.name === forced) : specs[0];
    if (spec && !answersTool) {
      toolCall = { toolUseId: '', name: spec.name as string, input: undefined };
      toolCall.input = (spec.inputSchema as Json).json;
    }
  }

  const extra = body.additionalModelRequestFields;
  let reasoning: ConversePlan['reasoning'];
  if (extra !== undefined && !isObj(extra)) throw validation(MALFORMED);
  if (isObj(extra)) reasoning = checkAdditionalFields(extra, model, caps, body);
  if (caps.reasoning === 'always') reasoning = { text: 'The user wants their last message repeated, so I repeat it.' };

  let jsonSchema: unknown;
  const textFormat = (body.outputConfig as Json | undefined)?.textFormat as Json | undefined;
  if (textFormat) {
    if (!caps.structuredOutput) throw validation(field('outputConfig.textFormat'));
    const raw = ((textFormat.structure as Json).jsonSchema as Json).schema as string;
    try {
      jsonSchema = JSON.parse(raw);
    } catch {
      throw validation(
        "The outputConfig.textFormat.structure.jsonSchema.schema field isn't valid JSON. Provide a JSON schema as a string and try again.",
      );
    }
    if (!isObj(jsonSchema))
      throw validation('The outputConfig.textFormat.structure.jsonSchema.schema field must be a JSON schema object.');
  }

  for (const p of (body.additionalModelResponseFieldPaths as string[] | undefined) ?? []) {
    if (!p.startsWith('/'))
      throw validation(
        `The additionalModelResponseFieldPaths entry "${p}" isn't a valid JSON Pointer. Use a pointer such as /stop_sequence and try again.`,
      );
  }

  const lastContent = messages[messages.length - 1].content as Json[];
  const results = lastContent.filter((b) => b.toolResult).map((b) => resultText(b.toolResult as Json));
  const userText = lastContent
    .filter((b) => typeof b.text === 'string')
    .map((b) => b.text as string)
    .join('');
  const answer = results.length
    ? { text: `Tool result: ${results.join(' ')}`, filler: false }
    : { text: userText, filler: true };
  return { model, caps, system, messages, toolConfig, answer, reasoning, toolCall, jsonSchema };
}

function resultText(r: Json): string {
  return (r.content as Json[])
    .map((c) => (typeof c.text === 'string' ? c.text : JSON.stringify(c.json ?? c)))
    .join(' ');
}

/** Model-native fields: Claude's are checked as its Messages API checks them; Nova's live under inferenceConfig. */
function checkAdditionalFields(
  extra: Json,
  model: CatalogModel,
  caps: ConverseCapabilities,
  body: Json,
): ConversePlan['reasoning'] {
  const allowed: Partial<Record<string, string[]>> = {
    anthropic: ['top_k', 'thinking', 'anthropic_beta', 'stop_sequences'],
    nova: ['inferenceConfig'],
  };
  const keys = allowed[model.family];
  const extraneous = keys ? Object.keys(extra).filter((k) => !keys.includes(k)) : [];
  if (extraneous.length) {
    throw validation(
      `Malformed input request: ${extraneous.map((k) => `#: extraneous key [${k}] is not permitted`).join('')}, please reformat your input and try again.`,
    );
  }
  const thinking = extra.thinking as Json | undefined;
  if (model.family !== 'anthropic' || thinking?.type !== 'enabled') return undefined;
  // The same checks as Claude's own body (families/anthropic.ts), on the body Converse would build.
  const maxTokens =
    ((body.inferenceConfig as Json | undefined)?.maxTokens as number | undefined) ?? model.maxOutputTokens ?? 4096;
  const temperature = (body.inferenceConfig as Json | undefined)?.temperature;
  try {
    anthropic.parse(
      {
        anthropic_version: 'bedrock-2023-05-31',
        max_tokens: maxTokens,
        messages: [{ role: 'user', content: 'x' }],
        thinking,
        ...(temperature !== undefined ? { temperature } : {}),
      },
      model,
      false,
    );
  } catch (e) {
    if (e instanceof BedrockError) throw validation(`The model returned the following errors: ${e.message}`);
    throw e;
  }
  if (caps.reasoning === 'no') return undefined;
  return { text: CLAUDE_THINKING, signature: 'RW11bGF0b3JUaGlua2luZ1NpZ25hdHVyZQ==' };
}
