/** InvokeModel and InvokeModelWithResponseStream: model resolution, faults, validation, answer. */
import type { ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { resolveInvokeModelId, type Resolved } from './catalog';
import { BedrockError, validation } from './errors';
import { chunkFrame, exceptionFrame } from './eventStream';
import type { Exchange } from './exchange';
import { FAMILIES } from './families';
import type { CallContext, Json, TextFamily } from './families/family';
import { STREAM_EXCEPTION_MESSAGES, type FaultKind } from './faults';
import { generate, type Generation } from './generation';
import { echoHeaders, readRuntimeHeaders, type RuntimeHeaders } from './runtimeHeaders';
import type { EmulatorState } from './state';
import { StreamWriter } from './streamWriter';
import type { FaultSpec } from './types';

const GUARDRAIL_BLOCKED = 'Sorry, the model cannot answer this question.';
const METRICS_KEY = 'amazon-bedrock-invocationMetrics';

type Fault = { spec: FaultSpec; kind: FaultKind };

export async function handleRuntime(ex: Exchange, state: EmulatorState, rawModelSegment: string, stream: boolean): Promise<void> {
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

  const fault = state.faults.take({ operation, modelIds: resolved ? [modelId, resolved.model.modelId] : [modelId] });
  if (fault) ex.record.fault = fault.spec.fault;
  const preResponse = fault && (fault.kind.kind === 'http' || (fault.kind.name === 'reset' && !stream) || (fault.kind.name === 'stall' && !stream));
  if (fault && preResponse) {
    if (await firePreResponseFault(ex, fault, resolved, modelId)) return;
  }
  if (resolveError || !resolved) throw resolveError;
  const model = resolved.model;

  const body = ex.body.length ? parseJson(ex.body) : undefined;
  const headers = readRuntimeHeaders(ex, stream, body);
  const family = FAMILIES[model.family];
  if (!family) throw BedrockError.of('InternalServerException', `The emulator does not implement the ${model.family} family yet.`);
  if (stream && !model.responseStreamingSupported) throw validation('The model is unsupported for streaming');
  if (body === undefined) throw validation('Malformed input request, please reformat your input and try again.');
  const modelBody = withoutGuardrailConfig(body);
  const ctx: CallContext = { model, requestId: ex.requestId, created: Math.floor(ex.startedAt / 1000), intervened: false, body: modelBody as Json };

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
    fillerTokens: state.config.fillerTokens,
    chunks: stream ? state.config.pacing.chunks : undefined,
    override: ctx.intervened ? GUARDRAIL_BLOCKED : undefined,
  });
  if (!stream) {
    await pauseFirstByte(state);
    ex.sendJson(200, { ...family.response(gen, ctx), ...guardrailFields(headers, ctx) }, {
      ...echoHeaders(headers),
      'x-amzn-bedrock-invocation-latency': String(Date.now() - ex.startedAt),
      'x-amzn-bedrock-input-token-count': String(gen.inputTokens),
      'x-amzn-bedrock-output-token-count': String(gen.outputTokens),
    });
    return;
  }
  await writeStream(ex, state, family, gen, ctx, headers, fault);
}

async function pauseFirstByte(state: EmulatorState): Promise<void> {
  const ms = state.config.pacing.firstByteDelayMs;
  if (ms > 0) await sleep(ms);
}

/** Returns true when the fault answered the request. */
export async function firePreResponseFault(ex: Exchange, fault: Fault, resolved: Resolved | undefined, modelId: string): Promise<boolean> {
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
    extra.resourceName = spec.resourceName ?? (resolved ? `arn:aws:bedrock:us-east-1::foundation-model/${resolved.model.modelId}` : modelId);
  }
  if (kind.name === 'ModelStreamErrorException') {
    extra.originalStatusCode = spec.originalStatusCode ?? 500;
    extra.originalMessage = spec.originalMessage ?? 'The model stream was interrupted.';
  }
  ex.sendError(BedrockError.of(kind.name, spec.message, extra));
  return true;
}

