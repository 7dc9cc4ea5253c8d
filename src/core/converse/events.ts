// ConverseStream's events (the SDK's union objects) to ConverseEvents: tool input pieces are collected per block and
// parsed when the block stops. The iterator runs once per chunk on 100,000-chunk streams, so it is a plain iterator
// (no async generator) and allocates one small object per event.
import type { ConverseResponse, ConverseStreamOutput } from '@aws-sdk/client-bedrock-runtime';
import type { ConverseEvent, ConverseUsage, ToolUse } from './types';

function toolUseOf(toolUseId: string, name: string, text: string): ToolUse {
  if (text.trim() === '') return { toolUseId, name, input: {} };
  try {
    return { toolUseId, name, input: JSON.parse(text) as unknown };
  } catch (error) {
    return { toolUseId, name, input: text, inputError: `The tool input is not JSON: ${(error as Error).message}` };
  }
}

/** The usage, latency, tier and trace of a stream's metadata event or a whole response (the same members). */
function metadataEvent(
  m: Pick<ConverseResponse, 'usage' | 'metrics' | 'serviceTier' | 'performanceConfig' | 'trace'>,
): ConverseEvent {
  return {
    type: 'metadata',
    usage: (m.usage ?? {}) as ConverseUsage,
    latencyMs: m.metrics?.latencyMs,
    serviceTier: m.serviceTier?.type,
    performanceLatency: m.performanceConfig?.latency,
    trace: m.trace,
  };
}

/** Folds SDK stream events into ConverseEvents; one instance per stream. Returns undefined for events with nothing to show. */
export class ConverseStreamReader {
  private readonly tools = new Map<number, { toolUseId: string; name: string; input: string }>();

  read(event: ConverseStreamOutput): ConverseEvent | undefined {
    const delta = event.contentBlockDelta;
    if (delta) {
      const index = delta.contentBlockIndex ?? 0;
      const d = delta.delta;
      if (!d) return undefined;
      if (d.text !== undefined) return { type: 'text', index, text: d.text };
      const reasoning = d.reasoningContent;
      if (reasoning) {
        if (reasoning.text !== undefined) return { type: 'reasoning', index, text: reasoning.text };
        if (reasoning.signature !== undefined)
          return { type: 'reasoningSignature', index, signature: reasoning.signature };
        return undefined;
      }
      if (d.toolUse) {
        const tool = this.tools.get(index);
        const input = d.toolUse.input ?? '';
        if (tool) tool.input += input;
        return { type: 'toolInput', index, input };
      }
      return undefined;
    }
    const start = event.contentBlockStart;
    if (start?.start?.toolUse) {
      const index = start.contentBlockIndex ?? 0;
      const { toolUseId = '', name = '' } = start.start.toolUse;
      this.tools.set(index, { toolUseId, name, input: '' });
      return { type: 'toolUseStart', index, toolUseId, name };
    }
    const stop = event.contentBlockStop;
    if (stop) {
      const index = stop.contentBlockIndex ?? 0;
      const tool = this.tools.get(index);
      if (!tool) return undefined;
      this.tools.delete(index);
      return { type: 'toolUse', index, toolUse: toolUseOf(tool.toolUseId, tool.name, tool.input) };
    }
    if (event.messageStop) {
      return {
        type: 'stop',
        stopReason: event.messageStop.stopReason ?? 'unknown',
        additionalModelResponseFields: event.messageStop.additionalModelResponseFields,
      };
    }
    if (event.metadata) return metadataEvent(event.metadata);
    return undefined;
  }
}

/** A whole Converse response as the events a stream of it would have produced. */
export function responseEvents(response: ConverseResponse): ConverseEvent[] {
  const events: ConverseEvent[] = [];
  (response.output?.message?.content ?? []).forEach((block, index) => {
    if (block.text !== undefined) events.push({ type: 'text', index, text: block.text });
    const reasoning = block.reasoningContent;
    if (reasoning?.reasoningText) {
      events.push({ type: 'reasoning', index, text: reasoning.reasoningText.text ?? '' });
      if (reasoning.reasoningText.signature)
        events.push({ type: 'reasoningSignature', index, signature: reasoning.reasoningText.signature });
    }
    if (block.toolUse) {
      const { toolUseId = '', name = '', input } = block.toolUse;
      events.push({ type: 'toolUseStart', index, toolUseId, name });
      events.push({ type: 'toolUse', index, toolUse: { toolUseId, name, input } });
    }
  });
  events.push({
    type: 'stop',
    stopReason: response.stopReason ?? 'unknown',
    additionalModelResponseFields: response.additionalModelResponseFields,
  });
  events.push(metadataEvent(response));
  return events;
}
