// A chat conversation (as VS Code's language-model API hands it to a provider, in editor-neutral form) turned into
// one ConverseStream request: system text apart, consecutive turns of one role merged (Converse wants user and
// assistant to alternate), tool calls and results as toolUse/toolResult blocks, images as image blocks, tools as
// toolConfig. Plain TypeScript: no vscode here; features/languageModels maps the vscode parts to ChatPart.
import type { ContentBlock, ConverseInput, Message, SystemContentBlock, Tool, ToolConfiguration } from './types';

export type ChatRole = 'user' | 'assistant' | 'system';

export type ChatData = { mimeType: string; data: Uint8Array };

export type ChatPart =
  | { kind: 'text'; text: string }
  | ({ kind: 'data' } & ChatData)
  | { kind: 'toolCall'; callId: string; name: string; input: unknown }
  | {
      kind: 'toolResult';
      callId: string;
      content: Array<{ kind: 'text'; text: string } | ({ kind: 'data' } & ChatData)>;
      isError?: boolean;
    };

export interface ChatMessage {
  role: ChatRole;
  parts: ChatPart[];
}

export interface ChatTool {
  name: string;
  description?: string;
  /** JSON schema of the input; a tool without one takes an empty object. */
  inputSchema?: unknown;
}

export interface ChatRequest {
  modelId: string;
  messages: readonly ChatMessage[];
  tools?: readonly ChatTool[];
  /** `required`: the model must call one of the tools (Converse's toolChoice.any). */
  toolMode?: 'auto' | 'required';
  /** Caller options (VS Code's modelOptions): maxTokens, temperature, topP, stopSequences are passed on. */
  options?: Readonly<Record<string, unknown>>;
}

/** The image formats Converse takes, by MIME type. */
const IMAGE_FORMATS: Record<string, 'png' | 'jpeg' | 'gif' | 'webp'> = {
  'image/png': 'png',
  'image/jpeg': 'jpeg',
  'image/jpg': 'jpeg',
  'image/gif': 'gif',
  'image/webp': 'webp',
};

/** A data part Converse cannot take as it is; the message names the MIME type. */
export class UnsupportedChatPartError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnsupportedChatPartError';
  }
}

function isTextMime(mimeType: string): boolean {
  return mimeType.startsWith('text/') || mimeType === 'application/json' || mimeType.endsWith('+json');
}

/**
 * A data part as a Converse block: an image block, the text of a text or JSON part, or nothing for the hints some
 * callers add that are not content (`cache_control`, `stateful_marker`...: no `/` in the type). Anything else is refused.
 */
function dataBlock(part: ChatData): ContentBlock | undefined {
  const mimeType = part.mimeType.toLowerCase().split(';')[0].trim();
  const format = IMAGE_FORMATS[mimeType];
  if (format) return { image: { format, source: { bytes: part.data } } };
  if (isTextMime(mimeType)) {
    const text = new TextDecoder().decode(part.data);
    return text === '' ? undefined : { text };
  }
  if (!mimeType.includes('/')) return undefined;
  throw new UnsupportedChatPartError(
    `Bedrock's Converse API cannot take a ${mimeType} part in a chat message; images (PNG, JPEG, GIF, WebP) and text can be sent.`,
  );
}