async function writeStream(
  ex: Exchange, state: EmulatorState, family: TextFamily, gen: Generation, ctx: CallContext, headers: RuntimeHeaders, fault: Fault | undefined,
): Promise<void> {
  const pacing = state.config.pacing;
  await pauseFirstByte(state);
  if (ex.closed) return;
  ex.writeHead(200, {
    'content-type': 'application/vnd.amazon.eventstream',
    'x-amzn-bedrock-content-type': 'application/json',
    ...echoHeaders(headers),
  });
  // HTTP/1.1 would hold the headers until the first frame; the SDK's send() resolves on headers, as with Bedrock.
  if (!ex.http2) (ex.res as ServerResponse).flushHeaders();
  const firstByteLatency = Date.now() - ex.startedAt;
  const writer = new StreamWriter(ex, pacing.chunksPerSecond === 0 && !fault);
  const interval = pacing.chunksPerSecond > 0 ? 1000 / pacing.chunksPerSecond : 0;
  const t0 = Date.now();
  const midFault = fault && fault.kind.kind !== 'http' ? fault : undefined;
  const fireAt = midFault ? (midFault.spec.afterChunks ?? 0) : -1;
  let sent = 0;

  const iterator = family.streamEvents(gen, ctx)[Symbol.iterator]();
  let next = iterator.next();
  while (!next.done) {
    const event = next.value;
    next = iterator.next();
    if (sent === fireAt && midFault) {
      if (await fireMidStreamFault(ex, writer, midFault, event, sent)) return;
    }
    const isLast = next.done === true;
    const payload = isLast
      ? {
          ...event,
          ...guardrailFields(headers, ctx),
          [METRICS_KEY]: {
            inputTokenCount: gen.inputTokens,
            outputTokenCount: gen.outputTokens,
            invocationLatency: Date.now() - ex.startedAt,
            firstByteLatency,
          },
        }
      : event;
    if (interval > 0) {
      const wait = t0 + sent * interval - Date.now();
      if (wait > 0) await writer.pause(wait);
    }
    if (!(await writer.push(chunkFrame(payload, sent)))) return;
    ex.record.chunksSent = ++sent;
  }
  if (midFault && sent <= fireAt) {
    if (await fireMidStreamFault(ex, writer, midFault, undefined, sent)) return;
  }
  await writer.flush();
  ex.finish();
}

/** Returns true when the stream is over. */
async function fireMidStreamFault(ex: Exchange, writer: StreamWriter, fault: Fault, nextEvent: Json | undefined, seq: number): Promise<boolean> {
  const { spec, kind } = fault;
  const upcoming = chunkFrame(nextEvent ?? { type: 'emulator_padding' }, seq);
  if (kind.name === 'stall') {
    await writer.pause(spec.delayMs ?? 30_000);
    return false;
  }
  if (spec.delayMs) await writer.pause(spec.delayMs);
  switch (kind.name) {
    case 'reset':
      await writer.flush();
      ex.reset();
      return true;
    case 'truncate':
      await writer.raw(upcoming.subarray(0, Math.floor(upcoming.length / 2)));
      break;
    case 'badCrc': {
      const corrupt = Buffer.from(upcoming);
      corrupt[corrupt.length - 1] ^= 0xff;
      await writer.raw(corrupt);
      break;
    }
    default: {
      const body: Json = { message: spec.message ?? STREAM_EXCEPTION_MESSAGES[kind.name] ?? kind.name };
      if (kind.name === 'modelStreamErrorException') {
        body.originalStatusCode = spec.originalStatusCode ?? 500;
        body.originalMessage = spec.originalMessage ?? 'The model stream was interrupted.';
      }
      ex.record.errorType = kind.name;
      ex.record.errorMessage = body.message as string;
      await writer.raw(exceptionFrame(kind.name, body));
    }
  }
  await writer.flush();
  ex.finish();
  return true;
}

function parseJson(raw: Buffer): unknown {
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    throw validation('Malformed input request, please reformat your input and try again.');
  }
}

function withoutGuardrailConfig(body: unknown): unknown {
  if (!body || typeof body !== 'object' || Array.isArray(body) || !('amazon-bedrock-guardrailConfig' in body)) return body;
  const copy = { ...(body as Json) };
  delete copy['amazon-bedrock-guardrailConfig'];
  return copy;
}

function guardrailTriggered(state: EmulatorState, headers: RuntimeHeaders, promptText: string): boolean {
  return !!headers.guardrailIdentifier && !!state.config.guardrailTriggerWord && promptText.includes(state.config.guardrailTriggerWord);
}

function guardrailFields(headers: RuntimeHeaders, ctx: CallContext): Json {
  if (!headers.guardrailIdentifier) return {};
  const out: Json = { 'amazon-bedrock-guardrailAction': ctx.intervened ? 'INTERVENED' : 'NONE' };
  if (headers.trace === 'ENABLED' || headers.trace === 'ENABLED_FULL') {
    out['amazon-bedrock-trace'] = {
      guardrail: { input: { [headers.guardrailIdentifier]: ctx.intervened ? { topicPolicy: { topics: [{ name: 'emulator-trigger', type: 'DENY', action: 'BLOCKED' }] } } : {} } },
    };
  }
  return out;
}
