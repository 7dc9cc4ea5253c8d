/**
 * The emulated model's Converse answer: the whole ConverseResponse, or the ConverseStream events in the order the
 * service sends them (messageStart, per block: contentBlockStart for non-text blocks, contentBlockDelta*,
 * contentBlockStop; then messageStop and metadata).
 */
import type { Json } from '../families/family';
import { generate, tokenize, type Generation } from '../generation';
import { GUARDRAIL_BLOCKED } from '../guardrail';
import type { CacheUsage } from './cache';
import type { ConversePlan } from './request';
import { valueFor } from './schemaValue';

export interface Answer {
  gen: Generation;
  reasoning?: ConversePlan['reasoning'];
  toolCall?: { toolUseId: string; name: string; input: unknown };
  stopReason: string;
  usage: Json;
  /** Echoes and extras added to the response / metadata event. */
  extras: Json;
  additionalModelResponseFields?: Json;
}

export interface AnswerInput {
  plan: ConversePlan;
  body: Json;
  requestId: string;
  inputTokens: number;
  cache?: CacheUsage;
  fillerTokens: number;
  chunks?: number;
  intervened: boolean;
}

export function answer(a: AnswerInput): Answer {
  const { plan, body } = a;
  const structured =
    plan.jsonSchema !== undefined ? JSON.stringify(valueFor(plan.jsonSchema, plan.answer.text), null, 1) : undefined;
  const withTool = !!plan.toolCall && !a.intervened;
  // A forced tool call has no text; an automatic one says what it does first.
  const forced = !!(
    (plan.toolConfig?.toolChoice as Json | undefined)?.any || (plan.toolConfig?.toolChoice as Json | undefined)?.tool
  );
  const gen = generate({
    userText: withTool ? `Calling ${plan.toolCall!.name}.` : (structured ?? plan.answer.text),
    promptText: '',
    fillerTokens: withTool || structured !== undefined || !plan.answer.filler ? 0 : a.fillerTokens,
    chunks: a.chunks,
    override: a.intervened ? GUARDRAIL_BLOCKED : undefined,
  });
  const noText = withTool && forced;
  const reasoningTokens = plan.reasoning && !a.intervened ? tokenize(plan.reasoning.text).length : 0;
  const toolCall = withTool
    ? {
        toolUseId: `tooluse_${a.requestId.replace(/-/g, '').slice(0, 22)}`,
        name: plan.toolCall!.name,
        input: valueFor(plan.toolCall!.input, 'emulator'),
      }
    : undefined;
  const toolTokens = toolCall ? Math.ceil(JSON.stringify(toolCall.input).length / 4) : 0;
  const outputTokens = (noText ? 0 : gen.outputTokens) + reasoningTokens + toolTokens;
  const usage: Json = { inputTokens: a.inputTokens, outputTokens, totalTokens: a.inputTokens + outputTokens };
  if (a.cache) {
    usage.cacheReadInputTokens = a.cache.cacheReadInputTokens;
    usage.cacheWriteInputTokens = a.cache.cacheWriteInputTokens;
    if (a.cache.cacheDetails.length) usage.cacheDetails = a.cache.cacheDetails;
  }
  const extras: Json = {};
  if (body.performanceConfig) extras.performanceConfig = body.performanceConfig;
  if (body.serviceTier) extras.serviceTier = body.serviceTier;
  const guardrail = body.guardrailConfig as Json | undefined;
  if (guardrail && (guardrail.trace === 'enabled' || guardrail.trace === 'enabled_full')) {
    extras.trace = {
      guardrail: {
        ...(a.intervened ? { modelOutput: [GUARDRAIL_BLOCKED], actionReason: 'Guardrail blocked.' } : {}),
        inputAssessment: {
          [guardrail.guardrailIdentifier as string]: a.intervened
            ? { topicPolicy: { topics: [{ name: 'emulator-trigger', type: 'DENY', action: 'BLOCKED' }] } }
            : {},
        },
      },
    };
  }
  const paths = (body.additionalModelResponseFieldPaths as string[] | undefined) ?? [];
  const additionalModelResponseFields =
    paths.includes('/stop_sequence') && plan.model.family === 'anthropic' ? { stop_sequence: null } : undefined;
  return {
    gen: noText ? { ...gen, pieceCount: 0, piece: () => '', text: () => '' } : gen,
    reasoning: a.intervened ? undefined : plan.reasoning,
    toolCall,
    stopReason: a.intervened ? 'guardrail_intervened' : toolCall ? 'tool_use' : 'end_turn',
    usage,
    extras,
    additionalModelResponseFields,
  };
}

export function converseResponse(ans: Answer, latencyMs: number): Json {
  const content: Json[] = [];
  if (ans.reasoning)
    content.push({
      reasoningContent: {
        reasoningText: {
          text: ans.reasoning.text,
          ...(ans.reasoning.signature ? { signature: ans.reasoning.signature } : {}),
        },
      },
    });
  if (ans.gen.pieceCount > 0) content.push({ text: ans.gen.text() });
  if (ans.toolCall) content.push({ toolUse: ans.toolCall });
  return {
    output: { message: { role: 'assistant', content } },
    stopReason: ans.stopReason,
    usage: ans.usage,
    metrics: { latencyMs },
    ...(ans.additionalModelResponseFields ? { additionalModelResponseFields: ans.additionalModelResponseFields } : {}),
    ...ans.extras,
  };
}

export interface StreamEvent {
  type: string;
  payload: Json;
}

/** ConverseStream events; `metadata` takes the latency when it is sent. */
export function* converseEvents(ans: Answer, latencyMs: () => number): Iterable<StreamEvent> {
  yield { type: 'messageStart', payload: { role: 'assistant' } };
  let index = 0;
  if (ans.reasoning) {
    for (const piece of tokenize(ans.reasoning.text))
      yield {
        type: 'contentBlockDelta',
        payload: { contentBlockIndex: index, delta: { reasoningContent: { text: piece } } },
      };
    if (ans.reasoning.signature)
      yield {
        type: 'contentBlockDelta',
        payload: { contentBlockIndex: index, delta: { reasoningContent: { signature: ans.reasoning.signature } } },
      };
    yield { type: 'contentBlockStop', payload: { contentBlockIndex: index++ } };
  }
  if (ans.gen.pieceCount > 0) {
    for (let i = 0; i < ans.gen.pieceCount; i++)
      yield { type: 'contentBlockDelta', payload: { contentBlockIndex: index, delta: { text: ans.gen.piece(i) } } };
    yield { type: 'contentBlockStop', payload: { contentBlockIndex: index++ } };
  }
  if (ans.toolCall) {
    const { toolUseId, name, input } = ans.toolCall;
    yield { type: 'contentBlockStart', payload: { contentBlockIndex: index, start: { toolUse: { toolUseId, name } } } };
    const json = JSON.stringify(input);
    const cut = Math.ceil(json.length / 2);
    for (const part of [json.slice(0, cut), json.slice(cut)])
      if (part)
        yield { type: 'contentBlockDelta', payload: { contentBlockIndex: index, delta: { toolUse: { input: part } } } };
    yield { type: 'contentBlockStop', payload: { contentBlockIndex: index++ } };
  }
  yield {
    type: 'messageStop',
    payload: {
      stopReason: ans.stopReason,
      ...(ans.additionalModelResponseFields
        ? { additionalModelResponseFields: ans.additionalModelResponseFields }
        : {}),
    },
  };
  yield { type: 'metadata', payload: { usage: ans.usage, metrics: { latencyMs: latencyMs() }, ...ans.extras } };
}
