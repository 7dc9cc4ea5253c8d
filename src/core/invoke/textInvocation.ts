// One text invocation, editor-independent: build nothing, just call Bedrock (streaming or not), turn the
// model's events into text deltas through the family's parser, and hand them to a sink. The outcome always
// carries what arrived, so a failure or a cancel never loses partial text.
import { AnswerTooLargeError, DEFAULT_MAX_ANSWER_CHARS, type StreamLimits } from '../bedrock/streamGuard';
import type { ConnectionSettings, InvokeMetadata, InvokeRequest, InvokeResult, StreamResult } from '../bedrock/types';
import { guardrailActionOf } from '../errors/guardrail';
import type { ModelFamily, Usage } from '../models/types';

/** The part of the Bedrock client pool this pipeline needs. */
export interface BedrockCaller {
  invoke(settings: ConnectionSettings, request: InvokeRequest, signal?: AbortSignal): Promise<InvokeResult>;
  stream(
    settings: ConnectionSettings,
    request: InvokeRequest,
    signal?: AbortSignal,
    limits?: StreamLimits,
  ): Promise<StreamResult>;
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
  /** The answer-size limit and the idle timeout (defaults: 32 MiB of text, 60 s). */
  limits?: StreamLimits;
}

/**
 * The answer-size limit, counted over answer and reasoning text together: `take` returns the part of a delta that
 * still fits and throws AnswerTooLargeError once the limit is reached, which stops the stream (leaving the loop
 * aborts the request) with the text up to the limit kept.
 */
export class AnswerBudget {
  private used = 0;
  constructor(readonly limit = DEFAULT_MAX_ANSWER_CHARS) {}

  /** The part of `text` that fits; after it the caller appends that part and calls `check`. */
  take(text: string): string {
    const room = this.limit - this.used;
    const fits = text.length <= room ? text : text.slice(0, Math.max(0, room));
    this.used += text.length;
    return fits;
  }

  /** Throws once more text arrived than the limit allows. */
  check(): void {
    if (this.used > this.limit) throw new AnswerTooLargeError(this.limit);
  }
}

const decoder = new TextDecoder();

export async function runTextInvocation(options: TextInvocationOptions): Promise<TextInvocationResult> {
  const { caller, connection, request, family, sink, signal, onProgress, limits } = options;
  const budget = new AnswerBudget(limits?.maxAnswerChars);
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
      const response = await caller.stream(connection, request, signal, limits);
      result.metadata = response.metadata;
      const parse = family.createStreamParser();
      for await (const event of response.events) {
        const delta = parse(event);
        if (delta.reasoning) {
          noteFirstText();
          const reasoning = budget.take(delta.reasoning);
          result.reasoning += reasoning;
          result.textChunks++;
          if (reasoning) sink.appendReasoning(reasoning);
        }
        if (delta.text) {
          noteFirstText();
          const text = budget.take(delta.text);
          result.text += text;
          result.textChunks++;
          if (text) sink.append(text);
        }
        // Over the limit: leaving the loop aborts the request; the text up to the limit is kept.
        budget.check();
        if (delta.reasoning || delta.text) onProgress?.(result.textChunks);
        if (delta.stopReason) result.stopReason = delta.stopReason;
        if (delta.usage) result.usage = { ...result.usage, ...definedOnly(delta.usage) };
        if (delta.error) throw new ModelStreamChunkError(delta.error.type, delta.error.message);
      }
    } else {
      const response = await caller.invoke(connection, request, signal);
      result.metadata = response.metadata;
      const body: unknown = JSON.parse(decoder.decode(response.body));
      result.rawBody = body;
      const guardrailAction = guardrailActionOf(body);
      if (guardrailAction) result.metadata.guardrailAction = guardrailAction;
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
