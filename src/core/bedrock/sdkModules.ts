// Everything the extension takes from the AWS SDK, in one module that is loaded on first use. The release build
// bundles it as its own file (dist/sdk.js), so activating the extension does not even parse the SDK; named
// exports (not whole namespaces) let esbuild leave out the parts we do not call.
export {
  BedrockRuntimeClient,
  ConverseCommand,
  ConverseStreamCommand,
  CountTokensCommand,
  InvokeModelCommand,
  InvokeModelWithResponseStreamCommand,
} from '@aws-sdk/client-bedrock-runtime';
export { BedrockClient, ListFoundationModelsCommand, paginateListInferenceProfiles } from '@aws-sdk/client-bedrock';
export { fromIni, fromNodeProviderChain, fromSSO } from '@aws-sdk/credential-providers';
export { loadSharedConfigFiles, NODE_REGION_CONFIG_OPTIONS } from '@smithy/core/config';
export { eventStreamSerdeProvider } from '@smithy/core/event-streams';
// Short-term Bedrock API keys (Bedrock: Generate Short-Term API Key): a SigV4-presigned URL made from the profile's credentials.
export { getToken } from '@aws/bedrock-token-generator';
