/** OpenAI gpt-oss (docs/bedrock-protocol.md §4.9): Chat Completions in, chat.completion(.chunk) out, reasoning inline. */
import { validation } from '../errors';
import { checkSchema, S } from '../schema';
import { allText, lastUser, type Json, type TextFamily } from './family';

const schema = S.obj(
  {
    messages: S.arr(
      S.obj(
        {
          role: S.str({ enum: ['system', 'developer', 'user', 'assistant', 'tool'] }),
          content: S.anyOf(S.str(), S.arr(S.any())),
          name: S.str(),
          tool_calls: S.any(),
          tool_call_id: S.str(),
        },
        ['role'],
      ),
      1,
    ),
    model: S.str(),
    stream: S.bool(),
    max_completion_tokens: S.int(1),
    max_tokens: S.int(1),
    temperature: S.num(0, 2),
    top_p: S.num(0, 1),
    stop: S.anyOf(S.str(), S.arr(S.str())),
    reasoning_effort: S.str({ enum: ['low', 'medium', 'high'] }),
    n: S.int(1, 1),
    seed: S.int(),
    tools: S.arr(S.any()),
    tool_choice: S.any(),
    response_format: S.any(),
    frequency_penalty: S.num(-2, 2),
    presence_penalty: S.num(-2, 2),
  },
  ['messages'],
);

export const GPT_OSS_REASONING = '<reasoning>The user wants their words repeated back.</reasoning>';

export const gptOss: TextFamily = {
  kind: 'text',
  parse(body, model, stream) {
    checkSchema(body, schema);
    const b = body as Json;
    if (b.stream !== undefined && b.stream !== stream) {
      throw validation(
        `"stream": ${String(b.stream)} does not match the operation; use ${stream ? 'InvokeModel' : 'InvokeModelWithResponseStream'} instead.`,
      );
    }
    if (b.model !== undefined && b.model !== model.modelId) {
      throw validation(
        `The model '${b.model as string}' in the request body does not match the model ID in the request path.`,
      );
    }
    return { userText: lastUser(b.messages), promptText: allText(b.messages), prefix: GPT_OSS_REASONING };
  },
  response(gen, ctx) {
    return {
      id: `chatcmpl-${ctx.requestId}`,
      object: 'chat.completion',
      created: ctx.created,
      model: ctx.model.modelId,
      choices: [{ index: 0, message: { role: 'assistant', content: gen.text() }, finish_reason: 'stop' }],
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
        id: `chatcmpl-${ctx.requestId}`,
        object: 'chat.completion.chunk',
        created: ctx.created,
        model: ctx.model.modelId,
        choices: [
          {
            index: 0,
            delta: i === 0 ? { role: 'assistant', content: gen.piece(i) } : { content: gen.piece(i) },
            finish_reason: last ? 'stop' : null,
          },
        ],
        ...(last
          ? {
              usage: {
                prompt_tokens: gen.inputTokens,
                completion_tokens: gen.outputTokens,
                total_tokens: gen.inputTokens + gen.outputTokens,
              },
            }
          : {}),
      };
    }
  },
};
