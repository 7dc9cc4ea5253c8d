// Whether an endpoint URL is Amazon Bedrock's own. A request signed with the user's credentials, or carrying a Bedrock API
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
  // Only Bedrock's own hosts: anyone can own a host under amazonaws.com (API Gateway, load balancers, S3, EC2).
  const isBedrockHost = AWS_SUFFIXES.some((suffix) => {
    if (!host.endsWith(`.${suffix}`)) return false;
    const name = host.slice(0, -(suffix.length + 1));
    return /^(?:vpce-[a-z0-9-]+\.)?bedrock(?:-runtime)?(?:-fips)?\.[a-z0-9-]+(?:\.vpce)?$/.test(name);
  });
  if (!isBedrockHost) return { aws: false, reason: `${url.host} is not an Amazon Bedrock endpoint.` };
  if (url.protocol !== 'https:')
    return { aws: false, reason: `${url.host} is reached over ${url.protocol.replace(':', '')}, not HTTPS.` };
  if (url.username || url.password) return { aws: false, reason: 'The endpoint URL carries a user name or password.' };
  return { aws: true };
}
