import assert from 'node:assert/strict';
import {} from '../../emulator';
import {
  claudeBody,
  invokeWithHeaders,
  novaBody,
  PROTOCOLS,
  runtimeClient,
  streamEvents,
  useEmulator,
} from './helpers';

describe('emulator basics (both HTTP versions)', () => {
  const emu = useEmulator();

  for (const protocol of PROTOCOLS) {
    describe(protocol, () => {
      it('answers InvokeModel for Claude with the user message echoed and the metering headers', async () => {
        const client = runtimeClient(emu(), protocol);
        const { out, headers, json } = await invokeWithHeaders(
          client,
          'us.anthropic.claude-3-5-haiku-20241022-v1:0',
          claudeBody('Ping from the test'),
        );
        const usage = json.usage as { input_tokens: number; output_tokens: number };
        assert.match((json.content as Array<{ text: string }>)[0].text, /^Ping from the test alpha/);
        assert.equal(headers['x-amzn-bedrock-input-token-count'], String(usage.input_tokens));
        assert.equal(headers['x-amzn-bedrock-output-token-count'], String(usage.output_tokens));
        assert.match(headers['x-amzn-bedrock-invocation-latency'], /^\d+$/);
        assert.equal(out.$metadata.requestId, headers['x-amzn-requestid']);
        assert.equal(out.contentType, 'application/json');
        const [rec] = emu().requests();
        assert.equal(rec.httpVersion, protocol === 'h2' ? '2' : '1.1');
        assert.equal(rec.operation, 'InvokeModel');
        assert.equal(rec.modelId, 'us.anthropic.claude-3-5-haiku-20241022-v1:0');
        assert.equal(rec.resolvedModelId, 'anthropic.claude-3-5-haiku-20241022-v1:0');
        assert.equal(rec.status, 200);
        client.destroy();
      });

      it('streams Nova events whose deltas rebuild the echoed message, metrics on the last event', async () => {
        const client = runtimeClient(emu(), protocol);
        const { events, contentType } = await streamEvents(
          client,
          'amazon.nova-lite-v1:0',
          novaBody('Stream this, please'),
        );
        assert.equal(contentType, 'application/json');
        assert.deepEqual(events[0], { messageStart: { role: 'assistant' } });
        const text = events
          .map((e) => (e.contentBlockDelta as { delta: { text: string } } | undefined)?.delta.text ?? '')
          .join('');
        assert.ok(text.startsWith('Stream this, please'), text);
        const last = events[events.length - 1];
        const metrics = last['amazon-bedrock-invocationMetrics'] as { outputTokenCount: number };
        const usage = (last.metadata as { usage: { outputTokens: number } }).usage;
        assert.equal(metrics.outputTokenCount, usage.outputTokens);
        assert.equal(events.filter((e) => e['amazon-bedrock-invocationMetrics']).length, 1);
        client.destroy();
      });
    });
  }

  it('forgets recorded requests on reset()', async () => {
    const client = runtimeClient(emu(), 'h2');
    await invokeWithHeaders(client, 'anthropic.claude-3-haiku-20240307-v1:0', claudeBody('x'));
    assert.equal(emu().requests().length, 1);
    emu().reset();
    assert.equal(emu().requests().length, 0);
    client.destroy();
  });
});
