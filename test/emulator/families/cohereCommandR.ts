/** Cohere Command R / R+ (docs/bedrock-protocol.md §4.6). */
import { checkSchema, S } from '../schema';
import { hexId, type Json, type TextFamily } from './family';

const turn = S.obj(
  {
    role: S.str({ enum: ['USER', 'CHATBOT', 'SYSTEM', 'TOOL'] }),
    message: S.str(),
    tool_calls: S.any(),
    tool_results: S.any(),
  },
  ['role'],
);
const schema = S.obj(
  {
    message: S.str(),
    chat_history: S.arr(turn),
    preamble: S.str(),
    documents: S.arr(S.any()),
    search_queries_only: S.bool(),
    max_tokens: S.int(1, 4000),
    temperature: S.num(0, 1),
    p: S.num(0.01, 0.99),
    // A float on the Cohere Command R page (model-parameters-cohere-command-r-plus.html), 0-500.
    k: S.num(0, 500),
    prompt_truncation: S.str({ enum: ['OFF', 'AUTO_PRESERVE_ORDER'] }),
    frequency_penalty: S.num(0, 1),
    presence_penalty: S.num(0, 1),
    seed: S.int(),
    return_prompt: S.bool(),
    tools: S.arr(S.any()),
    tool_results: S.arr(S.any()),
    stop_sequences: S.arr(S.str(), 0, 5),
    raw_prompting: S.bool(),
  },
  ['message'],
);

function finalResponse(body: Json, text: string, ctx: { requestId: string }) {
  const history = Array.isArray(body.chat_history) ? (body.chat_history as Json[]) : [];
  return {
    response_id: ctx.requestId,
    text,
    generation_id: `${hexId(ctx.requestId, 8)}-gen`,
    chat_history: [...history, { role: 'USER', message: body.message }, { role: 'CHATBOT', message: text }],
    finish_reason: 'COMPLETE',
  };
}

export const cohereCommandR: TextFamily = {
  kind: 'text',
  parse(body) {
    checkSchema(body, schema);
    const b = body as Json;
    const history = Array.isArray(b.chat_history)
      ? (b.chat_history as Json[]).map((t) => String(t.message ?? '')).join('\n')
      : '';
    return {
      userText: b.message as string,
      promptText: `${(b.preamble as string) ?? ''}${history}${b.message as string}`,
    };
  },
  response(gen, ctx) {
    return finalResponse(ctx.body, gen.text(), ctx);
  },
  *streamEvents(gen, ctx) {
    const body = ctx.body;
    yield { is_finished: false, event_type: 'stream-start', generation_id: `${hexId(ctx.requestId, 8)}-gen` };
    for (let i = 0; i < gen.pieceCount; i++)
      yield { is_finished: false, event_type: 'text-generation', text: gen.piece(i) };
    yield {
      is_finished: true,
      event_type: 'stream-end',
      finish_reason: 'COMPLETE',
      response: finalResponse(body, gen.text(), ctx),
    };
  },
};
