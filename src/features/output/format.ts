// The header and footer lines around each invocation's text. Plain functions so tests can read them.
import type { ConverseResult } from '../../core/converse';
import type { TextInvocationResult } from '../../core/invoke/textInvocation';
import type { Problem } from '../../core/errors/classify';
import { redact } from '../../core/security';

export interface InvocationInfo {
  modelId: string;
  profile: string;
  region: string;
  endpoint?: string;
  streamed: boolean;
  /** Why the answer is not streamed although streaming was asked for. */
  notStreamingBecause?: string;
}

export function headerLine(info: InvocationInfo, at = new Date()): string {
  const time = at.toTimeString().slice(0, 8);
  const endpoint = info.endpoint ? ` · ${info.endpoint}` : '';
  return redact(
    `▶ ${info.modelId} · profile ${info.profile} · ${info.region}${endpoint} · ${info.streamed ? 'streaming' : `not streaming${info.notStreamingBecause ? ` (${info.notStreamingBecause})` : ''}`} · ${time}`,
  );
}

function ms(value: number | undefined): string {
  if (value === undefined) return '–';
  return value < 1000 ? `${Math.round(value)} ms` : `${(value / 1000).toFixed(2)} s`;
}

/** The service tier and latency mode the response says were applied, when it says (a user who asked can check). */
function applied(result: TextInvocationResult): string {
  const { serviceTier, performanceConfigLatency } = result.metadata;
  return `${serviceTier ? ` · tier ${serviceTier}` : ''}${performanceConfigLatency ? ` · latency ${performanceConfigLatency}` : ''}`;
}

/** Prompt caching, when the answer reports it: whether the cache was read or written, and how much. */
function cache(result: TextInvocationResult): string {
  const { cacheReadInputTokens: read, cacheWriteInputTokens: write } = result.usage;
  return read === undefined && write === undefined ? '' : ` · cache read ${read ?? 0} / write ${write ?? 0}`;
}

/** Converse's own latency (Bedrock's time, without the network), when it reports one. */
function latency(result: TextInvocationResult): string {
  const own = (result as Partial<ConverseResult>).latencyMs;
  return own === undefined ? '' : ` · Bedrock ${ms(own)}`;
}

export function footerLine(result: TextInvocationResult, problem?: Problem): string {
  const tokens = `tokens ${result.usage.inputTokens ?? '?'} in / ${result.usage.outputTokens ?? '?'} out${cache(result)}`;
  const timing = `first token ${ms(result.firstTextMs)} · total ${ms(result.totalMs)}${latency(result)}`;
  switch (result.outcome) {
    case 'completed':
      return `■ stop: ${result.stopReason ?? 'unknown'} · ${tokens} · ${timing}${applied(result)}`;
    case 'cancelled':
      return `■ cancelled after ${result.textChunks} chunk(s); the text above is partial · ${timing}`;
    case 'failed': {
      const got = result.textChunks > 0 ? ` after ${result.textChunks} chunk(s); the text above is incomplete` : '';
      return redact(
        `✖ ${problem?.errorName ?? 'Error'}${got}: ${problem?.message ?? String(result.error)} ${problem?.hint ?? ''}`.trimEnd(),
      );
    }
  }
}
