/** AI21 Jamba 1.5 (docs/bedrock-protocol.md §4.7), OpenAI-like. */
import { checkSchema, S } from '../schema';
import { allText, lastUser, type Json, type TextFamily } from './family';

const schema = S.obj(
  {
    messages: S.arr(
      S.obj(
        {
          role: S.str({ enum: ['system', 'user', 'assistant', 'tool'] }),
          content: S.str(),
          tool_calls: S.any(),
          tool_call_id: S.str(),
        },
        ['role', 'content'],
      ),
      1,
    ),
    max_tokens: S.int(1, 4096),
    temperature: S.num(0, 2),
    top_p: S.num(0, 1),
    stop: S.arr(S.str()),
    n: S.int(1, 16),
    frequency_penalty: S.num(),
    presence_penalty: S.num(),
    tools: S.arr(S.any()),
    response_format: S.any(),
    documents: S.arr(S.any()),
  },
  ['messages'],
);

export const jamba: TextFamily = {
  kind: 'text',
  parse(body) {
    checkSchema(body, schema);
    const messages = (body as Json).messages;
    return { userText: lastUser(messages), promptText: allText(messages) };
  },
  response(gen, ctx) {
    return {
      id: `chatcmpl-${ctx.requestId}`,
      choices: [
        { index: 0, message: { role: 'assistant', content: gen.text(), tool_calls: null }, finish_reason: 'stop' },
      ],
      usage: {
        prompt_tokens: gen.inputTokens,
        completion_tokens: gen.outputTokens,
        total_tokens: gen.inputTokens + gen.outputTokens,
      },
      meta: { requestDurationMillis: 1 },
      model: ctx.model.modelId.replace(/^ai21\./, '').replace(/-v\d+:\d+$/, ''),
    };
  },
  *streamEvents(gen, ctx) {
    for (let i = 0; i < gen.pieceCount; i++) {
      const last = i === gen.pieceCount - 1;
      yield {
        id: `chatcmpl-${ctx.requestId}`,
        choices: [
          {
            index: 0,
            delta: i === 0 ? { role: 'assistant', content: gen.piece(i) } : { content: gen.piece(i) },
            finish_reason: last ? 'stop' : null,
          },
        ],
        usage: last
          ? {
              prompt_tokens: gen.inputTokens,
              completion_tokens: gen.outputTokens,
              total_tokens: gen.inputTokens + gen.outputTokens,
            }
          : null,
      };
    }
  },
};
