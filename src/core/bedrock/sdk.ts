// The AWS SDK, loaded on first use: activating the extension must not pay the ~25-40 ms it takes to load.
// Only `import type` may name these packages at the top level of any file in this folder.
import type * as RuntimeModule from '@aws-sdk/client-bedrock-runtime';
import type * as ProvidersModule from '@aws-sdk/credential-providers';
import type * as ConfigModule from '@smithy/core/config';
import type * as HttpHandlerModule from '@smithy/node-http-handler';

export interface Sdk {
  runtime: typeof RuntimeModule;
  providers: typeof ProvidersModule;
  config: typeof ConfigModule;
}

let loading: Promise<Sdk> | undefined;

export function loadSdk(): Promise<Sdk> {
  if (!loading) {
    loading = Promise.all([
      import('@aws-sdk/client-bedrock-runtime'),
      import('@aws-sdk/credential-providers'),
      import('@smithy/core/config'),
    ]).then(([runtime, providers, config]) => ({ runtime, providers, config }));
    loading.catch(() => (loading = undefined));
  }
  return loading;
}

export function loadHttpHandler(): Promise<typeof HttpHandlerModule> {
  return import('@smithy/node-http-handler');
}
