// What a quick fix writes for a schema violation: a sensible value for a missing key, and this family's spelling of
// a key that belongs to another family (Titan's `maxTokenCount` sent to Nova is Nova's `maxTokens`).

const HELLO = 'Hello';

/** Values that work for every family that requires the key; per-family entries win. */
const DEFAULT_VALUES: Record<string, unknown> = {
  max_tokens: 1024,
  maxTokens: 1024,
  maxTokenCount: 1024,
  max_gen_len: 512,
  max_new_tokens: 1024,
  max_completion_tokens: 1024,
  anthropic_version: 'bedrock-2023-05-31',
  schemaVersion: 'messages-v1',
  messages: [{ role: 'user', content: HELLO }],
  prompt: HELLO,
  inputText: HELLO,
  message: HELLO,
  text: HELLO,
  texts: [HELLO],
  input_type: 'search_document',
  role: 'user',
  content: HELLO,
  taskType: 'TEXT_IMAGE',
  textToImageParams: { text: HELLO },
};

const FAMILY_VALUES: Record<string, Record<string, unknown>> = {
  nova: { messages: [{ role: 'user', content: [{ text: HELLO }] }], content: [{ text: HELLO }] },
  'titan-text': { maxTokenCount: 512 },
};

/** The value a quick fix inserts for a missing key, or undefined when there is no sensible default. */
export function defaultValueFor(key: string, family?: string): unknown {
  const own = family ? FAMILY_VALUES[family] : undefined;
  if (own && key in own) return own[key];
  return DEFAULT_VALUES[key];
}

/** Other families' spellings of the same parameter, by the family that rejects them. */
const RENAMES: Record<string, Record<string, string>> = {
  anthropic: {
    maxTokens: 'max_tokens',
    maxTokenCount: 'max_tokens',
    max_tokens_to_sample: 'max_tokens',
    max_gen_len: 'max_tokens',
    topP: 'top_p',
    topK: 'top_k',
    stopSequences: 'stop_sequences',
    system_prompt: 'system',
  },
  nova: {
    maxTokenCount: 'maxTokens',
    max_tokens: 'maxTokens',
    max_gen_len: 'maxTokens',
    stop_sequences: 'stopSequences',
    textGenerationConfig: 'inferenceConfig',
  },
  'titan-text': {
    maxTokens: 'maxTokenCount',
    max_tokens: 'maxTokenCount',
    max_new_tokens: 'maxTokenCount',
    top_p: 'topP',
    stop_sequences: 'stopSequences',
    inferenceConfig: 'textGenerationConfig',
    prompt: 'inputText',
  },
  llama: {
    max_tokens: 'max_gen_len',
    maxTokens: 'max_gen_len',
    maxTokenCount: 'max_gen_len',
    topP: 'top_p',
    inputText: 'prompt',
  },
  mistral: { maxTokens: 'max_tokens', max_gen_len: 'max_tokens', topP: 'top_p', topK: 'top_k', stopSequences: 'stop' },
  'mistral-chat': { maxTokens: 'max_tokens', max_gen_len: 'max_tokens', topP: 'top_p' },
  'cohere-command-r': {
    prompt: 'message',
    max_gen_len: 'max_tokens',
    maxTokens: 'max_tokens',
    top_p: 'p',
    topP: 'p',
    top_k: 'k',
    system: 'preamble',
  },
  'ai21-jamba': { maxTokens: 'max_tokens', max_gen_len: 'max_tokens', topP: 'top_p' },
  'gpt-oss': { max_tokens: 'max_completion_tokens', maxTokens: 'max_completion_tokens' },
  deepseek: { maxTokens: 'max_tokens', max_gen_len: 'max_tokens', topP: 'top_p' },
};

/** This family's name for a key it rejected, when the key is another family's spelling of one it has. */
export function renameFor(key: string, family?: string): string | undefined {
  return family ? RENAMES[family]?.[key] : undefined;
}

/** The body keys that set how many tokens a request may generate (and reserve against the quota). */
export const MAX_TOKEN_KEYS = [
  'max_tokens',
  'maxTokens',
  'maxTokenCount',
  'max_gen_len',
  'max_new_tokens',
  'max_completion_tokens',
];
