// Talks to the emulator the runner started (BEDROCK_EMULATOR_URL), over its inspection and fault API.
import type { ConfigUpdate, FaultSpec, RecordedRequest } from '../../emulator/types';

export function emulatorUrl(): string {
  const url = process.env.BEDROCK_EMULATOR_URL;
  if (!url)
    throw new Error('BEDROCK_EMULATOR_URL is not set: run the integration tests through npm run test:integration');
  return url;
}

async function call(path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${emulatorUrl()}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`emulator ${path}: HTTP ${response.status} ${await response.text()}`);
  const text = await response.text();
  return text ? JSON.parse(text) : undefined;
}

export const emulator = {
  async requests(): Promise<RecordedRequest[]> {
    const answer = (await call('/_emulator/requests')) as RecordedRequest[] | { requests: RecordedRequest[] };
    return Array.isArray(answer) ? answer : answer.requests;
  },
  /** Runtime calls only (InvokeModel and InvokeModelWithResponseStream). */
  async invocations(): Promise<RecordedRequest[]> {
    return (await this.requests()).filter((r) => r.operation.startsWith('InvokeModel'));
  },
  reset: () => call('/_emulator/reset', {}),
  fault: (fault: FaultSpec | FaultSpec[]) => call('/_emulator/faults', fault),
  configure: (update: ConfigUpdate) => call('/_emulator/config', update),
};
