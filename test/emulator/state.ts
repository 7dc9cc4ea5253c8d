/** Mutable state shared by the routes of one emulator instance. */
import { setTimeout as sleep } from 'node:timers/promises';
import { Authenticator } from './auth';
import { PromptCache } from './converse/cache';
import { FaultQueue } from './faults';
import { Recorder } from './recorder';
import type { ConfigUpdate, EmulatorConfig } from './types';

export const DEFAULT_FILLER_TOKENS = 8;
export const DEFAULT_GUARDRAIL_TRIGGER = 'GUARDRAIL_TRIGGER';

export interface EmulatorState {
  config: EmulatorConfig;
  faults: FaultQueue;
  recorder: Recorder;
  auth: Authenticator;
  /** Converse prompt-cache checkpoints (cleared by reset). */
  cache: PromptCache;
  log: (line: string) => void;
}

export function defaultConfig(): EmulatorConfig {
  return {
    fillerTokens: DEFAULT_FILLER_TOKENS,
    pacing: { firstByteDelayMs: 0, chunksPerSecond: 0, chunks: undefined },
    guardrailTriggerWord: DEFAULT_GUARDRAIL_TRIGGER,
    replies: [],
  };
}

/** Applies a partial update, validating numbers so a bad /_emulator/config call fails loudly. */
export function applyConfig(config: EmulatorConfig, update: ConfigUpdate): void {
  const nonNegative = (name: string, v: unknown): number => {
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) throw new Error(`${name} must be a non-negative number`);
    return v;
  };
  if (update.fillerTokens !== undefined)
    config.fillerTokens = Math.floor(nonNegative('fillerTokens', update.fillerTokens));
  if (update.guardrailTriggerWord !== undefined) config.guardrailTriggerWord = String(update.guardrailTriggerWord);
  if (update.replies !== undefined) {
    const replies = update.replies;
    const valid =
      Array.isArray(replies) &&
      replies.every(
        (r) => typeof r?.whenPromptContains === 'string' && r.whenPromptContains !== '' && typeof r.text === 'string',
      );
    if (!valid)
      throw new Error('replies must be a list of { "whenPromptContains": "non-empty text", "text": "the answer" }');
    config.replies = replies.map((r) => ({ whenPromptContains: r.whenPromptContains, text: r.text }));
  }
  const p = update.pacing;
  if (p) {
    if (p.firstByteDelayMs !== undefined)
      config.pacing.firstByteDelayMs = nonNegative('pacing.firstByteDelayMs', p.firstByteDelayMs);
    if (p.chunksPerSecond !== undefined)
      config.pacing.chunksPerSecond = nonNegative('pacing.chunksPerSecond', p.chunksPerSecond);
    if (p.chunks !== undefined) {
      // null or 0 restores "one chunk per token".
      config.pacing.chunks = p.chunks ? Math.floor(nonNegative('pacing.chunks', p.chunks)) : undefined;
    }
  }
}

/** The configured delay before a response's first byte. */
export async function pauseFirstByte(state: EmulatorState): Promise<void> {
  const ms = state.config.pacing.firstByteDelayMs;
  if (ms > 0) await sleep(ms);
}

/** The scripted answer for a prompt, when one applies. */
export function scriptedReply(config: EmulatorConfig, userText: string): string | undefined {
  return config.replies.find((r) => userText.includes(r.whenPromptContains))?.text;
}
