/** Family name -> implementation. */
import type { FamilyName } from '../catalog';
import type { Family } from './family';
import { anthropic } from './anthropic';
import { cohereCommandR } from './cohereCommandR';
import { cohereEmbed } from './cohereEmbed';
import { deepseek } from './deepseek';
import { gptOss } from './gptOss';
import { jamba } from './jamba';
import { llama } from './llama';
import { mistral } from './mistral';
import { mistralChat } from './mistralChat';
import { nova } from './nova';
import { stability } from './stability';
import { titanEmbed } from './titanEmbed';
import { titanImage } from './titanImage';
import { titanText } from './titanText';

export const FAMILIES: Record<FamilyName, Family> = {
  anthropic,
  nova,
  'titan-text': titanText,
  llama,
  mistral,
  'mistral-chat': mistralChat,
  'cohere-command-r': cohereCommandR,
  'ai21-jamba': jamba,
  deepseek,
  'gpt-oss': gptOss,
  'titan-embed': titanEmbed,
  'cohere-embed': cohereEmbed,
  'titan-image': titanImage,
  stability,
};
