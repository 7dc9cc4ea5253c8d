/** Local Bedrock-compatible emulator: startEmulator() for tests and benchmarks (cli.ts for humans). */
import { Authenticator, DEFAULT_CREDENTIAL } from './auth';
import { PromptCache } from './converse/cache';
import { FaultQueue } from './faults';
import { Recorder } from './recorder';
import { createHandler } from './router';
import { listen } from './server';
import { applyConfig, defaultConfig, type EmulatorState } from './state';
import type { EmulatorOptions, RunningEmulator } from './types';

export * from './types';
export { DEFAULT_ACCESS_KEY_ID, DEFAULT_SECRET_ACCESS_KEY, DEFAULT_CREDENTIAL } from './auth';
export {
  ACCOUNT_ID,
  DEFAULT_REGION,
  MODELS,
  PROFILES,
  APPLICATION_PROFILE_ARN,
  APPLICATION_PROFILE_ID,
  type CatalogModel,
  type CatalogProfile,
  type FamilyName,
} from './catalog';
export { DEFAULT_FILLER_TOKENS, DEFAULT_GUARDRAIL_TRIGGER } from './state';
export { PROMPTS, promptArn, type CatalogPrompt } from './converse/prompts';
export { capabilitiesOf, type ConverseCapabilities } from './converse/capabilities';

export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const config = defaultConfig();
  applyConfig(config, {
    fillerTokens: options.fillerTokens,
    pacing: options.pacing,
    guardrailTriggerWord: options.guardrailTriggerWord,
  });
  const state: EmulatorState = {
    config,
    faults: new FaultQueue(),
    recorder: new Recorder(),
    auth: new Authenticator(options.credentials ?? [DEFAULT_CREDENTIAL], options.bearerTokens ?? []),
    cache: new PromptCache(),
    log: options.log ?? (() => undefined),
  };
  const host = options.host ?? '127.0.0.1';
  const transport = await listen(createHandler(state), host, options.port ?? 0);
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${urlHost}:${transport.port}`,
    host,
    port: transport.port,
    requests: () => state.recorder.all(),
    addFault: (f) => state.faults.add(f),
    reset: () => {
      state.faults.clear();
      state.recorder.clear();
      state.cache.clear();
    },
    configure: (c) => applyConfig(state.config, c),
    config: () => structuredClone(state.config),
    close: () => transport.close(),
  };
}
