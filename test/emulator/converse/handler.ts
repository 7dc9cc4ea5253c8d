/** Converse, ConverseStream (`/model/{modelId}/converse[-stream]`) and CountTokens (`/model/{modelId}/count-tokens`). */
import type { ServerResponse } from 'node:http';
import { findModel, resolveInvokeModelId, type CatalogModel, type Resolved } from '../catalog';
import { BedrockError, validation } from '../errors';
import { eventFrame } from '../eventStream';
import type { Exchange } from '../exchange';
import { FAMILIES } from '../families';
import type { Json } from '../families/family';
import type { Fault } from '../faults';
import { estimateTokens } from '../generation';
import { firePreResponseFault, takeRuntimeFault } from '../runtime';
import { violationError, violations } from '../serviceModel';
import { pauseFirstByte, type EmulatorState } from '../state';
import { fireMidStreamFault } from '../streamResponse';
import { StreamWriter } from '../streamWriter';
import { answer, converseEvents, converseResponse } from './answer';
import { capabilitiesOf, isConversational } from './capabilities';
import { isPromptArn, resolvePrompt } from './prompts';
import { checkShape, MALFORMED, MESSAGES, planConverse } from './request';
import { countInputTokens, inputPieces } from './tokens';

const decode = (s: string) => {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
};

function parseJson(raw: Buffer): unknown {
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    throw validation(MALFORMED);
  }
}

const CONVERSE_ID = 'ConversationalModelId';

export async function handleConverse(
  ex: Exchange,
  state: EmulatorState,
  rawModelSegment: string,
  stream: boolean,
): Promise<void> {
  const operation = stream ? 'ConverseStream' : 'Converse';
  const modelId = decode(rawModelSegment);
  ex.record.modelId = modelId;
  const prompt = isPromptArn(modelId);
  let resolved: Resolved | undefined;
  let resolveError: unknown;
  try {
    if (violations(modelId, CONVERSE_ID).length) throw validation('The provided model identifier is invalid.');
    if (!prompt) {
      resolved = resolveInvokeModelId(modelId);
      ex.record.resolvedModelId = resolved.model.modelId;
    }
  } catch (e) {
    resolveError = e;
  }
  const { fault, answered } = await takeRuntimeFault(ex, state, operation, modelId, resolved, stream);
  if (answered) return;
  if (resolveError) throw resolveError;

  const body = checkShape(
    ex.body.length ? parseJson(ex.body) : {},
    stream ? 'ConverseStreamRequest' : 'ConverseRequest',
  );
  const filled = prompt ? resolvePrompt(modelId, body) : undefined;
  if (!prompt && body.promptVariables !== undefined) {
    throw validation(
      'The promptVariables field can only be used with a prompt from Prompt management as the modelId. Remove promptVariables and try again.',
    );
  }
  const model: CatalogModel = filled ? filled.prompt.model : resolved!.model;
  if (filled) ex.record.resolvedModelId = model.modelId;
  if (!isConversational(model)) throw validation(MESSAGES.notConversational);
  if (stream && !model.responseStreamingSupported) throw validation('The model is unsupported for streaming');
  const guardrail = body.guardrailConfig as Json | undefined;
  if (guardrail?.guardrailIdentifier && !guardrail.guardrailVersion)
    throw validation('Guardrail version is required when a guardrail identifier is specified.');
  if (guardrail?.guardrailVersion && !guardrail.guardrailIdentifier)
    throw validation('Guardrail identifier is required when a guardrail version is specified.');

  const plan = planConverse(body, model, stream, filled);
  const pieces = inputPieces(plan);
  const inputTokens = countInputTokens(pieces);
  const cache =
    pieces.some((p) => p.cachePoint) && plan.caps.cacheMinTokens !== undefined
      ? state.cache.account(model.modelId, pieces, plan.caps.cacheMinTokens)
      : undefined;
  const trigger = state.config.guardrailTriggerWord;
  const intervened = !!guardrail?.guardrailIdentifier && !!trigger && pieces.some((p) => p.key.includes(trigger));
  const ans = answer({
    plan,
    body,
    requestId: ex.requestId,
    inputTokens,
    cache,
    fillerTokens: state.config.fillerTokens,
    chunks: stream ? state.config.pacing.chunks : undefined,
    intervened,
  });
  await pauseFirstByte(state);
  if (!stream) {
    ex.sendJson(200, converseResponse(ans, Date.now() - ex.startedAt));
    return;
  }
  await writeConverseStream(
    ex,
    state,
    converseEvents(ans, () => Date.now() - ex.startedAt),
    fault,
  );
}

