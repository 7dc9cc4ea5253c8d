/** Meta Llama 3.x (docs/bedrock-protocol.md §4.4); the chat template is the caller's job. */
import { checkSchema, S } from '../schema';
import type { Json, TextFamily } from './family';

const schema = S.obj(
  {
    prompt: S.str(),
    max_gen_len: S.int(1, 2048),
    temperature: S.num(0, 1),
    top_p: S.num(0, 1),
    images: S.arr(S.str()),
  },
  ['prompt'],
);

/** Last user turn of a Llama 3 (or Llama 2 [INST]) template; the whole prompt when none is found. */
export function llamaUserPart(prompt: string): string {
  const turns = [...prompt.matchAll(/<\|start_header_id\|>user<\|end_header_id\|>\n\n([\s\S]*?)<\|eot_id\|>/g)];
  if (turns.length) return turns[turns.length - 1][1];
  const inst = [...prompt.matchAll(/\[INST\]\s?([\s\S]*?)\s?\[\/INST\]/g)];
  if (inst.length) return inst[inst.length - 1][1].replace(/^<<SYS>>[\s\S]*?<<\/SYS>>\n\n/, '');
  return prompt;
}

export const llama: TextFamily = {
  kind: 'text',
  parse(body) {
    checkSchema(body, schema);
    const prompt = (body as Json).prompt as string;
    return { userText: llamaUserPart(prompt), promptText: prompt };
  },
  response(gen) {
    return {
      generation: gen.text(),
      prompt_token_count: gen.inputTokens,
      generation_token_count: gen.outputTokens,
      stop_reason: 'stop',
    };
  },
  *streamEvents(gen) {
    for (let i = 0; i < gen.pieceCount; i++) {
      const last = i === gen.pieceCount - 1;
      yield {
        generation: gen.piece(i),
        prompt_token_count: i === 0 ? gen.inputTokens : null,
        generation_token_count: last
          ? gen.outputTokens
          : Math.max(1, Math.round(((i + 1) * gen.outputTokens) / gen.pieceCount)),
        stop_reason: last ? 'stop' : null,
      };
    }
  },
};
