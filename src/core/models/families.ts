// Every family, in the order model IDs are matched against them (their patterns do not overlap).
import { ai21Jamba } from './ai21Jamba';
import { anthropic } from './anthropic';
import { cohereCommandR } from './cohereCommandR';
import { cohereEmbed } from './cohereEmbed';
import { deepseek } from './deepseek';
import { gptOss } from './gptOss';
import { llama } from './llama';
import { mistral } from './mistral';
import { mistralChat } from './mistralChat';
import { nova } from './nova';
import { stability } from './stability';
import { titanEmbed } from './titanEmbed';
import { titanImage } from './titanImage';
import { titanText } from './titanText';
import type { FamilyId, ModelFamily } from './types';

export const allFamilies: readonly ModelFamily[] = [
  anthropic,
  nova,
  titanText,
  llama,
  mistral,
  mistralChat,
  cohereCommandR,
  ai21Jamba,
  deepseek,
  gptOss,
  titanEmbed,
  cohereEmbed,
  titanImage,
  stability,
];

export function getFamily(id: FamilyId): ModelFamily;
export function getFamily(id: string): ModelFamily | undefined;
export function getFamily(id: string): ModelFamily | undefined {
  return allFamilies.find((family) => family.id === id);
}
