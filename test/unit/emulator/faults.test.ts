import assert from 'node:assert/strict';
import * as runtime from '@aws-sdk/client-bedrock-runtime';
import { InvokeModelWithResponseStreamCommand } from '@aws-sdk/client-bedrock-runtime';
import {} from '../../emulator';
import { claudeBody, invokeJson, PROTOCOLS, rejection, runtimeClient, streamEvents, useEmulator } from './helpers';

const MODEL = 'anthropic.claude-3-haiku-20240307-v1:0';

/** [fault, HTTP status, $fault, attempts the SDK makes with maxAttempts 3] */
const HTTP_FAULTS: Array<[string, number, 'client' | 'server', number]> = [
  ['AccessDeniedException', 403, 'client', 1],
  ['InternalServerException', 500, 'server', 3],
  ['ModelErrorException', 424, 'client', 1],
  ['ModelNotReadyException', 429, 'client', 3],
  ['ModelTimeoutException', 408, 'client', 1],
  ['ResourceNotFoundException', 404, 'client', 1],
  ['ServiceQuotaExceededException', 400, 'client', 1],
  ['ServiceUnavailableException', 503, 'server', 3],
  ['ThrottlingException', 429, 'client', 3],
  ['ValidationException', 400, 'client', 1],
];

const STREAM_EXCEPTIONS: Array<[string, string, 'client' | 'server']> = [
  ['internalServerException', 'InternalServerException', 'server'],
  ['modelStreamErrorException', 'ModelStreamErrorException', 'client'],
  ['validationException', 'ValidationException', 'client'],
  ['throttlingException', 'ThrottlingException', 'client'],
  ['modelTimeoutException', 'ModelTimeoutException', 'client'],
  ['serviceUnavailableException', 'ServiceUnavailableException', 'server'],
];

/** Streams, collecting events until the iterator throws; returns both. */
async function streamUntilError(client: runtime.BedrockRuntimeClient, modelId = MODEL) {
  const out = await client.send(
    new InvokeModelWithResponseStreamCommand({ modelId, body: JSON.stringify(claudeBody('stream me')) }),
  );
  const events: unknown[] = [];
  try {
    for await (const ev of out.body ?? []) events.push(ev);
  } catch (e) {
    return { events, error: e as Error & Record<string, unknown> };
  }
  return { events, error: undefined };
}

