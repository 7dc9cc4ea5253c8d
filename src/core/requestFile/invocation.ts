// A request of the file, its variables expanded, becomes the InvokeRequest sent to Bedrock: `body` as written, or
// `prompt` turned into the family's body by the same builder Invoke Model on Selection uses.
import type { InvokeRequest } from '../bedrock/types';
import { defined } from '../models/json';
import type { ModelFamily, ModelKind } from '../models/types';
import { RAW_FAMILY } from './rawFamily';
import type { OutputTarget, RequestFileProblem, RequestSpec } from './types';

export interface PreparedRequest {
  spec: RequestSpec;
  request: InvokeRequest;
  /** The family that reads the answer; RAW_FAMILY for a model of no known family. */
  family: ModelFamily;
  kind: ModelKind;
  /** Whether InvokeModelWithResponseStream is used: asked for, and the family streams. */
  stream: boolean;
  /** The request's own output choice, when it makes one. */
  output?: OutputTarget;
}

export interface PrepareOptions {
  /** The model to call: the request's `modelId`, else the one selected in the status bar. */
  modelId: string;
  /** The family serving it; undefined when the ID names no known family. */
  family?: ModelFamily;
  /** Stream when the request does not say (the bedrock.stream setting). */
  streamByDefault: boolean;
  /** Set to false by "Invoke without streaming": wins over the request and the setting. */
  streamOverride?: boolean;
  /** The file's node ranges (RequestFile.rangeOf), so that a problem underlines the field it is about. */
  rangeOf?: (path: (string | number)[]) => { offset: number; length: number } | undefined;
}

/** The model a request calls, or the problem of a request that names none while no model is selected either. */
export function modelIdOf(
  spec: RequestSpec,
  selectedModelId: string | undefined,
): { modelId: string } | { problem: RequestFileProblem } {
  const modelId = spec.modelId?.trim() || selectedModelId?.trim();
  if (modelId) return { modelId };
  return {
    problem: {
      kind: 'model',
      message:
        'This request has no "modelId" and no model is selected. Add "modelId": "..." to the request, or pick a model in the status bar (setting bedrock.modelId).',
      path: spec.path,
      range: spec.range,
      requestIndex: spec.index,
    },
  };
}

export function prepareRequest(
  spec: RequestSpec,
  options: PrepareOptions,
): { prepared: PreparedRequest } | { problem: RequestFileProblem } {
  const { modelId } = options;
  let family = options.family;
  if (!family) {
    if (spec.body === undefined) {
      const path = [...spec.path, spec.modelId !== undefined ? 'modelId' : 'prompt'];
      return {
        problem: {
          kind: 'model',
          message: `Bedrock Invoke does not know the request format of "${modelId}", so it cannot turn "prompt" into a body. Replace "prompt" with "body": { ... } holding the model's native request; its answer is then shown as raw JSON and any text found in it.`,
          path,
          range: options.rangeOf?.(path) ?? spec.range,
          requestIndex: spec.index,
        },
      };
    }
    family = RAW_FAMILY;
  }
  const body =
    spec.body ??
    family.buildBody(
      defined({
        prompt: spec.prompt ?? '',
        system: spec.system,
        maxTokens: spec.maxTokens,
        temperature: spec.temperature,
        topP: spec.topP,
      }),
    );
  const request: InvokeRequest = defined({
    modelId,
    body: JSON.stringify(body),
    contentType: spec.contentType ?? 'application/json',
    accept: spec.accept ?? 'application/json',
    trace: spec.trace,
    guardrailIdentifier: spec.guardrailIdentifier,
    guardrailVersion: spec.guardrailVersion,
    performanceConfigLatency: spec.performanceConfigLatency,
    serviceTier: spec.serviceTier,
  });
  const wanted = options.streamOverride ?? spec.stream ?? options.streamByDefault;
  return {
    prepared: defined({
      spec,
      request,
      family,
      kind: family.kind,
      stream: wanted && family.streams && family.kind === 'text',
      output: spec.output,
    }),
  };
}
