// A least-privilege IAM policy that lets a principal invoke one model: the statement an administrator adds after
// an AccessDeniedException, scoped to the resource the denial names (or the model that was called).
import { baseModelIdOf } from '../models/resolve';

const INVOKE_ACTIONS = ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'];

/** The resource ARN an IAM denial message names (`... on resource: arn:...`), if any. */
export function deniedResource(message: string): string | undefined {
  return /on resource:?\s+(arn:[^\s,;"]+)/i.exec(message)?.[1]?.replace(/\.$/, '');
}

/** The ARNs an invocation of `modelId` needs: the profile (if any) and the foundation model it routes to. */
function resourcesFor(modelId: string, region: string, resource?: string): string[] {
  const base = baseModelIdOf(modelId);
  const out: string[] = [];
  if (resource) out.push(resource);
  if (modelId.startsWith('arn:')) out.push(modelId);
  else if (base && base !== modelId) out.push(`arn:aws:bedrock:${region}:*:inference-profile/${modelId}`);
  // A cross-region profile routes to the model in several regions, so the model's ARN is not pinned to one.
  if (base) out.push(`arn:aws:bedrock:${base !== modelId ? '*' : region}::foundation-model/${base}`);
  return [...new Set(out)];
}

export function invokePolicy(modelId: string, region: string, deniedMessage = ''): string {
  const policy = {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'InvokeBedrockModel',
        Effect: 'Allow',
        Action: INVOKE_ACTIONS,
        Resource: resourcesFor(modelId, region, deniedResource(deniedMessage)),
      },
    ],
  };
  return `${JSON.stringify(policy, null, 2)}\n`;
}
