/** Mistral Large 2 chat format (docs/bedrock-protocol.md §4.5); stream chunks use `message` and `stop_reason`. */
import { checkSchema, S } from '../schema';
import { allText, lastUser, type Json, type TextFamily } from './family';

const schema = S.obj(
  {
    messages: S.arr(
      S.obj(
        {
          role: S.str({ enum: ['system', 'user', 'assistant', 'tool'] }),
          content: S.anyOf(S.str(), S.arr(S.any())),
          tool_calls: S.any(),
          tool_call_id: S.str(),
        },
        ['role'],
      ),
      1,
    ),
    max_tokens: S.int(1, 8192),
    temperature: S.num(0, 1),
    top_p: S.num(0, 1),
    tools: S.arr(S.any()),
    tool_choice: S.any(),
  },
  ['messages'],
);

const MODEL = 'mistral-large-2407';

export const mistralChat: TextFamily = {
  kind: 'text',
  parse(body) {
    checkSchema(body, schema);
    const messages = (body as Json).messages;
    return { userText: lastUser(messages), promptText: allText(messages) };
  },
  response(gen, ctx) {
    return {
      id: ctx.requestId,
      object: 'chat.completion',
      created: ctx.created,
      model: MODEL,
      choices: [
        { index: 0, message: { role: 'assistant', content: gen.text(), tool_calls: null }, stop_reason: 'stop' },
      ],
      usage: {
        prompt_tokens: gen.inputTokens,
        completion_tokens: gen.outputTokens,
        total_tokens: gen.inputTokens + gen.outputTokens,
      },
    };
  },
  *streamEvents(gen, ctx) {
    for (let i = 0; i < gen.pieceCount; i++) {
      const last = i === gen.pieceCount - 1;
      yield {
        id: ctx.requestId,
        object: 'chat.completion.chunk',
        created: ctx.created,
        model: MODEL,
        choices: [
          {
            index: 0,
            logprobs: null,
            context_logits: null,
            generation_logits: null,
            message: {
              role: i === 0 ? 'assistant' : null,
              content: gen.piece(i),
              tool_calls: null,
              index: null,
              tool_call_id: null,
            },
            stop_reason: last ? 'stop' : null,
          },
        ],
        usage: last
          ? {
              prompt_tokens: gen.inputTokens,
              total_tokens: gen.inputTokens + gen.outputTokens,
              completion_tokens: gen.outputTokens,
            }
          : null,
        p: null,
      };
    }
  },
};
