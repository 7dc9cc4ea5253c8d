// The account's models and inference profiles in one region, from the Bedrock control plane
// (ListFoundationModels, ListInferenceProfiles for system-defined and application profiles).
import type { BedrockClient, FoundationModelSummary, InferenceProfileSummary } from '@aws-sdk/client-bedrock';
import type { Sdk } from '../bedrock/sdk';
import type { DiscoveredModel, DiscoveredProfile } from './types';

export interface Listing {
  models: DiscoveredModel[];
  profiles: DiscoveredProfile[];
}

/** Foundation-model ARN -> model ID (`arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-…`). */
function modelIdOfArn(arn: string): string | undefined {
  return /:foundation-model\/(.+)$/.exec(arn)?.[1];
}

function toModel(summary: FoundationModelSummary): DiscoveredModel | undefined {
  if (!summary.modelId) return undefined;
  return {
    modelId: summary.modelId,
    name: summary.modelName || summary.modelId,
    provider: summary.providerName || summary.modelId.split('.')[0],
    inputModalities: summary.inputModalities ?? [],
    outputModalities: summary.outputModalities ?? [],
    streaming: summary.responseStreamingSupported === true,
    // The SDK's enum only names ON_DEMAND and PROVISIONED; the service also returns INFERENCE_PROFILE.
    inferenceTypes: (summary.inferenceTypesSupported ?? []) as string[],
    legacy: summary.modelLifecycle?.status === 'LEGACY',
  };
}

function toProfile(summary: InferenceProfileSummary): DiscoveredProfile | undefined {
  if (!summary.inferenceProfileId || !summary.inferenceProfileArn) return undefined;
  const modelIds = [
    ...new Set(
      (summary.models ?? [])
        .map((m) => (m.modelArn ? modelIdOfArn(m.modelArn) : undefined))
        .filter((id): id is string => !!id),
    ),
  ];
  return {
    id: summary.inferenceProfileId,
    arn: summary.inferenceProfileArn,
    name: summary.inferenceProfileName || summary.inferenceProfileId,
    type: summary.type === 'APPLICATION' ? 'APPLICATION' : 'SYSTEM_DEFINED',
    modelIds,
  };
}

export async function listAccount(sdk: Sdk, client: BedrockClient, signal?: AbortSignal): Promise<Listing> {
  const options = { abortSignal: signal };
  const profilesOf = async (type: 'SYSTEM_DEFINED' | 'APPLICATION') => {
    const all: InferenceProfileSummary[] = [];
    for await (const page of sdk.control.paginateListInferenceProfiles(
      { client, pageSize: 1000 },
      { typeEquals: type },
      options,
    )) {
      all.push(...(page.inferenceProfileSummaries ?? []));
    }
    return all;
  };
  const [models, system, application] = await Promise.all([
    client.send(new sdk.control.ListFoundationModelsCommand({}), options),
    profilesOf('SYSTEM_DEFINED'),
    profilesOf('APPLICATION'),
  ]);
  return {
    models: (models.modelSummaries ?? []).map(toModel).filter((m): m is DiscoveredModel => !!m),
    profiles: [...system, ...application].map(toProfile).filter((p): p is DiscoveredProfile => !!p),
  };
}
