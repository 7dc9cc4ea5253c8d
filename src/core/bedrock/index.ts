// Calling Amazon Bedrock Runtime with the user's AWS profile. The AWS SDK is loaded on the first call, not here.
export { BedrockClients, type BedrockClientsOptions } from './clients';
export { apiKeyFormatProblem } from './auth';
export {
  RegionMissingError,
  isAwsLoginExpiredError,
  isNoCredentialsError,
  isRegionMissingError,
  isSsoExpiredError,
  ssoLoginCommand,
  awsLoginCommand,
} from './errors';
export type * from './types';
