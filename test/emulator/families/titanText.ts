/** Amazon Titan Text (docs/bedrock-protocol.md §4.3); prompt template "User: ...\nBot:". */
import { checkSchema, S } from '../schema';
import type { Json, TextFamily } from './family';

/**
 * maxTokenCount's upper bound per model, as the Titan Text model-parameters page gives it
 * (https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-titan-text.html): Lite 4,096, Express 8,192,
 * Premier 3,072.
 */
function maxTokenCountOf(modelId: string): number {
  if (modelId.includes('lite')) return 4096;
  if (modelId.includes('premier')) return 3072;
  return 8192;
}

function schemaFor(modelId: string) {
  return S.obj(
    {
      inputText: S.str(),
      textGenerationConfig: S.obj({
        maxTokenCount: S.int(0, maxTokenCountOf(modelId)),
        temperature: S.num(0, 1),
        topP: S.num(0, 1),
        stopSequences: S.arr(S.str()),
      }),
    },
    ['inputText'],
  );
}

/** The text after the last "User: " up to the closing "\nBot:"; the whole prompt when it is not that template. */
export function titanUserPart(inputText: string): string {
  const m = /(?:^|\n)User: ((?:(?!\nUser: )[\s\S])*?)\nBot:\s*$/.exec(inputText);
  return m ? m[1] : inputText;
}

export const titanText: TextFamily = {
  kind: 'text',
  parse(body, model) {
    checkSchema(body, schemaFor(model.modelId));
    const inputText = (body as Json).inputText as string;
    return { userText: titanUserPart(inputText), promptText: inputText };
  },
  response(gen) {
    return {
      inputTextTokenCount: gen.inputTokens,
      results: [{ tokenCount: gen.outputTokens, outputText: gen.text(), completionReason: 'FINISH' }],
    };
  },
  *streamEvents(gen) {
    for (let i = 0; i < gen.pieceCount; i++) {
      const last = i === gen.pieceCount - 1;
      yield {
        outputText: gen.piece(i),
        index: 0,
        totalOutputTextTokenCount: last ? gen.outputTokens : null,
        completionReason: last ? 'FINISH' : null,
        inputTextTokenCount: i === 0 || last ? gen.inputTokens : null,
      };
    }
  },
};
