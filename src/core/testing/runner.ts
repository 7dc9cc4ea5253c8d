// Runs one request of a request file as a test: check the file, expand variables, send the request, then check
// the answer against `expect` (a request without one passes when Bedrock answers without error). The Test Explorer
// and the CLI call this same function, so a result in the editor and in CI is the same result.
import type { StreamLimits } from '../bedrock/streamGuard';
import type { ConnectionSettings, ResolvedConnection } from '../bedrock/types';
import { classify, type Problem, type ProblemContext } from '../errors/classify';
import { runConverse } from '../converse/run';
import type { ConverseCaller } from '../converse/types';
import {
  runTextInvocation,
  type BedrockCaller,
  type TextInvocationResult,
  type TextSink,
} from '../invoke/textInvocation';
import { imagesOf } from '../requestFile/outputs';
import { parseEmbeddings, resolveModel, type ModelFamily, type Usage } from '../models';
import { checkVariables, expandRequest, type VariableResolver } from '../requestFile/variables';
import { prepareConverse } from '../requestFile/converseInput';
import { modelIdOf, prepareRequest } from '../requestFile/invocation';
import type { RequestFile } from '../requestFile/parse';
import type { JsonPath, RequestFileProblem, RequestSpec } from '../requestFile/types';
import { evaluate, GradingError } from './evaluate';
import { GraderModelError, graders } from './graders';
import type { Observation, RequestTestResult, RunTotals, TestError } from './types';

export interface TestRunContext {
  /** InvokeModel and Converse calls (the client pool is both). */
  caller: BedrockCaller & ConverseCaller;
  connection: ConnectionSettings;
  /** The resolved connection, for classified problems (profile, region, endpoint). */
  resolved?: ResolvedConnection;
  /** The model of requests without `modelId` (the status bar's, or the CLI's --model); undefined: none. */
  defaultModelId?: string;
  /** Whether to stream when a request does not say. */
  streamByDefault: boolean;
  /** For model IDs that do not name their family (application inference profile ARNs); undefined: cannot run. */
  chooseFamily?: (modelId: string) => Promise<ModelFamily | undefined>;
  /** The proxy in use, named by network errors. */
  proxy?: string;
  signal?: AbortSignal;
  /** The answer-size limit and the stream idle timeout. */
  limits?: StreamLimits;
}

export interface TestTarget {
  /** How results name the file (a relative path, a URI). */
  file: string;
  parsed: RequestFile;
  spec: RequestSpec;
  resolver: VariableResolver;
  /** Where the answer's text goes while it arrives (the Test Explorer's output, the CLI's --stream). */
  sink?: TextSink;
}

export function testName(spec: Pick<RequestSpec, 'name' | 'index'>, parsed: Pick<RequestFile, 'isArray'>): string {
  return spec.name ?? (parsed.isArray ? `request ${spec.index + 1}` : 'request');
}

function emptyResult(target: TestTarget): RequestTestResult {
  const { spec, parsed } = target;
  return {
    file: target.file,
    index: spec.index,
    name: testName(spec, parsed),
    path: spec.path,
    range: spec.range,
    status: 'passed',
    failures: [],
    durationMs: 0,
    usage: {},
    graderUsage: {},
    hasExpectations: spec.expect !== undefined,
  };
}

function fromFileProblem(problem: RequestFileProblem): TestError {
  return { fileProblem: problem, message: problem.message, path: problem.path, range: problem.range };
}

function fromProblem(problem: Problem, parsed: RequestFile, spec: RequestSpec, path?: JsonPath): TestError {
  const at = path ?? (problem.jsonPath ? [...spec.path, ...problem.jsonPath] : spec.path);
  return { problem, message: problem.message, hint: problem.hint, path: at, range: parsed.rangeOf(at) ?? spec.range };
}

