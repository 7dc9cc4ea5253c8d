// Request -> InvokeRequest: `prompt` goes through the family's own body builder (the one Invoke Model on Selection
// uses), `body` is sent as written, and the request's Bedrock options reach the call.
import * as assert from 'node:assert/strict';
import { allFamilies, resolveModel } from '../../../src/core/models';
import {
  modelIdOf,
  parseRequestFile,
  prepareRequest,
  RAW_FAMILY,
  type RequestSpec,
} from '../../../src/core/requestFile';

// A catalog model of every family.
const MODEL_OF_FAMILY: Record<string, string> = {
  anthropic: 'anthropic.claude-3-haiku-20240307-v1:0',
  nova: 'us.amazon.nova-lite-v1:0',
  'titan-text': 'amazon.titan-text-express-v1',
  llama: 'meta.llama3-8b-instruct-v1:0',
  mistral: 'mistral.mistral-7b-instruct-v0:2',
  'mistral-chat': 'mistral.mistral-large-2407-v1:0',
  'cohere-command-r': 'cohere.command-r-v1:0',
  'ai21-jamba': 'ai21.jamba-1-5-mini-v1:0',
  deepseek: 'us.deepseek.r1-v1:0',
  'gpt-oss': 'openai.gpt-oss-20b-1:0',
  'titan-embed': 'amazon.titan-embed-text-v2:0',
  'cohere-embed': 'cohere.embed-english-v3',
  'titan-image': 'amazon.nova-canvas-v1:0',
  stability: 'stability.sd3-5-large-v1:0',
};

function spec(request: Record<string, unknown>): RequestSpec {
  const file = parseRequestFile(JSON.stringify(request));
  assert.deepEqual(file.problems, []);
  return file.requests[0];
}

