// One text invocation, editor-independent: build nothing, just call Bedrock (streaming or not), turn the
// model's events into text deltas through the family's parser, and hand them to a sink. The outcome always
// carries what arrived, so a failure or a cancel never loses partial text.
import type { ConnectionSettings, InvokeMetadata, InvokeRequest, InvokeResult, StreamResult } from '../bedrock/types';
import type { InvocationMetrics, ModelFamily, Usage } from '../models/types';

/** The part of the Bedrock client pool this pipeline needs. */
export interface BedrockCaller {
  invoke(settings: ConnectionSettings, request: InvokeRequest, signal?: AbortSignal): Promise<InvokeResult>;
  stream(settings: ConnectionSettings, request: InvokeRequest, signal?: AbortSignal): Promise<StreamResult>;
}

export interface TextSink {
  append(text: string): void;
  appendReasoning(text: string): void;
}

export type Outcome = 'completed' | 'cancelled' | 'failed';

export interface TextInvocationResult {
  outcome: Outcome;
  /** The error that ended the invocation, when outcome is 'failed'. */
  error?: unknown;
  text: string;
  reasoning: string;
  stopReason?: string;
  usage: Usage;
  streamed: boolean;
  /** Chunks that carried text or reasoning: the "tokens so far" a progress indicator shows. */
  textChunks: number;
  metadata: InvokeMetadata;
  /** From sending the request to the first visible text, in ms. */
  firstTextMs?: number;
  totalMs: number;
  /** The raw InvokeModel response body (non-streaming calls only). */
  rawBody?: unknown;
}

export interface TextInvocationOptions {
  caller: BedrockCaller;
  connection: ConnectionSettings;
  request: InvokeRequest;
  family: ModelFamily;
  /** Use InvokeModelWithResponseStream; ignored (false) when the family does not stream. */
  stream: boolean;
  sink: TextSink;
  signal?: AbortSignal;
  /** Called after each text chunk with the number of text chunks so far. Keep it cheap: it is per chunk. */
  onProgress?: (textChunks: number) => void;
}

const decoder = new TextDecoder();

export async function runTextInvocation(options: TextInvocationOptions): Promise<TextInvocationResult> {
  const { caller, connection, request, family, sink, signal, onProgress } = options;
  const streamed = options.stream && family.streams;
  const started = performance.now();
  const result: TextInvocationResult = {
    outcome: 'completed',
    text: '',
    reasoning: '',
    usage: {},
    streamed,
    textChunks: 0,
    metadata: {},
    totalMs: 0,
  };
  const noteFirstText = () => {
    if (result.firstTextMs === undefined) result.firstTextMs = performance.now() - started;
  };

  try {
    if (streamed) {
      const response = await caller.stream(connection, request, signal);
      result.metadata = response.metadata;
      const parse = family.createStreamParser();
      let metrics: InvocationMetrics | undefined;
      for await (const event of response.events) {
        const delta = parse(event);
        if (delta.reasoning) {
          noteFirstText();
          result.reasoning += delta.reasoning;
          result.textChunks++;
          sink.appendReasoning(delta.reasoning);
        }
        if (delta.text) {
          noteFirstText();
          result.text += delta.text;
          result.textChunks++;
          sink.append(delta.text);
        }
        if (delta.reasoning || delta.text) onProgress?.(result.textChunks);
        if (delta.stopReason) result.stopReason = delta.stopReason;
        if (delta.usage) result.usage = { ...result.usage, ...definedOnly(delta.usage) };
        if (delta.metrics) metrics = delta.metrics;
        if (delta.error) throw new ModelStreamChunkError(delta.error.type, delta.error.message);
      }
      if (metrics) {
        result.metadata = {
          ...result.metadata,
          inputTokenCount: metrics.inputTokenCount ?? result.metadata.inputTokenCount,
          outputTokenCount: metrics.outputTokenCount ?? result.metadata.outputTokenCount,
          invocationLatencyMs: metrics.invocationLatency ?? result.metadata.invocationLatencyMs,
        };
      }
    } else {
      const response = await caller.invoke(connection, request, signal);
      result.metadata = response.metadata;
      const body: unknown = JSON.parse(decoder.decode(response.body));
      result.rawBody = body;
      const parsed = family.parseResponse(body);
      result.stopReason = parsed.stopReason;
      if (parsed.usage) result.usage = definedOnly(parsed.usage);
      if (parsed.reasoning) {
        noteFirstText();
        result.reasoning = parsed.reasoning;
        sink.appendReasoning(parsed.reasoning);
      }
      if (parsed.text) {
        noteFirstText();
        result.text = parsed.text;
        sink.append(parsed.text);
      }
      result.textChunks = parsed.text || parsed.reasoning ? 1 : 0;
    }
  } catch (error) {
    result.outcome = signal?.aborted ? 'cancelled' : 'failed';
    if (result.outcome === 'failed') result.error = error;
  }
  result.totalMs = performance.now() - started;
  result.usage = {
    inputTokens: result.usage.inputTokens ?? result.metadata.inputTokenCount,
    outputTokens: result.usage.outputTokens ?? result.metadata.outputTokenCount,
  };
  return result;
}

function definedOnly(usage: Usage): Usage {
  const out: Usage = {};
  if (usage.inputTokens !== undefined) out.inputTokens = usage.inputTokens;
  if (usage.outputTokens !== undefined) out.outputTokens = usage.outputTokens;
  return out;
}

/** An error the model reported inside a stream chunk (Anthropic `{"type":"error"}`). */
export class ModelStreamChunkError extends Error {
  override readonly name = 'ModelStreamChunkError';
  constructor(
    readonly errorType: string,
    message: string,
  ) {
    super(message);
  }
}