export async function runRequestTest(target: TestTarget, run: TestRunContext): Promise<RequestTestResult> {
  const started = performance.now();
  const result = emptyResult(target);
  const done = (status: RequestTestResult['status'], error?: TestError) => {
    result.status = status;
    if (error) result.error = error;
    result.durationMs = performance.now() - started;
    return result;
  };
  const { parsed, spec: written } = target;
  const fileProblem = parsed.problemsOf(written.index)[0] ?? checkVariables(parsed, written).problems[0];
  if (fileProblem) return done('errored', fromFileProblem(fileProblem));
  if (run.signal?.aborted) return done('cancelled');

  const expansion = await expandRequest(parsed, written, target.resolver, { expectations: true });
  if ('cancelled' in expansion) return done('cancelled');
  if ('problem' in expansion) return done('errored', fromFileProblem(expansion.problem));
  const spec = expansion.spec;

  const named = modelIdOf(spec, run.defaultModelId);
  if ('problem' in named) return done('errored', fromFileProblem(named.problem));
  const sink = target.sink ?? { append: () => undefined, appendReasoning: () => undefined };
  // A text answer (InvokeModel or Converse) as the expectations see it; a failure as the test's error.
  const textObservation = (
    answer: TextInvocationResult,
    modelId: string,
    context: ProblemContext,
  ): Observation | RequestTestResult => {
    result.usage = answer.usage;
    if (answer.outcome === 'cancelled') return done('cancelled');
    if (answer.outcome === 'failed') {
      const problem = classify(answer.error, context);
      if (answer.textChunks > 0)
        problem.partial = { chunks: answer.textChunks, characters: answer.text.length + answer.reasoning.length };
      return done('errored', fromProblem(problem, parsed, spec));
    }
    return {
      kind: 'text',
      modelId,
      text: answer.text,
      stopReason: answer.stopReason,
      usage: answer.usage,
      latencyMs: answer.totalMs,
      firstTokenMs: answer.firstTextMs,
      streamed: answer.streamed,
    };
  };

  /** The answer against `expect`: passed, failed with each failure, or errored when a grader could not run. */
  const finish = async (observation: Observation, context: ProblemContext): Promise<RequestTestResult> => {
    result.observation = observation;

    if (spec.expect) {
      try {
        const evaluation = await evaluate(
          spec.expect,
          observation,
          { path: [...spec.path, 'expect'], rangeOf: parsed.rangeOf },
          {
            graders: graders(run.caller, run.connection),
            asked:
              spec.prompt ??
              (spec.body
                ? JSON.stringify(spec.body)
                : spec.converse?.messages
                  ? JSON.stringify(spec.converse.messages)
                  : undefined),
            signal: run.signal,
          },
        );
        result.failures = evaluation.failures;
        result.graderUsage = evaluation.graderUsage;
      } catch (error) {
        if (run.signal?.aborted) return done('cancelled');
        if (!(error instanceof GradingError)) throw error;
        const cause = error.cause;
        if (cause instanceof GraderModelError) {
          return done('errored', {
            message: cause.message,
            hint: 'Name another model in the request file.',
            path: error.path,
            range: parsed.rangeOf(error.path) ?? spec.range,
          });
        }
        const problem = classify(cause, { ...context, modelId: undefined });
        problem.message = `The grader for "${error.expectation}" could not run: ${problem.message}`;
        return done('errored', fromProblem({ ...problem, jsonPath: undefined }, parsed, spec, error.path));
      }
    }
    return done(result.failures.length ? 'failed' : 'passed');
  };

  // Converse has one request format for every model: no family to know or ask for (as Run Request File does it).
  if (spec.api === 'converse') {
    const prepared = prepareConverse(spec, {
      modelId: named.modelId,
      streamByDefault: run.streamByDefault,
      rangeOf: parsed.rangeOf,
    });
    if ('problem' in prepared) return done('errored', fromFileProblem(prepared.problem));
    const { input, stream } = prepared.prepared;
    const answer = await runConverse({
      caller: run.caller,
      connection: run.connection,
      input,
      stream,
      sink,
      signal: run.signal,
      limits: run.limits,
    });
    const converseContext: ProblemContext = {
      ...run.resolved,
      modelId: named.modelId,
      proxy: run.proxy,
      api: 'converse',
    };
    const observed = textObservation(answer, named.modelId, converseContext);
    if ('status' in observed) return observed;
    return finish(observed, converseContext);
  }

  const resolution = resolveModel(named.modelId);
  let family = resolution.family;
  if (!family && resolution.needsFamilyChoice && run.chooseFamily) {
    family = await run.chooseFamily(named.modelId);
    if (!family) return done('cancelled');
  }
  const prepared = prepareRequest(spec, {
    modelId: named.modelId,
    family,
    streamByDefault: run.streamByDefault,
    rangeOf: parsed.rangeOf,
  });
  if ('problem' in prepared) return done('errored', fromFileProblem(prepared.problem));
  const { request, kind } = prepared.prepared;
  const context = { ...run.resolved, modelId: request.modelId, family: prepared.prepared.family.id, proxy: run.proxy };

  let observation: Observation;
  if (kind === 'text') {
    const answer = await runTextInvocation({
      caller: run.caller,
      connection: run.connection,
      request,
      family: prepared.prepared.family,
      stream: prepared.prepared.stream,
      sink,
      signal: run.signal,
      limits: run.limits,
    });
    const observed = textObservation(answer, request.modelId, context);
    if ('status' in observed) return observed;
    observation = observed;
  } else {
    const sent = performance.now();
    let body: unknown;
    try {
      const response = await run.caller.invoke(run.connection, request, run.signal);
      body = JSON.parse(new TextDecoder().decode(response.body));
      result.usage = {
        inputTokens: response.metadata.inputTokenCount,
        outputTokens: response.metadata.outputTokenCount,
      };
    } catch (error) {
      if (run.signal?.aborted) return done('cancelled');
      return done('errored', fromProblem(classify(error, context), parsed, spec));
    }
    const latencyMs = performance.now() - sent;
    observation = {
      kind,
      modelId: request.modelId,
      text: '',
      usage: result.usage,
      latencyMs,
      firstTokenMs: latencyMs,
      streamed: false,
    };
    if (kind === 'embedding') {
      const [first] = parseEmbeddings(body);
      if (first) observation.dimension = first.dimension;
      if (first?.inputTokens !== undefined) result.usage = { ...result.usage, inputTokens: first.inputTokens };
    } else {
      const images = imagesOf(body);
      observation.imageCount = images.images.length;
      if (images.error) observation.text = images.error;
    }
  }
  return finish(observation, context);
}

