/** Amazon Nova understanding models (messages-v1, docs/bedrock-protocol.md §4.2). */
import { checkSchema, S, type Schema } from '../schema';
import { allText, lastUser, type Json, type TextFamily } from './family';

/**
 * Nova 2 adds `reasoningConfig` inside `inferenceConfig` (extended thinking; the Nova 2 request schema,
 * https://docs.aws.amazon.com/nova/latest/nova2-userguide/request-response-schema.html); earlier Nova models reject it.
 */
function schemaFor(modelId: string) {
  const reasoning: Record<string, Schema> = modelId.startsWith('amazon.nova-2')
    ? {
        reasoningConfig: S.obj(
          {
            type: S.str({ enum: ['enabled', 'disabled'] }),
            maxReasoningEffort: S.str({ enum: ['low', 'medium', 'high'] }),
          },
          ['type'],
        ),
      }
    : {};
  return S.obj(
    {
      schemaVersion: S.str({ enum: ['messages-v1'] }),
      system: S.arr(S.obj({ text: S.str() }, ['text'], true)),
      messages: S.arr(
        S.obj({ role: S.str({ enum: ['user', 'assistant'] }), content: S.arr(S.obj({ text: S.str() }, [], true), 1) }, [
          'role',
          'content',
        ]),
        1,
      ),
      inferenceConfig: S.obj({
        maxTokens: S.int(1, 10000),
        max_new_tokens: S.int(1, 10000),
        temperature: S.num(0, 1),
        topP: S.num(0, 1),
        top_p: S.num(0, 1),
        topK: S.int(0, 128),
        top_k: S.int(0, 128),
        stopSequences: S.arr(S.str(), 0, 4),
        stop_sequences: S.arr(S.str(), 0, 4),
        ...reasoning,
      }),
      toolConfig: S.any(),
    },
    ['messages'],
  );
}

export const nova: TextFamily = {
  kind: 'text',
  parse(body, model) {
    checkSchema(body, schemaFor(model.modelId));
    const b = body as Json;
    return { userText: lastUser(b.messages), promptText: allText(b.system, 'text') + allText(b.messages) };
  },
  response(gen, ctx) {
    return {
      output: { message: { role: 'assistant', content: [{ text: gen.text() }] } },
      stopReason: ctx.intervened ? 'content_filtered' : 'end_turn',
      usage: {
        inputTokens: gen.inputTokens,
        outputTokens: gen.outputTokens,
        totalTokens: gen.inputTokens + gen.outputTokens,
        cacheReadInputTokenCount: 0,
        cacheWriteInputTokenCount: 0,
      },
    };
  },
  *streamEvents(gen, ctx) {
    yield { messageStart: { role: 'assistant' } };
    for (let i = 0; i < gen.pieceCount; i++)
      yield { contentBlockDelta: { delta: { text: gen.piece(i) }, contentBlockIndex: 0 } };
    yield { contentBlockStop: { contentBlockIndex: 0 } };
    yield { messageStop: { stopReason: ctx.intervened ? 'content_filtered' : 'end_turn' } };
    yield { metadata: { usage: { inputTokens: gen.inputTokens, outputTokens: gen.outputTokens } } };
  },
};
