// AI21 Jamba 1.5: OpenAI-like chat messages (docs/bedrock-protocol.md §4.7).
import { chatCompletionsFamily } from './chatCompletions';

export const ai21Jamba = chatCompletionsFamily({
  id: 'ai21-jamba',
  displayName: 'AI21 Jamba',
  matches: (baseModelId: string) => /^ai21\.jamba/.test(baseModelId),
});
