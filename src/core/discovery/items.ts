// Turns a catalog into the entries of the model picker: recent choices first, then one group per provider, then
// application inference profiles, then "Enter a model ID or ARN...". Models that only run through an inference
// profile are offered as their profile IDs, since their bare ID fails. Plain data: the feature maps it to QuickPickItems.
import { baseModelIdOf } from '../models/resolve';
import { geosOfRegion } from './builtIn';
import type { Catalog, DiscoveredModel, DiscoveredProfile } from './types';

/** `text`: models Invoke Model on Selection can use; `any`: every model (choosing for a request file). */
export type PickerPurpose = 'text' | 'any';

export type PickerEntry =
  | { type: 'separator'; label: string }
  | {
      type: 'model';
      /** What is saved and sent when this entry is picked. */
      modelId: string;
      label: string;
      description: string;
      detail: string;
      /** The foundation model behind the entry, when known. */
      model?: DiscoveredModel;
      recent: boolean;
      current: boolean;
    }
  | { type: 'enterId'; label: string; detail: string }
  /** The built-in list stands in; picking this entry retries discovery. */
  | { type: 'notice'; label: string; detail: string };

export interface PickerOptions {
  purpose: PickerPurpose;
  /** Model IDs chosen before, most recent first. */
  recents?: readonly string[];
  /** The model in use now, marked in the list. */
  current?: string;
}

export const ENTER_ID_LABEL = 'Enter a model ID or ARN...';

const MODALITY_WORDS: Record<string, string> = {
  TEXT: 'text',
  IMAGE: 'image',
  EMBEDDING: 'embedding',
  VIDEO: 'video',
  SPEECH: 'speech',
};

function modalitiesOf(model: DiscoveredModel): string {
  const words = (list: string[]) => list.map((m) => MODALITY_WORDS[m] ?? m.toLowerCase()).join(', ') || '?';
  return `${words(model.inputModalities)} → ${words(model.outputModalities)}`;
}

function servesPurpose(model: DiscoveredModel, purpose: PickerPurpose): boolean {
  return purpose === 'any' || model.outputModalities.includes('TEXT');
}

/** The geography of a system profile ID (`us.`, `eu.`, `global.` ...), upper-cased for labels. */
function geoLabel(profileId: string, modelId: string): string {
  return profileId.endsWith(`.${modelId}`) ? profileId.slice(0, -modelId.length - 1).toUpperCase() : profileId;
}

function detailOf(model: DiscoveredModel, via?: string): string {
  const parts = [model.provider, modalitiesOf(model), model.streaming ? 'streams' : 'no streaming'];
  if (via) parts.push(via);
  if (model.legacy) parts.push('legacy');
  return parts.join(' · ');
}

type ModelEntry = Extract<PickerEntry, { type: 'model' }>;

/** The entries one foundation model contributes: its bare ID, or, when it needs one, each of its inference profiles. */
function entriesOfModel(
  model: DiscoveredModel,
  systemProfiles: DiscoveredProfile[],
  region: string,
): Omit<ModelEntry, 'recent' | 'current'>[] {
  const onDemand = model.inferenceTypes.includes('ON_DEMAND');
  if (onDemand)
    return [
      {
        type: 'model',
        modelId: model.modelId,
        label: model.name,
        description: model.modelId,
        detail: detailOf(model),
        model,
      },
    ];
  // Without ON_DEMAND, a model runs through its system profiles. The service marks such models INFERENCE_PROFILE, a
  // value outside the service model's InferenceType enum (ON_DEMAND | PROVISIONED), so a listing that keeps to the
  // model lists none: the profiles decide, not the marker. One with no profile (provisioned throughput only, or the
  // ID of a provisioned variant such as `…:0:200k`) gets no entry: the bare ID fails on demand.
  // The region's own geography first (us. in us-east-1), then global., then the rest.
  const geos: string[] = geosOfRegion(region);
  const rank = (p: DiscoveredProfile) => {
    const at = geos.indexOf(geoLabel(p.id, model.modelId).toLowerCase());
    return at < 0 ? geos.length : at;
  };
  return systemProfiles
    .filter((p) => p.modelIds.includes(model.modelId))
    .sort((a, b) => rank(a) - rank(b) || a.id.localeCompare(b.id))
    .map((p) => ({
      type: 'model' as const,
      modelId: p.id,
      label: `${model.name} (${geoLabel(p.id, model.modelId)})`,
      description: p.id,
      detail: detailOf(model, 'inference profile'),
      model,
    }));
}

