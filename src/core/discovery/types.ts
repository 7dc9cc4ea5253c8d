// What discovery knows about the models an account can call in one region. Plain TypeScript: no vscode here.
import type { ProblemKind } from '../errors/classify';

export type Modality = 'TEXT' | 'IMAGE' | 'EMBEDDING' | 'VIDEO' | 'SPEECH' | (string & {});

export interface DiscoveredModel {
  modelId: string;
  /** The provider's own name for it, e.g. "Claude Sonnet 4". */
  name: string;
  /** e.g. "Anthropic". */
  provider: string;
  inputModalities: Modality[];
  outputModalities: Modality[];
  streaming: boolean;
  /** ON_DEMAND (the bare ID works), PROVISIONED, and from the service INFERENCE_PROFILE (only through a profile; not
   * in the service model's enum, so a model without ON_DEMAND may list nothing and still run through its profiles). */
  inferenceTypes: string[];
  legacy: boolean;
}

export interface DiscoveredProfile {
  /** `us.anthropic.claude-…` for system profiles; the ID of an application profile. */
  id: string;
  arn: string;
  name: string;
  type: 'SYSTEM_DEFINED' | 'APPLICATION';
  /** Foundation model IDs it routes to (one per model, not per destination region). */
  modelIds: string[];
}

/** Why the built-in list stands in for the account's own. */
export interface DiscoveryFailure {
  kind: ProblemKind;
  errorName: string;
  /** One plain sentence for the picker: what failed and what to do. */
  reason: string;
}

export interface Catalog {
  profile: string;
  region: string;
  models: DiscoveredModel[];
  profiles: DiscoveredProfile[];
  /** `live`: listed from the account just now; `builtIn`: listing failed and the built-in list stands in. */
  source: 'live' | 'builtIn';
  failure?: DiscoveryFailure;
  /** Epoch milliseconds. */
  fetchedAt: number;
}
