// Whether an endpoint URL is Amazon's own. A request signed with the user's credentials, or carrying a Bedrock API
// key, may only go elsewhere when the user says so; this decides when to ask.

/** DNS suffixes of the AWS partitions, including dual-stack (`api.aws`) and the isolated regions. */
const AWS_SUFFIXES = [
  'amazonaws.com',
  'amazonaws.com.cn',
  'api.aws',
  'api.amazonwebservices.com.cn',
  'c2s.ic.gov',
  'sc2s.sgov.gov',
  'cloud.adc-e.uk',
  'csp.hci.ic.gov',
  'amazonaws.eu',
];

export interface EndpointVerdict {
  aws: boolean;
  /** Why not, in plain words (for tooltips and confirmations). */
  reason?: string;
}

export function checkEndpoint(endpoint: string): EndpointVerdict {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return { aws: false, reason: `"${endpoint}" is not a valid URL.` };
  }
  const host = url.hostname.toLowerCase().replace(/\.$/, '');
  const isAwsHost = AWS_SUFFIXES.some((suffix) => host === suffix || host.endsWith(`.${suffix}`));
  if (!isAwsHost) return { aws: false, reason: `${url.host} is not an AWS endpoint.` };
  if (url.protocol !== 'https:') return { aws: false, reason: `${url.host} is reached over ${url.protocol.replace(':', '')}, not HTTPS.` };
  if (url.username || url.password) return { aws: false, reason: 'The endpoint URL carries a user name or password.' };
  return { aws: true };
}