describe('request files: request -> InvokeRequest', () => {
  it('covers every model family', () => {
    assert.deepEqual(Object.keys(MODEL_OF_FAMILY).sort(), allFamilies.map((f) => f.id).sort());
  });

  for (const [familyId, modelId] of Object.entries(MODEL_OF_FAMILY)) {
    it(`turns prompt, system, maxTokens, temperature and topP into the ${familyId} family's body, as Invoke on Selection does`, () => {
      const family = resolveModel(modelId).family;
      assert.equal(family?.id, familyId);
      const input = {
        prompt: 'Hello "world"\nsecond line',
        system: 'Be brief.',
        maxTokens: 64,
        temperature: 0.3,
        topP: 0.8,
      };
      const result = prepareRequest(spec({ modelId, ...input }), { modelId, family, streamByDefault: true });
      assert.ok('prepared' in result);
      const { request, kind, stream } = result.prepared;
      assert.equal(request.modelId, modelId);
      assert.deepEqual(JSON.parse(request.body), family.buildBody(input));
      assert.equal(kind, family.kind);
      assert.equal(
        stream,
        family.kind === 'text',
        'text models stream by default; embedding and image models never do',
      );
    });
  }

  it('sends body as written, key order and values untouched', () => {
    const body = { z: 1, messages: [{ role: 'user', content: 'hi' }], a: { nested: [true, null, 2.5] } };
    const modelId = 'mistral.mistral-large-2407-v1:0';
    const result = prepareRequest(spec({ modelId, body }), {
      modelId,
      family: resolveModel(modelId).family,
      streamByDefault: false,
    });
    assert.ok('prepared' in result);
    assert.equal(result.prepared.request.body, JSON.stringify(body));
  });

  it('passes content type, accept, trace, guardrail, latency and service tier to the call; JSON by default', () => {
    const modelId = 'amazon.nova-lite-v1:0';
    const family = resolveModel(modelId).family;
    const plain = prepareRequest(spec({ prompt: 'x' }), { modelId, family, streamByDefault: true });
    assert.ok('prepared' in plain);
    assert.deepEqual(
      {
        contentType: plain.prepared.request.contentType,
        accept: plain.prepared.request.accept,
        trace: plain.prepared.request.trace,
      },
      { contentType: 'application/json', accept: 'application/json', trace: undefined },
    );
    const full = prepareRequest(
      spec({
        prompt: 'x',
        contentType: 'application/json; charset=utf-8',
        accept: '*/*',
        trace: 'ENABLED_FULL',
        guardrailIdentifier: 'gr-1',
        guardrailVersion: 'DRAFT',
        performanceConfigLatency: 'optimized',
        serviceTier: 'priority',
      }),
      { modelId, family, streamByDefault: true },
    );
    assert.ok('prepared' in full);
    const { body: _body, ...rest } = full.prepared.request;
    assert.deepEqual(rest, {
      modelId,
      contentType: 'application/json; charset=utf-8',
      accept: '*/*',
      trace: 'ENABLED_FULL',
      guardrailIdentifier: 'gr-1',
      guardrailVersion: 'DRAFT',
      performanceConfigLatency: 'optimized',
      serviceTier: 'priority',
    });
  });

  it('streams as the request says, else as the setting says; "without streaming" wins over both', () => {
    const modelId = 'anthropic.claude-3-haiku-20240307-v1:0';
    const family = resolveModel(modelId).family;
    const stream = (request: Record<string, unknown>, streamByDefault: boolean, streamOverride?: boolean) => {
      const r = prepareRequest(spec(request), { modelId, family, streamByDefault, streamOverride });
      assert.ok('prepared' in r);
      return r.prepared.stream;
    };
    assert.equal(stream({ prompt: 'x' }, true), true);
    assert.equal(stream({ prompt: 'x' }, false), false);
    assert.equal(stream({ prompt: 'x', stream: true }, false), true);
    assert.equal(stream({ prompt: 'x', stream: false }, true), false);
    assert.equal(stream({ prompt: 'x', stream: true }, true, false), false);
  });

  it("keeps the request's output choice", () => {
    const modelId = 'amazon.nova-lite-v1:0';
    const r = prepareRequest(spec({ prompt: 'x', output: 'newDocument' }), {
      modelId,
      family: resolveModel(modelId).family,
      streamByDefault: true,
    });
    assert.ok('prepared' in r);
    assert.equal(r.prepared.output, 'newDocument');
  });

  it('uses the selected model when the request names none, and refuses when neither does', () => {
    assert.deepEqual(modelIdOf(spec({ prompt: 'x' }), 'amazon.nova-lite-v1:0'), { modelId: 'amazon.nova-lite-v1:0' });
    assert.deepEqual(modelIdOf(spec({ prompt: 'x', modelId: 'cohere.command-r-v1:0' }), 'amazon.nova-lite-v1:0'), {
      modelId: 'cohere.command-r-v1:0',
    });
    const none = modelIdOf(spec({ prompt: 'x' }), undefined);
    assert.ok('problem' in none);
    assert.match(none.problem.message, /no "modelId" and no model is selected.*status bar/);
  });

  it('sends the body of a model of unknown family as is and reads the answer by guessing', () => {
    const modelId = 'arn:aws:bedrock:us-east-1:123456789012:custom-model/unknown/abc123';
    const r = prepareRequest(spec({ modelId, body: { input: 'x' } }), { modelId, streamByDefault: true });
    assert.ok('prepared' in r);
    assert.equal(r.prepared.family, RAW_FAMILY);
    assert.equal(r.prepared.request.body, '{"input":"x"}');
  });

  it('refuses a prompt for a model of unknown family, on its modelId, saying to write a body', () => {
    const text = '{"modelId":"acme.future-model-v1","prompt":"x"}';
    const file = parseRequestFile(text);
    const r = prepareRequest(file.requests[0], {
      modelId: 'acme.future-model-v1',
      streamByDefault: true,
      rangeOf: file.rangeOf,
    });
    assert.ok('problem' in r);
    assert.deepEqual(r.problem.path, ['modelId']);
    assert.equal(
      text.slice(r.problem.range.offset, r.problem.range.offset + r.problem.range.length),
      '"acme.future-model-v1"',
    );
    assert.match(r.problem.message, /Replace "prompt" with "body"/);
  });
});
