/** Queued fault injection: each matching request attempt consumes one unit of a fault's count. */
import { HTTP_EXCEPTIONS } from './errors';
import type { FaultSpec } from './types';

export const STREAM_EXCEPTIONS = [
  'internalServerException',
  'modelStreamErrorException',
  'validationException',
  'throttlingException',
  'modelTimeoutException',
  'serviceUnavailableException',
] as const;

export const TRANSPORT_FAULTS = ['truncate', 'badCrc', 'reset', 'stall'] as const;

/** Default texts for in-stream exceptions (the same wording the HTTP variants use). */
export const STREAM_EXCEPTION_MESSAGES: Record<string, string> = {
  internalServerException: HTTP_EXCEPTIONS.InternalServerException.message,
  modelStreamErrorException: HTTP_EXCEPTIONS.ModelStreamErrorException.message,
  validationException: HTTP_EXCEPTIONS.ValidationException.message,
  throttlingException: 'Too many tokens, please wait before trying again.',
  modelTimeoutException: HTTP_EXCEPTIONS.ModelTimeoutException.message,
  serviceUnavailableException: HTTP_EXCEPTIONS.ServiceUnavailableException.message,
};

export type FaultKind =
  | { kind: 'http'; name: string }
  | { kind: 'stream-exception'; name: string }
  | { kind: 'transport'; name: (typeof TRANSPORT_FAULTS)[number] };

/** Normalises the fault name and says where it fires; throws on unknown names. */
export function classify(spec: FaultSpec): FaultKind {
  const name = spec.fault;
  if ((TRANSPORT_FAULTS as readonly string[]).includes(name))
    return { kind: 'transport', name: name as FaultKind['name'] & 'reset' };
  const lower = name.charAt(0).toLowerCase() + name.slice(1);
  const upper = name.charAt(0).toUpperCase() + name.slice(1);
  const isStream = (STREAM_EXCEPTIONS as readonly string[]).includes(lower);
  if (isStream && (spec.afterChunks !== undefined || name === lower)) return { kind: 'stream-exception', name: lower };
  if (HTTP_EXCEPTIONS[upper]) return { kind: 'http', name: upper };
  throw new Error(
    `Unknown fault "${name}". Use one of: ${[...Object.keys(HTTP_EXCEPTIONS), ...STREAM_EXCEPTIONS, ...TRANSPORT_FAULTS].join(', ')}`,
  );
}

export interface Fault {
  spec: FaultSpec;
  kind: FaultKind;
}

interface Queued {
  spec: FaultSpec;
  kind: FaultKind;
  remaining: number;
}

export interface MatchInput {
  operation: string;
  /** The model ID as sent and the foundation model it resolved to (if any). */
  modelIds: string[];
}

const RUNTIME_OPS = ['InvokeModel', 'InvokeModelWithResponseStream', 'Converse', 'ConverseStream'];
const STREAM_OPS = ['InvokeModelWithResponseStream', 'ConverseStream'];

export class FaultQueue {
  private queue: Queued[] = [];

  add(specs: FaultSpec | FaultSpec[]): void {
    for (const spec of Array.isArray(specs) ? specs : [specs]) {
      const kind = classify(spec);
      this.queue.push({ spec, kind, remaining: Math.max(1, spec.count ?? 1) });
    }
  }

  /** Takes one unit of the first fault that applies to this request attempt. */
  take(input: MatchInput): Fault | undefined {
    const index = this.queue.findIndex((q) => this.applies(q, input));
    if (index < 0) return undefined;
    const q = this.queue[index];
    if (--q.remaining <= 0) this.queue.splice(index, 1);
    return { spec: q.spec, kind: q.kind };
  }

  pending(): FaultSpec[] {
    return this.queue.map((q) => ({ ...q.spec, count: q.remaining }));
  }

  clear(): void {
    this.queue = [];
  }

  private applies(q: Queued, input: MatchInput): boolean {
    const ops = q.spec.operation ? [q.spec.operation] : RUNTIME_OPS;
    if (!ops.includes(input.operation)) return false;
    if (q.spec.modelId && !input.modelIds.includes(q.spec.modelId)) return false;
    const midStream = q.kind.kind === 'stream-exception' || q.spec.afterChunks !== undefined;
    // Mid-stream faults and corrupt frames only make sense on the streaming operation.
    if ((midStream || q.kind.name === 'truncate' || q.kind.name === 'badCrc') && !STREAM_OPS.includes(input.operation))
      return false;
    // ConverseStream's event union has no modelTimeoutException.
    if (
      q.kind.kind === 'stream-exception' &&
      q.kind.name === 'modelTimeoutException' &&
      input.operation === 'ConverseStream'
    )
      return false;
    return true;
  }
}
