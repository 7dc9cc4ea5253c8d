/** Mistral text-completion models: "<s>[INST] ... [/INST]" prompts (docs/bedrock-protocol.md §4.5). */
import { checkSchema, S } from '../schema';
import type { Json, TextFamily } from './family';

const schema = S.obj(
  {
    prompt: S.str(),
    max_tokens: S.int(1, 8192),
    temperature: S.num(0, 1),
    top_p: S.num(0, 1),
    top_k: S.int(0, 200),
    stop: S.arr(S.str(), 0, 10),
  },
  ['prompt'],
);

/** Content of the last [INST] block (system text included, as the template puts it there). */
export function instUserPart(prompt: string): string {
  const inst = [...prompt.matchAll(/\[INST\] ?([\s\S]*?) ?\[\/INST\]/g)];
  return inst.length ? inst[inst.length - 1][1] : prompt;
}

export const mistral: TextFamily = {
  kind: 'text',
  parse(body) {
    checkSchema(body, schema);
    const prompt = (body as Json).prompt as string;
    return { userText: instUserPart(prompt), promptText: prompt };
  },
  response(gen) {
    return { outputs: [{ text: gen.text(), stop_reason: 'stop' }] };
  },
  *streamEvents(gen) {
    for (let i = 0; i < gen.pieceCount; i++) {
      yield { outputs: [{ text: gen.piece(i), stop_reason: i === gen.pieceCount - 1 ? 'stop' : null }] };
    }
  },
};
