/** Anthropic Claude Messages API on Bedrock (docs/bedrock-protocol.md §4.1). */
import { validation } from '../errors';
import { tokenize } from '../generation';
import { checkSchema, S } from '../schema';
import { allText, contentText, hexId, lastUser, type Json, type TextFamily } from './family';

const block = S.obj({ type: S.str() }, ['type'], true);
const schema = S.obj(
  {
    anthropic_version: S.str(),
    anthropic_beta: S.arr(S.str()),
    max_tokens: S.int(1),
    messages: S.arr(
      S.obj({ role: S.str({ enum: ['user', 'assistant'] }), content: S.anyOf(S.arr(block, 1), S.str()) }, [
        'role',
        'content',
      ]),
      1,
    ),
    system: S.anyOf(S.str(), S.arr(block)),
    temperature: S.num(0, 1),
    top_p: S.num(0, 1),
    top_k: S.int(0),
    stop_sequences: S.arr(S.str()),
    tools: S.arr(S.any()),
    tool_choice: S.any(),
    thinking: S.obj({ type: S.str({ enum: ['enabled', 'disabled'] }), budget_tokens: S.int(1024) }, ['type']),
    metadata: S.any(),
  },
  ['messages', 'max_tokens', 'anthropic_version'],
);

const responseModel = (modelId: string) => modelId.replace(/^anthropic\./, '').replace(/-v\d+:\d+$/, '');

/** Extended thinking exists from Claude Sonnet 4 on; the emulator's thinking is a fixed sentence. */
const THINKING_MODELS = ['claude-sonnet-4', 'claude-sonnet-4-5'];
export const CLAUDE_THINKING = 'The user wants their words repeated back, so I will repeat them.';
const THINKING_SIGNATURE = 'RW11bGF0b3JUaGlua2luZ1NpZ25hdHVyZQ==';
const thinkingOn = (body: Json) => (body.thinking as Json | undefined)?.type === 'enabled';

export const anthropic: TextFamily = {
  kind: 'text',
  parse(body, model) {
    checkSchema(body, schema);
    const b = body as Json;
    const max = model.maxOutputTokens ?? 4096;
    if ((b.max_tokens as number) > max) {
      throw validation(
        `max_tokens: ${b.max_tokens as number} > ${max}, which is the maximum allowed number of output tokens for ${model.anthropicName}`,
      );
    }
    if (thinkingOn(b)) {
      if (!THINKING_MODELS.includes(model.anthropicName ?? ''))
        throw validation(`thinking: ${model.anthropicName} does not support extended thinking`);
      const budget = (b.thinking as Json).budget_tokens;
      if (typeof budget !== 'number') throw validation('thinking.enabled.budget_tokens: Field required');
      if (budget >= (b.max_tokens as number)) {
        throw validation(
          '`max_tokens` must be greater than `thinking.budget_tokens`. Please consult our documentation at https://docs.anthropic.com/en/docs/build-with-claude/extended-thinking#max-tokens-and-context-window-size',
        );
      }
      if (b.temperature !== undefined && b.temperature !== 1) {
        throw validation(
          '`temperature` may only be set to 1 when thinking is enabled. Please consult our documentation at https://docs.anthropic.com/en/docs/build-with-claude/extended-thinking#feature-compatibility',
        );
      }
    }
    const messages = b.messages as Json[];
    if (messages[0].role !== 'user') throw validation('messages: first message must use the "user" role');
    for (let i = 1; i < messages.length; i++) {
      if (messages[i].role === messages[i - 1].role) {
        throw validation(
          `messages: roles must alternate between "user" and "assistant", but found multiple "${messages[i].role as string}" roles in a row`,
        );
      }
    }
    return {
      userText: lastUser(messages),
      promptText: contentText(b.system) + allText(messages),
      extraOutputTokens: thinkingOn(b) ? tokenize(CLAUDE_THINKING).length : 0,
    };
  },
  response(gen, ctx) {
    return {
      id: `msg_bdrk_01${hexId(ctx.requestId)}`,
      type: 'message',
      role: 'assistant',
      model: responseModel(ctx.model.modelId),
      content: [
        ...(thinkingOn(ctx.body)
          ? [{ type: 'thinking', thinking: CLAUDE_THINKING, signature: THINKING_SIGNATURE }]
          : []),
        { type: 'text', text: gen.text() },
      ],
      stop_reason: 'end_turn',
      stop_sequence: null,
      usage: { input_tokens: gen.inputTokens, output_tokens: gen.outputTokens },
    };
  },
  *streamEvents(gen, ctx) {
    yield {
      type: 'message_start',
      message: {
        id: `msg_bdrk_01${hexId(ctx.requestId)}`,
        type: 'message',
        role: 'assistant',
        model: responseModel(ctx.model.modelId),
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: {
          input_tokens: gen.inputTokens,
          cache_creation_input_tokens: 0,
          cache_read_input_tokens: 0,
          output_tokens: 1,
        },
      },
    };
    let index = 0;
    if (thinkingOn(ctx.body)) {
      yield { type: 'content_block_start', index, content_block: { type: 'thinking', thinking: '', signature: '' } };
      for (const piece of tokenize(CLAUDE_THINKING))
        yield { type: 'content_block_delta', index, delta: { type: 'thinking_delta', thinking: piece } };
      yield { type: 'content_block_delta', index, delta: { type: 'signature_delta', signature: THINKING_SIGNATURE } };
      yield { type: 'content_block_stop', index: index++ };
    }
    yield { type: 'content_block_start', index, content_block: { type: 'text', text: '' } };
    for (let i = 0; i < gen.pieceCount; i++)
      yield { type: 'content_block_delta', index, delta: { type: 'text_delta', text: gen.piece(i) } };
    yield { type: 'content_block_stop', index };
    yield {
      type: 'message_delta',
      delta: { stop_reason: 'end_turn', stop_sequence: null },
      usage: { output_tokens: gen.outputTokens },
    };
    yield { type: 'message_stop' };
  },
};
