// The fallback for models without a known family (request files with a native body): find readable text in
// whatever JSON comes back by trying the fields the known formats use. The raw JSON is always available too.
import { asArray, asString, at, compact, defined, usageOf } from './json';
import type { ParsedResponse, StreamDelta, Usage } from './types';

const TEXT_PATHS: (string | number)[][] = [
  ['outputText'],
  ['generation'],
  ['completion'],
  ['text'],
  ['delta', 'text'],
  ['content_block', 'text'],
  ['output', 'message', 'content', 0, 'text'],
  ['contentBlockDelta', 'delta', 'text'],
  ['results', 0, 'outputText'],
  ['outputs', 0, 'text'],
  ['generations', 0, 'text'],
  ['choices', 0, 'message', 'content'],
  ['choices', 0, 'delta', 'content'],
  ['choices', 0, 'text'],
];

const STOP_PATHS: (string | number)[][] = [
  ['stop_reason'],
  ['stopReason'],
  ['finish_reason'],
  ['completionReason'],
  ['delta', 'stop_reason'],
  ['messageStop', 'stopReason'],
  ['results', 0, 'completionReason'],
  ['outputs', 0, 'stop_reason'],
  ['generations', 0, 'finish_reason'],
  ['choices', 0, 'finish_reason'],
  ['choices', 0, 'stop_reason'],
];

function firstString(body: unknown, paths: (string | number)[][]): string | undefined {
  for (const path of paths) {
    const value = asString(at(body, ...path));
    if (value !== undefined) return value;
  }
  return undefined;
}

/** Text found in a response body or stream event of any known shape, or undefined when there is none. */
export function extractText(body: unknown): string | undefined {
  const blocks = asArray(at(body, 'content'));
  if (blocks) {
    const texts = blocks.map((b) => asString(at(b, 'text'))).filter((t): t is string => t !== undefined);
    if (texts.length) return texts.join('');
  }
  if (typeof at(body, 'content') === 'string') return at(body, 'content') as string;
  return firstString(body, TEXT_PATHS);
}

function guessUsage(body: unknown): Usage | undefined {
  const pairs: [(string | number)[], (string | number)[]][] = [
    [
      ['usage', 'input_tokens'],
      ['usage', 'output_tokens'],
    ],
    [
      ['usage', 'inputTokens'],
      ['usage', 'outputTokens'],
    ],
    [
      ['usage', 'prompt_tokens'],
      ['usage', 'completion_tokens'],
    ],
    [
      ['metadata', 'usage', 'inputTokens'],
      ['metadata', 'usage', 'outputTokens'],
    ],
    [['prompt_token_count'], ['generation_token_count']],
    [['inputTextTokenCount'], ['results', 0, 'tokenCount']],
  ];
  for (const [input, output] of pairs) {
    const usage = usageOf(at(body, ...input), at(body, ...output));
    if (usage) return usage;
  }
  return undefined;
}

/** Reads a whole response of an unknown model as well as can be guessed. */
export function parseRawResponse(body: unknown): ParsedResponse {
  return defined({ text: extractText(body) ?? '', stopReason: firstString(body, STOP_PATHS), usage: guessUsage(body) });
}

/** A stream parser for an unknown model: text, stop reason and usage by guess (the transport reads the service's metrics). */
export function createRawStreamParser(): (event: unknown) => StreamDelta {
  return (event) =>
    compact({ text: extractText(event), stopReason: firstString(event, STOP_PATHS), usage: guessUsage(event) });
}
