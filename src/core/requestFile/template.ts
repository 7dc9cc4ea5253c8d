// The text of a new request file: a ready-to-run request for a model, its body built by the model's family.
import type { ModelFamily, ModelKind } from '../models/types';

const PROMPTS: Record<ModelKind, string> = {
  text: 'Explain in one paragraph what an Amazon Bedrock inference profile is.',
  embedding: 'Request files keep exact model requests next to the code.',
  image: 'A lighthouse on a rocky coast at sunset, watercolor',
};

const HEADER = [
  '// A Bedrock request file: run it with "Invoke" above the request, or with Bedrock: Run Request File.',
  '// "body" is sent to the model as is. For a simpler request, replace it with "prompt": "..." (and optionally',
  '// "system", "maxTokens", "temperature", "topP"): Bedrock Invoke then builds the body for the model.',
  '// Strings may use ${env:NAME}, ${file:relative/path}, ${input:Question} and ${selection}.',
];

export function requestFileTemplate(modelId: string, family: ModelFamily | undefined): string {
  const request: Record<string, unknown> = { name: family ? `${family.displayName} example` : 'Request', modelId };
  if (family) {
    request.body = family.buildBody(
      family.kind === 'text' ? { prompt: PROMPTS.text, maxTokens: 512 } : { prompt: PROMPTS[family.kind] },
    );
  } else {
    request.body = {};
  }
  const lines = [...HEADER];
  if (!family)
    lines.push(
      `// Bedrock Invoke does not know the request format of ${modelId}: write its native request body below.`,
    );
  return `${lines.join('\n')}\n${JSON.stringify(request, null, 2)}\n`;
}
