/** Checks of the InvokeModel / InvokeModelWithResponseStream request headers (docs/bedrock-protocol.md §1.4). */
import { validation } from './errors';
import { violationError, violations } from './serviceModel';
import type { Exchange } from './exchange';

export interface RuntimeHeaders {
  trace?: string;
  guardrailIdentifier?: string;
  guardrailVersion?: string;
  performanceConfigLatency?: string;
  serviceTier?: string;
}

/**
 * The header-bound members of InvokeModelRequest / InvokeModelWithResponseStreamRequest, checked against their shapes
 * in botocore's service model (enums, patterns, lengths), as the service's validation layer words it.
 */
const HEADER_SHAPES: Record<keyof RuntimeHeaders, string> = {
  trace: 'Trace',
  guardrailIdentifier: 'GuardrailIdentifier',
  guardrailVersion: 'GuardrailVersion',
  performanceConfigLatency: 'PerformanceConfigLatency',
  serviceTier: 'ServiceTierType',
};

function checkHeaders(h: RuntimeHeaders): void {
  const found = (Object.keys(HEADER_SHAPES) as (keyof RuntimeHeaders)[]).flatMap((member) => {
    const value = h[member];
    return value === undefined ? [] : violations(value, HEADER_SHAPES[member], { at: member });
  });
  if (found.length) throw violationError(found);
}

const JSON_TYPES = ['', 'application/json', 'application/octet-stream'];

/** Throws the ValidationException the service answers for bad header combinations. */
export function readRuntimeHeaders(ex: Exchange, stream: boolean, body: unknown): RuntimeHeaders {
  const contentType = ex.header('content-type').split(';')[0].trim().toLowerCase();
  const accept = (stream ? ex.header('x-amzn-bedrock-accept') : ex.header('accept')).split(';')[0].trim().toLowerCase();
  const h: RuntimeHeaders = {
    trace: ex.header('x-amzn-bedrock-trace') || undefined,
    guardrailIdentifier: ex.header('x-amzn-bedrock-guardrailidentifier') || undefined,
    guardrailVersion: ex.header('x-amzn-bedrock-guardrailversion') || undefined,
    performanceConfigLatency: ex.header('x-amzn-bedrock-performanceconfig-latency') || undefined,
    serviceTier: ex.header('x-amzn-bedrock-service-tier') || undefined,
  };
  if (!JSON_TYPES.includes(contentType)) {
    throw validation(`The provided Content-Type '${contentType}' is not supported. Use application/json.`);
  }
  if (accept && !['application/json', '*/*', 'application/*'].includes(accept)) {
    throw validation(`The provided Accept '${accept}' is not supported. Use application/json.`);
  }
  checkHeaders(h);
  const bodyHasGuardrailConfig = !!body && typeof body === 'object' && 'amazon-bedrock-guardrailConfig' in body;
  if (bodyHasGuardrailConfig && !h.guardrailIdentifier) {
    throw validation(
      'amazon-bedrock-guardrailConfig is present in the request body but no guardrailIdentifier was specified.',
    );
  }
  if (h.guardrailIdentifier && !h.guardrailVersion) {
    throw validation('Guardrail version is required when a guardrail identifier is specified.');
  }
  if (h.guardrailIdentifier && contentType === 'application/octet-stream') {
    throw validation('Guardrails require the request content type application/json.');
  }
  return h;
}

/** performance/service-tier headers echoed on success. */
export function echoHeaders(h: RuntimeHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  if (h.performanceConfigLatency) out['x-amzn-bedrock-performanceconfig-latency'] = h.performanceConfigLatency;
  if (h.serviceTier) out['x-amzn-bedrock-service-tier'] = h.serviceTier;
  return out;
}