function applicationEntries(catalog: Catalog, purpose: PickerPurpose): Omit<ModelEntry, 'recent' | 'current'>[] {
  const byId = new Map(catalog.models.map((m) => [m.modelId, m]));
  return catalog.profiles
    .filter((p) => p.type === 'APPLICATION')
    .flatMap((p) => {
      const model = p.modelIds.map((id) => byId.get(id)).find((m) => m !== undefined);
      if (model && !servesPurpose(model, purpose)) return [];
      return [
        {
          type: 'model' as const,
          // The ARN, not the bare ID: the ID alone is not accepted as a modelId.
          modelId: p.arn,
          label: p.name,
          description: p.arn,
          detail: model
            ? detailOf(model, `application inference profile for ${model.name}`)
            : 'application inference profile',
          ...(model ? { model } : {}),
        },
      ];
    });
}

function byName(a: { label: string }, b: { label: string }): number {
  return a.label.localeCompare(b.label, undefined, { numeric: true });
}

export function buildPickerEntries(catalog: Catalog, options: PickerOptions): PickerEntry[] {
  const recents = options.recents ?? [];
  const systemProfiles = catalog.profiles.filter((p) => p.type === 'SYSTEM_DEFINED');
  const mark = (e: Omit<ModelEntry, 'recent' | 'current'>, recent: boolean): ModelEntry => ({
    ...e,
    recent,
    current: e.modelId === options.current,
  });

  const offered = catalog.models
    .filter((m) => servesPurpose(m, options.purpose))
    .flatMap((m) => entriesOfModel(m, systemProfiles, catalog.region));
  const applications = applicationEntries(catalog, options.purpose);
  const all = new Map([...offered, ...applications].map((e) => [e.modelId, e]));

  const entries: PickerEntry[] = [];
  if (catalog.source === 'builtIn') {
    entries.push({
      type: 'notice',
      label: "Built-in model list: your account's models could not be listed",
      detail: `${catalog.failure?.reason ?? 'Discovery failed.'} Select to try again.`,
    });
  }

  const recentEntries: ModelEntry[] = [];
  for (const id of recents) {
    const known = all.get(id);
    if (known) {
      recentEntries.push(mark(known, true));
      continue;
    }
    // An ID entered by hand, or one from another region: still offered, with what the ID itself says.
    const base = baseModelIdOf(id);
    const model = base ? catalog.models.find((m) => m.modelId === base) : undefined;
    if (model && !servesPurpose(model, options.purpose)) continue;
    recentEntries.push({
      type: 'model',
      modelId: id,
      label: model ? model.name : id,
      description: model ? id : '',
      detail: model ? detailOf(model, 'not listed in this region') : 'entered by you; not listed in this region',
      ...(model ? { model } : {}),
      recent: true,
      current: id === options.current,
    });
  }
  if (recentEntries.length) entries.push({ type: 'separator', label: 'Recently used' }, ...recentEntries);
  const recentIds = new Set(recentEntries.map((e) => e.modelId));

  const providers = new Map<string, ModelEntry[]>();
  for (const e of offered) {
    if (recentIds.has(e.modelId)) continue;
    const provider = e.model?.provider ?? 'Other';
    providers.set(provider, [...(providers.get(provider) ?? []), mark(e, false)]);
  }
  for (const provider of [...providers.keys()].sort((a, b) => a.localeCompare(b))) {
    // Stable sort by model name keeps one model's profile entries in the order entriesOfModel gave them.
    entries.push(
      { type: 'separator', label: provider },
      ...providers
        .get(provider)!
        .sort((a, b) => byName({ label: a.model?.name ?? a.label }, { label: b.model?.name ?? b.label })),
    );
  }
  const apps = applications.filter((e) => !recentIds.has(e.modelId)).map((e) => mark(e, false));
  if (apps.length) entries.push({ type: 'separator', label: 'Application inference profiles' }, ...apps.sort(byName));

  entries.push(
    { type: 'separator', label: '' },
    {
      type: 'enterId',
      label: ENTER_ID_LABEL,
      detail: 'A model ID, inference profile ID, or the ARN of an inference profile, provisioned or custom model',
    },
  );
  return entries;
}
