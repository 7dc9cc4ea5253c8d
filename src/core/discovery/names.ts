// Short, readable names for the status bar: the catalog's name when discovery knows the model, else one made
// from the ID itself.
import { baseModelIdOf, stripGeoPrefix } from '../models/resolve';
import type { Catalog, DiscoveredModel } from './types';

/** `us.anthropic.claude-3-5-haiku-20241022-v1:0` -> `claude-3-5-haiku (us)`; ARNs -> their resource's last part. */
export function shortNameFromId(modelId: string): string {
  const id = modelId.trim();
  if (id.startsWith('arn:')) {
    const resource = id.split(':').slice(5).join(':');
    const [kind, ...rest] = resource.split('/');
    const last = rest.join('/') || kind;
    if (kind === 'foundation-model' || kind === 'inference-profile') return shortNameFromId(last);
    return `${kind.replace(/-/g, ' ')} ${last.length > 12 ? `${last.slice(0, 12)}…` : last}`;
  }
  const base = stripGeoPrefix(id);
  const geo = base !== id ? id.slice(0, id.length - base.length - 1) : undefined;
  const withoutProvider = base.includes('.') ? base.slice(base.indexOf('.') + 1) : base;
  const name = withoutProvider
    .replace(/:\d+(:[\w.]+)?$/, '') // :0, :0:200k
    .replace(/-v\d+(\.\d+)?$/, '') // -v1, -v2
    .replace(/-\d{8}$/, ''); // release date
  return geo ? `${name} (${geo})` : name;
}

/**
 * The foundation model a model ID, inference-profile ID or ARN calls, when the catalog knows it (an application
 * profile routes to the models it lists; with one model, that one).
 */
export function discoveredModel(modelId: string, catalog: Catalog | undefined): DiscoveredModel | undefined {
  if (!catalog) return undefined;
  const application = catalog.profiles.find((p) => p.arn === modelId || p.id === modelId);
  const base = application?.modelIds.length === 1 ? application.modelIds[0] : baseModelIdOf(modelId);
  return base ? catalog.models.find((m) => m.modelId === base) : undefined;
}

/** The catalog's name for a model ID when it knows it (with the profile's geography), else shortNameFromId. */
export function displayName(modelId: string, catalog?: Catalog): string {
  const base = baseModelIdOf(modelId);
  const application = catalog?.profiles.find((p) => p.arn === modelId || p.id === modelId);
  if (application?.type === 'APPLICATION') return application.name;
  const model = base ? catalog?.models.find((m) => m.modelId === base) : undefined;
  if (!model) return shortNameFromId(modelId);
  const geo =
    base && base !== modelId && !modelId.startsWith('arn:')
      ? modelId.slice(0, modelId.length - base.length - 1)
      : undefined;
  return geo ? `${model.name} (${geo})` : model.name;
}