function jsonObject(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function blocksOf(part: ChatPart): ContentBlock[] {
  switch (part.kind) {
    case 'text':
      // Converse refuses blank text blocks.
      return part.text.trim() === '' ? [] : [{ text: part.text }];
    case 'data': {
      const block = dataBlock(part);
      return block ? [block] : [];
    }
    case 'toolCall':
      return [{ toolUse: { toolUseId: part.callId, name: part.name, input: jsonObject(part.input) as never } }];
    case 'toolResult': {
      const content = part.content
        .flatMap((c) =>
          c.kind === 'text'
            ? c.text === ''
              ? []
              : [{ text: c.text }]
            : [dataBlock(c)].filter((b): b is ContentBlock => !!b),
        )
        .map((b) => (b.image ? { image: b.image } : { text: b.text ?? '' }));
      return [
        {
          toolResult: {
            toolUseId: part.callId,
            content: content.length ? content : [{ text: '(no output)' }],
            ...(part.isError ? { status: 'error' as const } : {}),
          },
        },
      ];
    }
  }
}

function inferenceConfigOf(options: Readonly<Record<string, unknown>> | undefined): ConverseInput['inferenceConfig'] {
  if (!options) return undefined;
  const number = (key: string) =>
    typeof options[key] === 'number' && Number.isFinite(options[key]) ? (options[key] as number) : undefined;
  const maxTokens = number('maxTokens') ?? number('max_tokens');
  const temperature = number('temperature');
  const topP = number('topP') ?? number('top_p');
  const stops = options.stopSequences ?? options.stop;
  const stopSequences =
    Array.isArray(stops) && stops.every((s) => typeof s === 'string') ? (stops as string[]) : undefined;
  const config = {
    maxTokens: maxTokens === undefined ? undefined : Math.floor(maxTokens),
    temperature,
    topP,
    stopSequences,
  };
  return Object.values(config).some((v) => v !== undefined) ? config : undefined;
}

/**
 * The ConverseStream request for a chat. Converse requires a toolConfig whenever a message holds toolUse or
 * toolResult blocks; a tool the history names but the caller no longer offers is declared with an empty schema.
 */
export function converseInputOf(request: ChatRequest): ConverseInput {
  const system: SystemContentBlock[] = [];
  const messages: Message[] = [];
  for (const message of request.messages) {
    if (message.role === 'system') {
      for (const part of message.parts)
        if (part.kind === 'text' && part.text.trim() !== '') system.push({ text: part.text });
      continue;
    }
    const content = message.parts.flatMap(blocksOf);
    if (content.length === 0) continue;
    const last = messages[messages.length - 1];
    if (last && last.role === message.role) last.content = [...(last.content ?? []), ...content];
    else messages.push({ role: message.role, content });
  }

  const tools: Tool[] = (request.tools ?? []).map((t) => ({
    toolSpec: {
      name: t.name,
      ...(t.description ? { description: t.description } : {}),
      inputSchema: {
        json: (jsonObject(t.inputSchema) && Object.keys(jsonObject(t.inputSchema)).length
          ? t.inputSchema
          : { type: 'object', properties: {} }) as never,
      },
    },
  }));
  const declared = new Set(tools.map((t) => t.toolSpec?.name));
  for (const message of messages) {
    for (const block of message.content ?? []) {
      const name = block.toolUse?.name;
      if (name && !declared.has(name)) {
        declared.add(name);
        tools.push({ toolSpec: { name, inputSchema: { json: { type: 'object', properties: {} } as never } } });
      }
    }
  }
  const toolConfig: ToolConfiguration | undefined = tools.length
    ? {
        tools,
        ...(request.toolMode === 'required' && request.tools?.length
          ? { toolChoice: request.tools.length === 1 ? { tool: { name: request.tools[0].name } } : { any: {} } }
          : {}),
      }
    : undefined;

  const inferenceConfig = inferenceConfigOf(request.options);
  return {
    modelId: request.modelId,
    messages,
    ...(system.length ? { system } : {}),
    ...(toolConfig ? { toolConfig } : {}),
    ...(inferenceConfig ? { inferenceConfig } : {}),
  };
}

/**
 * The documented estimate where CountTokens does not answer: about four characters of English or code per token
 * (https://docs.aws.amazon.com/bedrock/latest/userguide/count-tokens.html names no tokenizer for other models), an
 * image as about 1,600 tokens (Bedrock's Claude guidance for a ~1.15 megapixel image).
 */
export function estimateTokens(messages: readonly ChatMessage[] | string): number {
  if (typeof messages === 'string') return Math.ceil(messages.length / 4);
  let chars = 0;
  let images = 0;
  const count = (part: ChatPart | { kind: 'text'; text: string } | ({ kind: 'data' } & ChatData)) => {
    if (part.kind === 'text') chars += part.text.length;
    else if (part.kind === 'data') {
      if (IMAGE_FORMATS[part.mimeType.toLowerCase()]) images++;
      else chars += part.data.byteLength;
    } else if (part.kind === 'toolCall') chars += part.name.length + JSON.stringify(part.input ?? {}).length;
    else for (const c of part.content) count(c);
  };
  for (const m of messages) for (const p of m.parts) count(p);
  return Math.ceil(chars / 4) + images * 1600;
}