describe('emulator faults', () => {
  const emu = useEmulator();

  for (const protocol of PROTOCOLS) {
    describe(protocol, () => {
      for (const [name, status, fault, attempts] of HTTP_FAULTS) {
        it(`${name}: the SDK raises its class with status ${status}, retried ${attempts} time(s)`, async () => {
          emu().addFault({ fault: name, count: 5 });
          const client = runtimeClient(emu(), protocol);
          const err = await rejection(invokeJson(client, MODEL, claudeBody('hi')));
          const ctor = (runtime as unknown as Record<string, new (...a: never[]) => Error>)[name];
          assert.ok(err instanceof ctor, `${err.name}: ${err.message}`);
          assert.equal(err.name, name);
          assert.equal(err.$fault, fault);
          const meta = err.$metadata as { httpStatusCode: number; attempts: number; requestId: string };
          assert.equal(meta.httpStatusCode, status);
          assert.equal(meta.attempts, attempts);
          assert.ok(err.message.length > 10, err.message);
          const recs = emu().requests();
          assert.deepEqual(
            recs.map((r) => r.attempt),
            Array.from({ length: attempts }, (_, i) => i + 1),
          );
          assert.equal(new Set(recs.map((r) => r.invocationId)).size, 1, 'retries share one invocation id');
          assert.ok(recs.every((r) => r.fault === name && r.errorType === name && r.status === status));
          assert.equal(meta.requestId, recs[recs.length - 1].requestId);
          client.destroy();
        });
      }

      for (const [wire, name, fault] of STREAM_EXCEPTIONS) {
        it(`in-stream ${wire} after 2 chunks: both chunks arrive, then the iterator throws ${name}; not retried`, async () => {
          emu().addFault({ fault: wire, afterChunks: 2 });
          const client = runtimeClient(emu(), protocol);
          const { events, error } = await streamUntilError(client);
          assert.equal(events.length, 2);
          assert.ok(error, 'the stream should fail');
          const ctor = (runtime as unknown as Record<string, new (...a: never[]) => Error>)[name];
          assert.ok(error instanceof ctor, `${error.name}: ${error.message}`);
          assert.equal(error.$fault, fault);
          if (name === 'ModelStreamErrorException') {
            assert.equal(error.originalStatusCode, 500);
            assert.equal(typeof error.originalMessage, 'string');
          }
          const recs = emu().requests();
          assert.equal(recs.length, 1);
          assert.equal(recs[0].chunksSent, 2);
          assert.equal(recs[0].errorType, wire);
          client.destroy();
        });
      }

      it('a ThrottlingException before the first frame of a stream is retried, then the stream succeeds', async () => {
        emu().addFault({ fault: 'ThrottlingException', count: 2 });
        const client = runtimeClient(emu(), protocol);
        const { events } = await streamEvents(client, MODEL, claudeBody('after throttling'));
        assert.ok(events.length > 3);
        assert.deepEqual(
          emu()
            .requests()
            .map((r) => [r.attempt, r.status]),
          [
            [1, 429],
            [2, 429],
            [3, 200],
          ],
        );
        client.destroy();
      });

      it('truncate: the SDK reports a truncated event message', async () => {
        emu().addFault({ fault: 'truncate', afterChunks: 3 });
        const client = runtimeClient(emu(), protocol);
        const { events, error } = await streamUntilError(client);
        assert.equal(events.length, 3);
        assert.match(String(error?.message), /Truncated event message received/);
        client.destroy();
      });

      it('badCrc: the SDK reports a checksum mismatch', async () => {
        emu().addFault({ fault: 'badCrc', afterChunks: 1 });
        const client = runtimeClient(emu(), protocol);
        const { events, error } = await streamUntilError(client);
        assert.equal(events.length, 1);
        assert.match(String(error?.message), /checksum/);
        client.destroy();
      });

      it('reset mid-stream: the iteration fails after the chunks already sent; not retried', async () => {
        // The delay lets the client take the response first; an immediate reset can reach it before that and be retried.
        emu().addFault({ fault: 'reset', afterChunks: 2, delayMs: 100 });
        const client = runtimeClient(emu(), protocol);
        const { events, error } = await streamUntilError(client);
        assert.ok(error, 'the stream should fail');
        assert.equal(events.length, 2);
        assert.equal(emu().requests().length, 1);
        const [rec] = emu().requests();
        assert.equal(rec.fault, 'reset');
        assert.equal(rec.completed, false);
        client.destroy();
      });

      it('reset before an InvokeModel response surfaces as a network error', async () => {
        emu().addFault({ fault: 'reset', count: 10 });
        const client = runtimeClient(emu(), protocol, { maxAttempts: 2 });
        const err = await rejection(invokeJson(client, MODEL, claudeBody('hi')));
        assert.ok(!(err instanceof runtime.BedrockRuntimeServiceException), `${err.name}: ${err.message}`);
        assert.ok(
          emu()
            .requests()
            .every((r) => r.fault === 'reset'),
        );
        client.destroy();
      });

      it('stall: no bytes for delayMs mid-stream, then the stream completes', async () => {
        emu().addFault({ fault: 'stall', afterChunks: 2, delayMs: 300 });
        const client = runtimeClient(emu(), protocol);
        const out = await client.send(
          new InvokeModelWithResponseStreamCommand({ modelId: MODEL, body: JSON.stringify(claudeBody('slow')) }),
        );
        const times: number[] = [];
        for await (const _ev of out.body ?? []) times.push(Date.now());
        const gaps = times.slice(1).map((t, i) => t - times[i]);
        assert.ok(gaps[1] >= 250, `gap after chunk 2 was ${gaps[1]} ms`);
        assert.equal(Math.max(...gaps), gaps[1], `the stall is the longest silence: ${gaps.join(',')}`);
        assert.equal(emu().requests()[0].completed, true);
        client.destroy();
      });
    });
  }

  it('capitalised names with afterChunks fire in-stream; InvokeModel leaves a mid-stream fault queued', async () => {
    emu().addFault({ fault: 'ThrottlingException', afterChunks: 1 });
    const client = runtimeClient(emu(), 'h2');
    await invokeJson(client, MODEL, claudeBody('not for me'));
    const { events, error } = await streamUntilError(client);
    assert.equal(events.length, 1);
    assert.ok(error instanceof runtime.ThrottlingException);
    assert.equal(error.$metadata, undefined, 'in-stream errors carry no $metadata');
    assert.deepEqual(
      emu()
        .requests()
        .map((r) => r.fault),
      [undefined, 'ThrottlingException'],
    );
    client.destroy();
  });

  it('ModelStreamErrorException as an HTTP error of the stream operation (424, with its fields)', async () => {
    emu().addFault({ fault: 'ModelStreamErrorException', originalStatusCode: 502, originalMessage: 'upstream' });
    const client = runtimeClient(emu(), 'http1');
    const err = await rejection(streamEvents(client, MODEL, claudeBody('x')));
    assert.ok(err instanceof runtime.ModelStreamErrorException);
    assert.equal((err.$metadata as { httpStatusCode: number }).httpStatusCode, 424);
    assert.deepEqual([err.originalStatusCode, err.originalMessage], [502, 'upstream']);
    client.destroy();
  });

  it('ModelErrorException carries originalStatusCode and resourceName', async () => {
    emu().addFault({ fault: 'ModelErrorException', originalStatusCode: 503, resourceName: 'arn:test' });
    const client = runtimeClient(emu(), 'h2');
    const err = await rejection(invokeJson(client, MODEL, claudeBody('hi')));
    assert.equal(err.originalStatusCode, 503);
    assert.equal(err.resourceName, 'arn:test');
    client.destroy();
  });

  it('"message" overrides the error text; a fault for another model leaves this one alone', async () => {
    emu().addFault([
      { fault: 'ThrottlingException', message: 'Custom slow down', count: 1 },
      { fault: 'AccessDeniedException', modelId: 'amazon.nova-micro-v1:0' },
    ]);
    const client = runtimeClient(emu(), 'h2', { maxAttempts: 1 });
    const err = await rejection(invokeJson(client, MODEL, claudeBody('hi')));
    assert.equal(err.message, 'Custom slow down');
    await invokeJson(client, MODEL, claudeBody('hi'));
    const denied = await rejection(
      invokeJson(client, 'us.amazon.nova-micro-v1:0', { messages: [{ role: 'user', content: [{ text: 'x' }] }] }),
    );
    assert.equal(denied.name, 'AccessDeniedException');
    client.destroy();
  });

  it('count N fails exactly the next N attempts', async () => {
    emu().addFault({ fault: 'InternalServerException', count: 2 });
    const client = runtimeClient(emu(), 'h2');
    const { json } = await invokeJson(client, MODEL, claudeBody('third time lucky'));
    assert.ok(String((json.content as Array<{ text: string }>)[0].text).startsWith('third time lucky'));
    assert.deepEqual(
      emu()
        .requests()
        .map((r) => r.status),
      [500, 500, 200],
    );
    client.destroy();
  });

  it('the HTTP fault API queues, lists and clears faults; /_emulator/requests mirrors requests()', async () => {
    const post = (path: string, body?: unknown) =>
      fetch(`${emu().url}${path}`, { method: 'POST', body: body === undefined ? undefined : JSON.stringify(body) });
    const queued = await post('/_emulator/faults', [{ fault: 'ServiceUnavailableException', count: 3 }]);
    assert.equal(queued.status, 200);
    assert.equal(((await queued.json()) as { pending: unknown[] }).pending.length, 1);
    const bad = await post('/_emulator/faults', { fault: 'NoSuchFault' });
    assert.equal(bad.status, 400);
    const client = runtimeClient(emu(), 'http1', { maxAttempts: 1 });
    assert.equal((await rejection(invokeJson(client, MODEL, claudeBody('x')))).name, 'ServiceUnavailableException');
    const listed = (await (await fetch(`${emu().url}/_emulator/requests`)).json()) as {
      requests: Array<{ fault: string }>;
    };
    assert.deepEqual(
      listed.requests.map((r) => r.fault),
      ['ServiceUnavailableException'],
    );
    assert.equal((await post('/_emulator/reset')).status, 200);
    assert.deepEqual(emu().requests(), []);
    await invokeJson(client, MODEL, claudeBody('x'));
    assert.equal(emu().requests()[0].status, 200, 'reset cleared the remaining fault count');
    client.destroy();
  });

  it('delayMs holds an HTTP fault back', async () => {
    emu().addFault({ fault: 'ValidationException', delayMs: 200 });
    const client = runtimeClient(emu(), 'h2');
    const started = Date.now();
    await rejection(invokeJson(client, MODEL, claudeBody('x')));
    assert.ok(Date.now() - started >= 190);
    client.destroy();
  });
});
