// One Converse invocation into a text sink, the Converse twin of invoke/textInvocation.ts: ConverseStream (or
// Converse) events become text, reasoning apart, and tool calls written as they arrive; the result has the same
// shape as an InvokeModel text result plus what only Converse reports (tool calls, cache usage, latency, tier).
import type { ConnectionSettings } from '../bedrock/types';
import type { StreamLimits } from '../bedrock/streamGuard';
import { AnswerBudget, type TextInvocationResult, type TextSink } from '../invoke/textInvocation';
import { checkJsonAnswer, type JsonVerdict } from '../testing/jsonAnswer';
import { responseEvents } from './events';
import type { ConverseCaller, ConverseEvent, ConverseInput, ConverseResponse, ConverseUsage, ToolUse } from './types';

export interface ConverseResult extends TextInvocationResult {
  api: 'converse';
  toolUses: ToolUse[];
  converseUsage: ConverseUsage;
  /** The served tier (metadata.serviceTier too). */
  serviceTier?: string;
  /** Converse's own `metrics.latencyMs`: Bedrock's time for the call, without the network. */
  latencyMs?: number;
  /** outputConfig.textFormat: the answer checked against its JSON schema. */
  structuredOutput?: JsonVerdict;
  /** Converse (not streamed): the response as the SDK parsed it. */
  rawBody?: ConverseResponse;
}

export interface ConverseRunOptions {
  caller: ConverseCaller;
  connection: ConnectionSettings;
  input: ConverseInput;
  /** ConverseStream when true, else Converse. */
  stream: boolean;
  sink: TextSink;
  signal?: AbortSignal;
  /** Called after each text or reasoning chunk with the count so far. Keep it cheap: it is per chunk. */
  onProgress?: (textChunks: number) => void;
  /** Each event as it arrives, after the sink has it (tool calls, metadata). */
  onEvent?: (event: ConverseEvent) => void;
  /** The answer-size limit (text, reasoning and tool input together) and the idle timeout. */
  limits?: StreamLimits;
}

/** How a tool call reads in a text output: a header line, then its input as it streams. */
export function toolUseHeader(name: string, toolUseId: string): string {
  return `\n\n[tool use: ${name} · ${toolUseId}]\n`;
}

export async function runConverse(options: ConverseRunOptions): Promise<ConverseResult> {
  const { caller, connection, input, sink, signal, onProgress, onEvent, limits } = options;
  const budget = new AnswerBudget(limits?.maxAnswerChars);
  const started = performance.now();
  const result: ConverseResult = {
    api: 'converse',
    outcome: 'completed',
    text: '',
    reasoning: '',
    usage: {},
    converseUsage: {},
    streamed: options.stream,
    textChunks: 0,
    metadata: {},
    totalMs: 0,
    toolUses: [],
  };
  const streamedInput = new Set<number>();
  const take = (event: ConverseEvent) => {
    switch (event.type) {
      case 'text': {
        if (result.firstTextMs === undefined) result.firstTextMs = performance.now() - started;
        const text = budget.take(event.text);
        result.text += text;
        result.textChunks++;
        if (text) sink.append(text);
        budget.check();
        onProgress?.(result.textChunks);
        break;
      }
      case 'reasoning': {
        if (result.firstTextMs === undefined) result.firstTextMs = performance.now() - started;
        const text = budget.take(event.text);
        result.reasoning += text;
        result.textChunks++;
        if (text) sink.appendReasoning(text);
        budget.check();
        onProgress?.(result.textChunks);
        break;
      }
      case 'toolUseStart':
        if (result.firstTextMs === undefined) result.firstTextMs = performance.now() - started;
        sink.append(toolUseHeader(event.name, event.toolUseId));
        break;
      case 'toolInput': {
        streamedInput.add(event.index);
        result.textChunks++;
        const input = budget.take(event.input);
        if (input) sink.append(input);
        budget.check();
        break;
      }
      case 'toolUse':
        result.toolUses.push(event.toolUse);
        if (!streamedInput.has(event.index)) sink.append(JSON.stringify(event.toolUse.input, null, 2));
        sink.append('\n');
        break;
      case 'stop':
        result.stopReason = event.stopReason;
        break;
      case 'metadata':
        result.converseUsage = event.usage;
        if (event.latencyMs !== undefined) result.latencyMs = event.latencyMs;
        // What was applied, where the InvokeModel path keeps it (from its response headers), for one footer.
        if (event.serviceTier) result.serviceTier = result.metadata.serviceTier = event.serviceTier;
        if (event.performanceLatency) result.metadata.performanceConfigLatency ??= event.performanceLatency;
        break;
      case 'reasoningSignature':
        break;
    }
    onEvent?.(event);
  };

  try {
    if (options.stream) {
      const response = await caller.converseStream(connection, input, signal, limits);
      result.metadata = response.metadata;
      for await (const event of response.events) take(event);
    } else {
      const { response, metadata } = await caller.converse(connection, input, signal);
      result.metadata = metadata;
      result.rawBody = response;
      for (const event of responseEvents(response)) take(event);
    }
  } catch (error) {
    result.outcome = signal?.aborted ? 'cancelled' : 'failed';
    if (result.outcome === 'failed') result.error = error;
  }
  result.totalMs = performance.now() - started;
  const u = result.converseUsage;
  result.usage = {
    inputTokens: u.inputTokens ?? result.metadata.inputTokenCount,
    outputTokens: u.outputTokens ?? result.metadata.outputTokenCount,
    ...(u.cacheReadInputTokens !== undefined ? { cacheReadInputTokens: u.cacheReadInputTokens } : {}),
    ...(u.cacheWriteInputTokens !== undefined ? { cacheWriteInputTokens: u.cacheWriteInputTokens } : {}),
  };
  const schema = input.outputConfig?.textFormat?.structure?.jsonSchema?.schema;
  if (result.outcome === 'completed' && schema) {
    let parsed: Record<string, unknown> | undefined;
    try {
      parsed = JSON.parse(schema) as Record<string, unknown>;
    } catch {
      parsed = undefined;
    }
    result.structuredOutput = checkJsonAnswer(result.text, parsed);
  }
  return result;
}
