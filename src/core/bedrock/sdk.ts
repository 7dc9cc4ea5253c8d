// The AWS SDK, loaded on first use: activating the extension must not pay the ~25-40 ms it takes to load.
// Only `import type` may name SDK packages at the top level of any file in this folder; sdkModules.ts is the
// one module that imports them, and only this file loads it (esbuild.mjs turns it into dist/sdk.js).
import type * as ConfigModulesType from './configModules';
import type * as Modules from './sdkModules';

export type SdkModules = typeof Modules;
export type ConfigModules = typeof ConfigModulesType;

export interface Sdk {
  runtime: SdkModules;
  providers: SdkModules;
  config: SdkModules;
  /** @aws-sdk/client-bedrock: the control plane (model and inference-profile listings). */
  control: SdkModules;
  /** @aws/bedrock-token-generator: short-term Bedrock API keys. */
  tokens: SdkModules;
}

let loading: Promise<SdkModules> | undefined;

function loadModules(): Promise<SdkModules> {
  if (!loading) {
    loading = import('./sdkModules');
    loading.catch(() => (loading = undefined));
  }
  return loading;
}

export async function loadSdk(): Promise<Sdk> {
  const modules = await loadModules();
  return { runtime: modules, providers: modules, config: modules, control: modules, tokens: modules };
}

let loadingConfig: Promise<ConfigModules> | undefined;

/** The shared-config reader alone (dist/config.js), for profile and region lookups that send nothing. */
export function loadConfigModules(): Promise<ConfigModules> {
  if (!loadingConfig) {
    loadingConfig = import('./configModules');
    loadingConfig.catch(() => (loadingConfig = undefined));
  }
  return loadingConfig;
}
