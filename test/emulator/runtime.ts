/** InvokeModel and InvokeModelWithResponseStream: model resolution, faults, validation, answer. */
import { setTimeout as sleep } from 'node:timers/promises';
import { resolveInvokeModelId, type Resolved } from './catalog';
import { BedrockError, validation } from './errors';
import type { Exchange } from './exchange';
import { FAMILIES } from './families';
import type { CallContext, Json } from './families/family';
import type { Fault } from './faults';
import { generate } from './generation';
import { GUARDRAIL_BLOCKED, guardrailFields, guardrailTriggered, withoutGuardrailConfig } from './guardrail';
import { echoHeaders, readRuntimeHeaders } from './runtimeHeaders';
import { pauseFirstByte, scriptedReply, type EmulatorState } from './state';
import { writeStream } from './streamResponse';

export async function handleRuntime(
  ex: Exchange,
  state: EmulatorState,
  rawModelSegment: string,
  stream: boolean,
): Promise<void> {
  const operation = stream ? 'InvokeModelWithResponseStream' : 'InvokeModel';
  let modelId: string;
  try {
    modelId = decodeURIComponent(rawModelSegment);
  } catch {
    modelId = rawModelSegment;
  }
  ex.record.modelId = modelId;

  let resolved: Resolved | undefined;
  let resolveError: unknown;
  try {
    resolved = resolveInvokeModelId(modelId);
    ex.record.resolvedModelId = resolved.model.modelId;
  } catch (e) {
    resolveError = e;
  }

  const { fault, answered } = await takeRuntimeFault(ex, state, operation, modelId, resolved, stream);
  if (answered) return;
  if (resolveError || !resolved) throw resolveError;
  const model = resolved.model;

  const body = ex.body.length ? parseJson(ex.body) : undefined;
  const headers = readRuntimeHeaders(ex, stream, body);
  const family = FAMILIES[model.family];
  if (stream && !model.responseStreamingSupported) throw validation('The model is unsupported for streaming');
  if (body === undefined) throw validation('Malformed input request, please reformat your input and try again.');
  const modelBody = withoutGuardrailConfig(body);
  const ctx: CallContext = {
    model,
    requestId: ex.requestId,
    created: Math.floor(ex.startedAt / 1000),
    intervened: false,
    body: modelBody as Json,
  };

  if (family.kind === 'oneshot') {
    ctx.intervened = guardrailTriggered(state, headers, family.promptOf(modelBody));
    const result = family.invoke(modelBody, ctx);
    await pauseFirstByte(state);
    const out: Record<string, string> = {
      ...echoHeaders(headers),
      'x-amzn-bedrock-invocation-latency': String(Date.now() - ex.startedAt),
      'x-amzn-bedrock-input-token-count': String(result.inputTokens),
    };
    if (result.outputTokens !== undefined) out['x-amzn-bedrock-output-token-count'] = String(result.outputTokens);
    ex.sendJson(200, { ...result.body, ...guardrailFields(headers, ctx) }, out);
    return;
  }

  const prompt = family.parse(modelBody, model, stream);
  ctx.intervened = guardrailTriggered(state, headers, prompt.promptText);
  const gen = generate({
    userText: prompt.userText,
    promptText: prompt.promptText,
    prefix: prompt.prefix,
    extraOutputTokens: prompt.extraOutputTokens,
    fillerTokens: state.config.fillerTokens,
    chunks: stream ? state.config.pacing.chunks : undefined,
    override: ctx.intervened ? GUARDRAIL_BLOCKED : scriptedReply(state.config, prompt.userText),
  });
  if (!stream) {
    await pauseFirstByte(state);
    ex.sendJson(
      200,
      { ...family.response(gen, ctx), ...guardrailFields(headers, ctx) },
      {
        ...echoHeaders(headers),
        'x-amzn-bedrock-invocation-latency': String(Date.now() - ex.startedAt),
        'x-amzn-bedrock-input-token-count': String(gen.inputTokens),
        'x-amzn-bedrock-output-token-count': String(gen.outputTokens),
      },
    );
    return;
  }
  await writeStream(ex, state, family, gen, ctx, headers, fault);
}

/** Takes this attempt's fault and fires it if it answers before any response (HTTP errors; a reset or stall of a
 * non-stream operation). `answered`: the fault has answered the request. */
export async function takeRuntimeFault(
  ex: Exchange,
  state: EmulatorState,
  operation: string,
  modelId: string,
  resolved: Resolved | undefined,
  stream: boolean,
): Promise<{ fault: Fault | undefined; answered: boolean }> {
  const fault = state.faults.take({ operation, modelIds: resolved ? [modelId, resolved.model.modelId] : [modelId] });
  if (!fault) return { fault, answered: false };
  ex.record.fault = fault.spec.fault;
  const preResponse =
    fault.kind.kind === 'http' || (!stream && (fault.kind.name === 'reset' || fault.kind.name === 'stall'));
  return { fault, answered: preResponse && (await firePreResponseFault(ex, fault, resolved, modelId)) };
}

/** Returns true when the fault answered the request. */
export async function firePreResponseFault(
  ex: Exchange,
  fault: Fault,
  resolved: Resolved | undefined,
  modelId: string,
): Promise<boolean> {
  const { spec, kind } = fault;
  if (kind.name === 'stall') {
    await sleep(spec.delayMs ?? 30_000);
    return false;
  }
  if (spec.delayMs) await sleep(spec.delayMs);
  if (kind.name === 'reset') {
    ex.reset();
    return true;
  }
  const extra: Json = {};
  if (kind.name === 'ModelErrorException') {
    extra.originalStatusCode = spec.originalStatusCode ?? 500;
    extra.resourceName =
      spec.resourceName ??
      (resolved ? `arn:aws:bedrock:us-east-1::foundation-model/${resolved.model.modelId}` : modelId);
  }
  if (kind.name === 'ModelStreamErrorException') {
    extra.originalStatusCode = spec.originalStatusCode ?? 500;
    extra.originalMessage = spec.originalMessage ?? 'The model stream was interrupted.';
  }
  ex.sendError(BedrockError.of(kind.name, spec.message, extra));
  return true;
}

function parseJson(raw: Buffer): unknown {
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    throw validation('Malformed input request, please reformat your input and try again.');
  }
}
