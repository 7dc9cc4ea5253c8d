// Mistral's chat models (Mistral Large 2407 and later, Pixtral, ...): chat messages (docs/bedrock-protocol.md §4.5).
import { chatCompletionsFamily } from './chatCompletions';
import { isMistralInstructModel } from './mistral';

export const mistralChat = chatCompletionsFamily({
  id: 'mistral-chat',
  displayName: 'Mistral (chat messages)',
  matches: (baseModelId: string) => /^mistral\./.test(baseModelId) && !isMistralInstructModel(baseModelId),
});
