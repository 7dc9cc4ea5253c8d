// Discovery of the models an account can call: control-plane listings, their cache, the built-in fallback, and
// the picker entries built from them. Plain TypeScript: no vscode here.
export * from './types';
export { ModelDiscovery, failureOf, type DiscoveryOptions } from './discovery';
export { builtInCatalog, geosOfRegion } from './builtIn';
export { listAccount } from './listing';
export { buildPickerEntries, ENTER_ID_LABEL, type PickerEntry, type PickerOptions, type PickerPurpose } from './items';
export { discoveredModel, displayName, shortNameFromId } from './names';
export {
  capabilitiesOf,
  modelsSupporting,
  FEATURE_WORDS,
  type CapableModel,
  type ConverseFeature,
  type ModelCapabilities,
} from './capabilities';
export {
  chatModelsOf,
  chosenChatModels,
  isChatModel,
  UNKNOWN_CONTEXT_TOKENS,
  UNKNOWN_OUTPUT_TOKENS,
  type ChatModel,
} from './chatModels';
