/** Reads a request, records it, authenticates it and dispatches it to the right operation. */
import { handleAdmin } from './admin';
import { Authenticator } from './auth';
import { DEFAULT_REGION } from './catalog';
import { getFoundationModel, getInferenceProfile, listFoundationModels, listInferenceProfiles } from './controlPlane';
import { BedrockError } from './errors';
import { Exchange, type AnyRequest, type AnyResponse } from './exchange';
import { parseAttempt, parseBody, safeHeaders } from './recorder';
import { firePreResponseFault, handleRuntime } from './runtime';
import type { EmulatorState } from './state';
import { handleConverse, handleCountTokens } from './converse/handler';
import { handleSts, isStsRequest, stsOperation } from './sts';

interface Route {
  operation: string;
  run(ex: Exchange, match: RegExpExecArray, query: URLSearchParams, region: string): Promise<void> | void;
}

const decode = (s: string) => {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
};

function routes(state: EmulatorState): Array<[string, RegExp, Route]> {
  // Control-plane operations take faults only when a fault names them in `operation`.
  const json =
    (f: (m: RegExpExecArray, q: URLSearchParams, region: string) => unknown): Route['run'] =>
    async (ex, m, q, region) => {
      const fault = state.faults.take({ operation: ex.record.operation, modelIds: m[1] ? [decode(m[1])] : [] });
      if (fault) {
        ex.record.fault = fault.spec.fault;
        if (await firePreResponseFault(ex, fault, undefined, m[1] ? decode(m[1]) : '')) return;
      }
      ex.sendJson(200, f(m, q, region));
    };
  return [
    [
      'POST',
      /^\/model\/([^/]+)\/invoke$/,
      { operation: 'InvokeModel', run: (ex, m) => handleRuntime(ex, state, m[1], false) },
    ],
    [
      'POST',
      /^\/model\/([^/]+)\/invoke-with-response-stream$/,
      {
        operation: 'InvokeModelWithResponseStream',
        run: (ex, m) => handleRuntime(ex, state, m[1], true),
      },
    ],
    [
      'POST',
      /^\/model\/([^/]+)\/converse$/,
      { operation: 'Converse', run: (ex, m) => handleConverse(ex, state, m[1], false) },
    ],
    [
      'POST',
      /^\/model\/([^/]+)\/converse-stream$/,
      { operation: 'ConverseStream', run: (ex, m) => handleConverse(ex, state, m[1], true) },
    ],
    [
      'POST',
      /^\/model\/([^/]+)\/count-tokens$/,
      { operation: 'CountTokens', run: (ex, m) => handleCountTokens(ex, state, m[1]) },
    ],
    [
      'GET',
      /^\/foundation-models$/,
      { operation: 'ListFoundationModels', run: json((_m, q, r) => listFoundationModels(q, r)) },
    ],
    [
      'GET',
      /^\/foundation-models\/([^/]+)$/,
      { operation: 'GetFoundationModel', run: json((m, _q, r) => getFoundationModel(decode(m[1]), r)) },
    ],
    [
      'GET',
      /^\/inference-profiles$/,
      { operation: 'ListInferenceProfiles', run: json((_m, q, r) => listInferenceProfiles(q, r)) },
    ],
    [
      'GET',
      /^\/inference-profiles\/([^/]+)$/,
      { operation: 'GetInferenceProfile', run: json((m, _q, r) => getInferenceProfile(decode(m[1]), r)) },
    ],
  ];
}

export function createHandler(state: EmulatorState): (req: AnyRequest, res: AnyResponse) => void {
  const table = routes(state);
  return (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void dispatch(req, res, Buffer.concat(chunks), state, table);
    });
    req.on('error', () => undefined);
  };
}

async function dispatch(
  req: AnyRequest,
  res: AnyResponse,
  raw: Buffer,
  state: EmulatorState,
  table: Array<[string, RegExp, Route]>,
): Promise<void> {
  const rawUrl = req.url ?? '/';
  const [path, search = ''] = rawUrl.split('?', 2);
  if (path.startsWith('/_emulator/')) return handleAdmin(req, res, path, raw, state);

  const method = req.method ?? 'GET';
  let route: Route | undefined;
  let match: RegExpExecArray | null = null;
  for (const [m, re, r] of table) {
    if (m === method && (match = re.exec(path))) {
      route = r;
      break;
    }
  }
  const sts = isStsRequest(method, path, String(req.headers['content-type'] ?? ''));
  const described = Authenticator.describe(req.headers);
  const ex = new Exchange(
    req,
    res,
    raw,
    state.recorder.add({
      time: new Date().toISOString(),
      operation: sts ? stsOperation(raw) : (route?.operation ?? 'Unknown'),
      method,
      path: rawUrl,
      httpVersion: req.httpVersionMajor === 2 ? '2' : '1.1',
      headers: safeHeaders(req.headers),
      authType: described.authType,
      accessKeyId: described.accessKeyId,
      region: described.region,
      hasSessionToken: described.hasSessionToken,
      body: parseBody(raw),
      ...parseAttempt(String(req.headers['amz-sdk-request'] ?? '')),
      invocationId: req.headers['amz-sdk-invocation-id'] as string | undefined,
      requestId: '',
      aborted: false,
      completed: false,
    }),
  );
  ex.record.requestId = ex.requestId;
  res.once('close', () => {
    const r = ex.record;
    state.log(
      `${r.method} ${r.path} ${r.operation} HTTP/${r.httpVersion} -> ${r.status ?? '-'}${r.errorType ? ` ${r.errorType}` : ''}${r.fault ? ` [fault ${r.fault}]` : ''}${r.aborted ? ' [aborted]' : ''} ${r.durationMs ?? 0}ms`,
    );
  });

  try {
    if (sts) return await handleSts(ex, state.auth, rawUrl);
    if (!route || !match) throw new BedrockError('UnknownOperationException', 404, 'Unknown operation');
    await state.auth.verify({ method, rawUrl, headers: req.headers, body: raw });
    await route.run(ex, match, new URLSearchParams(search), described.region ?? DEFAULT_REGION);
  } catch (e) {
    if (e instanceof BedrockError) ex.sendError(e);
    else {
      state.log(`emulator bug: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      ex.sendError(BedrockError.of('InternalServerException'));
    }
  }
}
