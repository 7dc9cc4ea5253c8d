/** /_emulator/* routes for tests and benchmarks in other processes (no auth, never recorded). */
import type { AnyRequest, AnyResponse } from './exchange';
import { applyConfig, type EmulatorState } from './state';

function reply(res: AnyResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)) });
  res.end(text);
}

export function handleAdmin(req: AnyRequest, res: AnyResponse, path: string, raw: Buffer, state: EmulatorState): void {
  try {
    const body = raw.length ? JSON.parse(raw.toString('utf8')) : undefined;
    const route = `${req.method} ${path}`;
    switch (route) {
      case 'GET /_emulator/requests':
        return reply(res, 200, { requests: state.recorder.all() });
      case 'POST /_emulator/faults':
        state.faults.add(body);
        return reply(res, 200, { pending: state.faults.pending() });
      case 'GET /_emulator/faults':
        return reply(res, 200, { pending: state.faults.pending() });
      case 'POST /_emulator/reset':
        state.faults.clear();
        state.recorder.clear();
        state.cache.clear();
        return reply(res, 200, { ok: true });
      case 'POST /_emulator/config':
        applyConfig(state.config, body ?? {});
        return reply(res, 200, { config: state.config });
      case 'GET /_emulator/config':
        return reply(res, 200, { config: state.config });
      default:
        return reply(res, 404, { message: `No emulator route ${route}` });
    }
  } catch (e) {
    return reply(res, 400, { message: e instanceof Error ? e.message : String(e) });
  }
}
