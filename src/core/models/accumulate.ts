// Folds a stream's deltas into the same shape as a whole response, so a streamed and a non-streamed call can be
// shown, saved and compared alike.
import type { InvocationMetrics, ParsedResponse, StreamDelta, Usage } from './types';

export class StreamAccumulator {
  text = '';
  reasoning = '';
  stopReason?: string;
  /** Token counts as the model reported them; a later count replaces an earlier one (they are running totals). */
  usage: Usage = {};
  metrics?: InvocationMetrics;
  error?: { type: string; message: string };

  add(delta: StreamDelta): StreamDelta {
    if (delta.text) this.text += delta.text;
    if (delta.reasoning) this.reasoning += delta.reasoning;
    if (delta.stopReason) this.stopReason = delta.stopReason;
    if (delta.usage) this.usage = { ...this.usage, ...delta.usage };
    if (delta.metrics) this.metrics = { ...this.metrics, ...delta.metrics };
    if (delta.error) this.error = delta.error;
    return delta;
  }

  /** The stream as one response. Usage falls back to the service's metrics for models that report no counts. */
  result(): ParsedResponse {
    const usage: Usage = {
      inputTokens: this.usage.inputTokens ?? this.metrics?.inputTokenCount,
      outputTokens: this.usage.outputTokens ?? this.metrics?.outputTokenCount,
    };
    const response: ParsedResponse = { text: this.text };
    if (this.reasoning) response.reasoning = this.reasoning;
    if (this.stopReason) response.stopReason = this.stopReason;
    if (usage.inputTokens !== undefined || usage.outputTokens !== undefined) {
      response.usage = {};
      if (usage.inputTokens !== undefined) response.usage.inputTokens = usage.inputTokens;
      if (usage.outputTokens !== undefined) response.usage.outputTokens = usage.outputTokens;
    }
    return response;
  }
}
