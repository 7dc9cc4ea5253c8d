// The last answer Bedrock gave, kept so that `Bedrock: Show Last Raw Response` can show it exactly: the raw body of
// a non-streaming call, or for a stream the assembled text and the metrics (the events themselves are not kept).
import type { InvokeMetadata } from '../../core/bedrock/types';
import type { ConverseResult } from '../../core/converse';
import type { TextInvocationResult } from '../../core/invoke/textInvocation';
import type { Usage } from '../../core/models/types';

export interface RawResponseRecord {
  modelId: string;
  /** When the answer ended, ISO 8601. */
  at: string;
  outcome: 'completed' | 'cancelled' | 'failed';
  streamed: boolean;
  metadata: InvokeMetadata;
  usage?: Usage;
  stopReason?: string;
  /** The response body exactly as the model sent it (non-streaming calls). */
  body?: unknown;
  /** The text assembled from a stream's events. */
  text?: string;
  reasoning?: string;
  totalMs?: number;
  /** Converse answers: which API, Bedrock's own latency and the tool calls (a streamed answer keeps no body). */
  api?: 'converse';
  latencyMs?: number;
  toolUses?: unknown[];
}

export class LastResponse {
  private last: RawResponseRecord | undefined;

  get(): RawResponseRecord | undefined {
    return this.last;
  }

  record(record: RawResponseRecord): void {
    this.last = record;
  }

  /** Keeps a text invocation's answer; one that failed or was cancelled before any answer arrived keeps the previous one. */
  recordText(modelId: string, result: TextInvocationResult): void {
    if (result.outcome !== 'completed' && result.rawBody === undefined && result.textChunks === 0) return;
    const record: RawResponseRecord = {
      modelId,
      at: new Date().toISOString(),
      outcome: result.outcome,
      streamed: result.streamed,
      metadata: result.metadata,
      usage: result.usage,
      stopReason: result.stopReason,
      totalMs: Math.round(result.totalMs),
    };
    const converse = result as Partial<ConverseResult>;
    if (converse.api === 'converse') {
      record.api = 'converse';
      if (converse.latencyMs !== undefined) record.latencyMs = converse.latencyMs;
      if (converse.toolUses?.length) record.toolUses = converse.toolUses;
    }
    if (result.rawBody !== undefined) record.body = result.rawBody;
    else {
      record.text = result.text;
      if (result.reasoning) record.reasoning = result.reasoning;
    }
    this.record(record);
  }
}