async function writeConverseStream(
  ex: Exchange,
  state: EmulatorState,
  events: Iterable<{ type: string; payload: Json }>,
  fault: Fault | undefined,
): Promise<void> {
  if (ex.closed) return;
  ex.writeHead(200, { 'content-type': 'application/vnd.amazon.eventstream' });
  if (!ex.http2) (ex.res as ServerResponse).flushHeaders();
  const pacing = state.config.pacing;
  const writer = new StreamWriter(ex, pacing.chunksPerSecond === 0 && !fault);
  const interval = pacing.chunksPerSecond > 0 ? 1000 / pacing.chunksPerSecond : 0;
  const midFault = fault && fault.kind.kind !== 'http' ? fault : undefined;
  const fireAt = midFault ? (midFault.spec.afterChunks ?? 0) : -1;
  const t0 = Date.now();
  let sent = 0;
  for (const event of events) {
    const frame = eventFrame(event.type, event.payload);
    if (sent === fireAt && midFault && (await fireMidStreamFault(ex, writer, midFault, frame))) return;
    if (interval > 0) {
      const wait = t0 + sent * interval - Date.now();
      if (wait > 0) await writer.pause(wait);
    }
    if (!(await writer.push(frame))) return;
    ex.record.chunksSent = ++sent;
  }
  if (
    midFault &&
    sent <= fireAt &&
    (await fireMidStreamFault(ex, writer, midFault, eventFrame('messageStop', { stopReason: 'end_turn' })))
  )
    return;
  await writer.flush();
  ex.finish();
}

export const COUNT_TOKENS_UNSUPPORTED = "The provided model doesn't support counting tokens.";

export async function handleCountTokens(ex: Exchange, state: EmulatorState, rawModelSegment: string): Promise<void> {
  const modelId = decode(rawModelSegment);
  ex.record.modelId = modelId;
  const fault = state.faults.take({ operation: 'CountTokens', modelIds: [modelId] });
  if (fault) {
    ex.record.fault = fault.spec.fault;
    if (await firePreResponseFault(ex, fault, undefined, modelId)) return;
  }
  const parsed = ex.body.length ? parseJson(ex.body) : {};
  const found = violations(modelId, 'FoundationModelVersionIdentifier').map((v) => v.replace("at ''", "at 'modelId'"));
  if (found.length) throw violationError(found);
  const body = checkShape(parsed, 'CountTokensRequest');
  // CountTokens takes bare foundation-model IDs only; inference profiles and ARNs are refused.
  const model = findModel(modelId);
  if (!model) {
    if (/^(us|eu|apac|global|us-gov)\./.test(modelId) || modelId.startsWith('arn:'))
      throw validation(COUNT_TOKENS_UNSUPPORTED);
    throw BedrockError.of('ResourceNotFoundException', 'Model not found.');
  }
  ex.record.resolvedModelId = model.modelId;
  if (!model.granted) throw BedrockError.of('AccessDeniedException');
  if (!capabilitiesOf(model).countTokens) throw validation(COUNT_TOKENS_UNSUPPORTED);
  const input = body.input as Json;
  let inputTokens: number;
  if (input.invokeModel) {
    const raw = Buffer.from((input.invokeModel as Json).body as string, 'base64');
    const family = FAMILIES[model.family];
    if (family.kind !== 'text') throw validation(COUNT_TOKENS_UNSUPPORTED);
    inputTokens = estimateTokens(family.parse(parseJson(raw), model, false).promptText);
  } else {
    const plan = planConverse(input.converse as Json, model, false);
    inputTokens = countInputTokens(inputPieces(plan));
  }
  ex.sendJson(200, { inputTokens });
}
