/** Family name -> implementation. */
import type { FamilyName } from '../catalog';
import type { Family } from './family';
import { anthropic } from './anthropic';
import { nova } from './nova';

export const FAMILIES: Partial<Record<FamilyName, Family>> = {
  anthropic,
  nova,
};
