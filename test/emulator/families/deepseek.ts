/** DeepSeek-R1 (docs/bedrock-protocol.md §4.8): the text is "<reasoning>\n</think>\n\n<answer>". */
import { checkSchema, S } from '../schema';
import type { Json, TextFamily } from './family';

const schema = S.obj(
  {
    prompt: S.str(),
    max_tokens: S.int(1, 32768),
    temperature: S.num(0, 1),
    top_p: S.num(0, 1),
    stop: S.arr(S.str(), 0, 10),
  },
  ['prompt'],
);

export const DEEPSEEK_REASONING = 'The user wants their words repeated back.\n</think>\n\n';

/** Text between the last <｜User｜> and the next <｜Assistant｜>; the whole prompt when absent. */
export function deepseekUserPart(prompt: string): string {
  const turns = [...prompt.matchAll(/<｜User｜>([\s\S]*?)<｜Assistant｜>/g)];
  return turns.length ? turns[turns.length - 1][1] : prompt;
}

export const deepseek: TextFamily = {
  kind: 'text',
  parse(body) {
    checkSchema(body, schema);
    const prompt = (body as Json).prompt as string;
    return { userText: deepseekUserPart(prompt), promptText: prompt, prefix: DEEPSEEK_REASONING };
  },
  response(gen) {
    return { choices: [{ text: gen.text(), stop_reason: 'stop' }] };
  },
  *streamEvents(gen) {
    for (let i = 0; i < gen.pieceCount; i++)
      yield { choices: [{ text: gen.piece(i), stop_reason: i === gen.pieceCount - 1 ? 'stop' : null }] };
  },
};
