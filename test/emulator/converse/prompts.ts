/**
 * Prompt management prompts a Converse request can name as its modelId (prompt ARN, optionally `:version`), with
 * `promptVariables` filling the template's `{{name}}` placeholders
 * (https://docs.aws.amazon.com/bedrock/latest/userguide/prompt-management-use.html).
 */
import { ACCOUNT_ID, findModel, type CatalogModel } from '../catalog';
import { BedrockError, validation } from '../errors';

export interface CatalogPrompt {
  id: string;
  versions: string[];
  model: CatalogModel;
  system?: string;
  /** The user turn; `{{variable}}` placeholders. */
  template: string;
  /** Inference settings stored with the prompt. */
  maxTokens: number;
}

export const PROMPTS: readonly CatalogPrompt[] = [
  {
    id: 'PROMPT0001',
    versions: ['1'],
    model: findModel('anthropic.claude-3-haiku-20240307-v1:0')!,
    system: 'You are a concise technical writer.',
    template: 'Summarize {{topic}} for {{audience}} in one sentence.',
    maxTokens: 512,
  },
];

export const promptArn = (p: CatalogPrompt, region = 'us-east-1', version?: string): string =>
  `arn:aws:bedrock:${region}:${ACCOUNT_ID}:prompt/${p.id}${version ? `:${version}` : ''}`;

const PROMPT_ARN = /^arn:aws(-[^:]+)?:bedrock:[a-z0-9-]{1,20}:([0-9]{12}):prompt\/([0-9a-zA-Z]{10})(?::([0-9]{1,5}))?$/;

export function isPromptArn(id: string): boolean {
  return PROMPT_ARN.test(id);
}

export interface ResolvedPrompt {
  prompt: CatalogPrompt;
  system?: string;
  userText: string;
}

/** Members the service refuses next to a prompt ARN: the prompt carries them. */
const NOT_WITH_PROMPT = ['additionalModelRequestFields', 'inferenceConfig', 'system', 'toolConfig'];

export function resolvePrompt(id: string, body: Record<string, unknown>): ResolvedPrompt {
  const [, , account, promptId, version] = PROMPT_ARN.exec(id) ?? [];
  const prompt = PROMPTS.find((p) => p.id === promptId);
  if (!prompt || account !== ACCOUNT_ID || (version !== undefined && !prompt.versions.includes(version))) {
    throw BedrockError.of(
      'ResourceNotFoundException',
      `The prompt ${id} was not found. Check the prompt ARN and version and try again.`,
    );
  }
  const refused = NOT_WITH_PROMPT.filter((k) => body[k] !== undefined);
  if (refused.length) {
    throw validation(
      `The ${refused.join(', ')} field${refused.length > 1 ? 's' : ''} can't be used with a prompt from Prompt management. Remove ${refused.join(', ')} and try again.`,
    );
  }
  const vars = (body.promptVariables ?? {}) as Record<string, { text?: string }>;
  const names = [...prompt.template.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]);
  const missing = names.filter((n) => typeof vars[n]?.text !== 'string');
  if (missing.length) {
    throw validation(
      `The prompt is missing values for these variables: ${missing.join(', ')}. Add them to promptVariables and try again.`,
    );
  }
  const unknown = Object.keys(vars).filter((n) => !names.includes(n));
  if (unknown.length)
    throw validation(
      `The prompt has no variables named ${unknown.join(', ')}. Remove them from promptVariables and try again.`,
    );
  return {
    prompt,
    system: prompt.system,
    userText: prompt.template.replace(/\{\{(\w+)\}\}/g, (_m, n: string) => vars[n].text as string),
  };
}
