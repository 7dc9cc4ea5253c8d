// Test helper: folds a stream's deltas into the shape of a whole response, so tests can check that a streamed and a
// non-streamed answer read alike. (The product folds them in core/invoke/textInvocation.ts, with its answer limit.)
import type { ParsedResponse, StreamDelta, Usage } from '../../../src/core/models/types';

export class StreamAccumulator {
  text = '';
  reasoning = '';
  stopReason?: string;
  /** Token counts as the model reported them; a later count replaces an earlier one (they are running totals). */
  usage: Usage = {};
  error?: { type: string; message: string };

  add(delta: StreamDelta): StreamDelta {
    if (delta.text) this.text += delta.text;
    if (delta.reasoning) this.reasoning += delta.reasoning;
    if (delta.stopReason) this.stopReason = delta.stopReason;
    if (delta.usage) this.usage = { ...this.usage, ...delta.usage };
    if (delta.error) this.error = delta.error;
    return delta;
  }

  result(): ParsedResponse {
    const response: ParsedResponse = { text: this.text };
    if (this.reasoning) response.reasoning = this.reasoning;
    if (this.stopReason) response.stopReason = this.stopReason;
    if (this.usage.inputTokens !== undefined || this.usage.outputTokens !== undefined) {
      response.usage = {};
      if (this.usage.inputTokens !== undefined) response.usage.inputTokens = this.usage.inputTokens;
      if (this.usage.outputTokens !== undefined) response.usage.outputTokens = this.usage.outputTokens;
    }
    return response;
  }
}