/**
 * Runs `work` over `items` with at most `concurrency` at once, in order of start. After `signal` aborts (Ctrl+C,
 * Cancel, --fail-fast), items not started are handed to `skipped` instead.
 */
export async function runPool<T, R>(
  items: readonly T[],
  concurrency: number,
  work: (item: T) => Promise<R>,
  options: { signal?: AbortSignal; skipped: (item: T) => R },
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = options.signal?.aborted ? options.skipped(items[i]) : await work(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, lane));
  return results;
}

function add(total: { inputTokens: number; outputTokens: number }, usage: Usage): void {
  total.inputTokens += usage.inputTokens ?? 0;
  total.outputTokens += usage.outputTokens ?? 0;
}

/** Counts by status and the tokens of requests and graders together. */
export function totalsOf(results: readonly RequestTestResult[], durationMs: number): RunTotals {
  const totals: RunTotals = {
    passed: 0,
    failed: 0,
    errored: 0,
    cancelled: 0,
    inputTokens: 0,
    outputTokens: 0,
    durationMs,
  };
  for (const r of results) {
    totals[r.status]++;
    add(totals, r.usage);
    add(totals, r.graderUsage);
  }
  return totals;
}

/** A skipped result (the run was cancelled or stopped by --fail-fast before this request started). */
export function cancelledResult(target: TestTarget): RequestTestResult {
  return { ...emptyResult(target), status: 'cancelled' };
}
