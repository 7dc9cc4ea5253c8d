// `"api": "converse"` request files in core: fields read with problems on their nodes, `${file:...}` bytes for
// image and document blocks, the Converse input built from them, sent through the real SDK to the emulator, and
// Bedrock's Converse errors placed on the node they name.
import * as assert from 'node:assert/strict';
import { BedrockClients } from '../../../src/core/bedrock';
import { locateConverseProblem, runConverse, type ConverseInput } from '../../../src/core/converse';
import { classify, conversePathOf } from '../../../src/core/errors';
import type { TextSink } from '../../../src/core/invoke/textInvocation';
import {
  expandRequest,
  parseRequestFile,
  prepareConverse,
  type RequestSpec,
  type VariableResolver,
} from '../../../src/core/requestFile';
import { startEmulator, type RunningEmulator } from '../../emulator';
import { cleanEnv, writeAwsFiles, type AwsFiles } from '../bedrock/awsFiles';

// The smallest valid PNG (1x1, transparent).
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

function resolver(
  files: Record<string, Uint8Array>,
  texts: Record<string, string> = {},
): VariableResolver & { bytesRead: string[] } {
  const bytesRead: string[] = [];
  return {
    bytesRead,
    env: () => undefined,
    file: async (p) => {
      if (p in texts) return texts[p];
      throw new Error(`/workspace/${p}: there is no such file.`);
    },
    fileBytes: async (p) => {
      bytesRead.push(p);
      if (p in files) return files[p];
      throw new Error(`/workspace/${p}: there is no such file.`);
    },
    input: async () => undefined,
    selection: () => undefined,
  };
}

function only(text: string): RequestSpec {
  const file = parseRequestFile(text);
  assert.deepEqual(file.problems, []);
  return file.requests[0];
}

function problemsOf(request: unknown) {
  const text = JSON.stringify(request, null, 2);
  const file = parseRequestFile(text);
  return file.problems.map((p) => ({
    path: p.path,
    message: p.message,
    node: text.slice(p.range.offset, p.range.offset + p.range.length),
  }));
}

describe('request files: "api": "converse" fields', () => {
  it('reads Converse members as the service model names them, and the prompt + system shorthand', () => {
    const spec = only(
      JSON.stringify({
        api: 'converse',
        modelId: 'amazon.nova-lite-v1:0',
        prompt: 'Hi',
        system: 'Be brief',
        inferenceConfig: { maxTokens: 50 },
        serviceTier: { type: 'flex' },
      }),
    );
    assert.equal(spec.api, 'converse');
    assert.equal(spec.prompt, 'Hi');
    assert.equal(spec.system, undefined, 'a Converse system is a Converse member, not the InvokeModel shorthand');
    assert.deepEqual(spec.converse, {
      system: 'Be brief',
      inferenceConfig: { maxTokens: 50 },
      serviceTier: { type: 'flex' },
    });
  });

  it('puts a problem on the message or block it is about (messages[2] on that message, a bad block on that block)', () => {
    const problems = problemsOf({
      api: 'converse',
      messages: [
        { role: 'user', content: [{ text: 'a' }] },
        { role: 'assistant', content: [{ text: 'b' }] },
        { role: 'system', content: [{ text: 'c' }] },
        { role: 'assistant', content: [{ text: 'd', image: {} }, { picture: {} }] },
      ],
    });
    assert.deepEqual(
      problems.map((p) => p.path),
      [
        ['messages', 2, 'role'],
        ['messages', 3, 'content', 0],
        ['messages', 3, 'content', 1, 'picture'],
      ],
    );
    assert.equal(problems[0].node, '"system"');
    assert.match(problems[0].message, /messages\[2\] needs "role": "user" or "assistant"/);
    assert.match(problems[1].message, /exactly one of/);
    assert.match(problems[2].message, /"picture" is not a Converse content block/);
  });

  it('refuses InvokeModel fields with the Converse spelling, and Converse fields without "api": "converse"', () => {
    const converse = problemsOf({
      api: 'converse',
      prompt: 'x',
      body: {},
      maxTokens: 5,
      guardrailIdentifier: 'g',
      performanceConfigLatency: 'optimized',
    });
    assert.deepEqual(converse.map((p) => p.path[0]).sort(), [
      'body',
      'guardrailIdentifier',
      'maxTokens',
      'performanceConfigLatency',
    ]);
    assert.match(converse.find((p) => p.path[0] === 'maxTokens')!.message, /"inferenceConfig": \{ "maxTokens"/);
    const invoke = problemsOf({ prompt: 'x', toolConfig: {} });
    assert.deepEqual(
      invoke.map((p) => p.path),
      [['toolConfig']],
    );
    assert.match(invoke[0].message, /add "api": "converse"/);
  });

  it('needs prompt or messages, not both; promptVariables only with a prompt ARN, which needs neither', () => {
    assert.match(
      problemsOf({ api: 'converse', modelId: 'amazon.nova-lite-v1:0' })[0].message,
      /neither "prompt" nor "messages"/,
    );
    assert.deepEqual(
      problemsOf({ api: 'converse', prompt: 'a', messages: [] }).map((p) => p.path),
      [['messages'], ['prompt']],
    );
    assert.deepEqual(
      problemsOf({ api: 'converse', prompt: 'a', promptVariables: {} }).map((p) => p.path),
      [['promptVariables']],
    );
    assert.deepEqual(
      problemsOf({
        api: 'converse',
        modelId: 'arn:aws:bedrock:us-east-1:123456789012:prompt/PROMPT0001:1',
        promptVariables: { topic: { text: 't' } },
      }),
      [],
    );
  });
});

describe('request files: Converse input from a request', () => {
  it("reads an image block's ${file:...} as bytes and a document's too; text variables stay text", async () => {
    const text = JSON.stringify({
      api: 'converse',
      modelId: 'anthropic.claude-3-haiku-20240307-v1:0',
      messages: [
        {
          role: 'user',
          content: [
            { text: '${file:q.txt}' },
            { image: { format: 'png', source: { bytes: '${file:img/cat.png}' } } },
            { document: { format: 'pdf', name: 'Spec', source: { bytes: '${file:spec.pdf}' } } },
          ],
        },
      ],
    });
    const file = parseRequestFile(text);
    const r = resolver({ 'img/cat.png': PNG, 'spec.pdf': PDF }, { 'q.txt': 'What is this?' });
    const expansion = await expandRequest(file, file.requests[0], r);
    assert.ok('spec' in expansion);
    assert.deepEqual(r.bytesRead, ['img/cat.png', 'spec.pdf']);
    const prepared = prepareConverse(expansion.spec, {
      modelId: 'anthropic.claude-3-haiku-20240307-v1:0',
      streamByDefault: true,
    });
    assert.ok('prepared' in prepared);
    const content = prepared.prepared.input.messages![0].content!;
    assert.equal(content[0].text, 'What is this?');
    assert.deepEqual(Buffer.from(content[1].image!.source!.bytes!), PNG);
    assert.deepEqual(Buffer.from(content[2].document!.source!.bytes!), PDF);
    assert.equal(prepared.prepared.stream, true);
  });

  it('a file that cannot be read stops the run on its variable; base64 written inline is decoded; anything else is refused on its node', async () => {
    const text = JSON.stringify({
      api: 'converse',
      messages: [{ role: 'user', content: [{ image: { format: 'png', source: { bytes: '${file:missing.png}' } } }] }],
    });
    const file = parseRequestFile(text);
    const failed = await expandRequest(file, file.requests[0], resolver({}));
    assert.ok('problem' in failed);
    assert.equal(
      text.slice(failed.problem.range.offset, failed.problem.range.offset + failed.problem.range.length),
      '${file:missing.png}',
    );
    assert.match(failed.problem.message, /there is no such file.*Nothing was sent/);

    const inline = only(
      JSON.stringify({
        api: 'converse',
        messages: [
          { role: 'user', content: [{ image: { format: 'png', source: { bytes: PNG.toString('base64') } } }] },
        ],
      }),
    );
    const ok = prepareConverse(inline, { modelId: 'm', streamByDefault: false });
    assert.ok('prepared' in ok);
    assert.deepEqual(Buffer.from(ok.prepared.input.messages![0].content![0].image!.source!.bytes!), PNG);

    const badText = JSON.stringify({
      api: 'converse',
      messages: [{ role: 'user', content: [{ image: { format: 'png', source: { bytes: 'not base64!' } } }] }],
    });
    const bad = parseRequestFile(badText);
    const refused = prepareConverse(bad.requests[0], { modelId: 'm', streamByDefault: false, rangeOf: bad.rangeOf });
    assert.ok('problem' in refused);
    assert.deepEqual(refused.problem.path, ['messages', 0, 'content', 0, 'image', 'source', 'bytes']);
  });

  it('turns prompt + system into one user message and one system block; "stream" and the override decide the operation', () => {
    const spec = only(
      JSON.stringify({
        api: 'converse',
        prompt: 'Hi',
        system: 'Brief',
        stream: true,
        serviceTier: { type: 'flex' },
        performanceConfig: { latency: 'optimized' },
      }),
    );
    const prepared = prepareConverse(spec, {
      modelId: 'amazon.nova-lite-v1:0',
      streamByDefault: false,
      streamOverride: false,
    });
    assert.ok('prepared' in prepared);
    assert.deepEqual(prepared.prepared.input, {
      modelId: 'amazon.nova-lite-v1:0',
      system: [{ text: 'Brief' }],
      messages: [{ role: 'user', content: [{ text: 'Hi' }] }],
      serviceTier: { type: 'flex' },
      performanceConfig: { latency: 'optimized' },
    });
    assert.equal(prepared.prepared.stream, false);
  });
});

class Collect implements TextSink {
  text = '';
  reasoning = '';
  append(t: string): void {
    this.text += t;
  }
  appendReasoning(t: string): void {
    this.reasoning += t;
  }
}

describe('request files: Converse requests against the emulator, errors on their nodes', () => {
  let emulator: RunningEmulator;
  let files: AwsFiles;
  let clients: BedrockClients;
  let connection: { profile: string; endpoint: string };

  before(async () => {
    emulator = await startEmulator({ fillerTokens: 2 });
    files = writeAwsFiles();
    clients = new BedrockClients({
      env: cleanEnv(),
      configFile: files.configFile,
      credentialsFile: files.credentialsFile,
      maxAttempts: 1,
    });
    connection = { profile: 'default', endpoint: emulator.url };
  });
  after(async () => {
    clients.dispose();
    files.remove();
    await emulator.close();
  });
  beforeEach(() => emulator.reset());

  /** Parses, expands, prepares and sends a request; the problem located on the file's node, or the answer. */
  async function send(request: Record<string, unknown>, stream = true) {
    const text = JSON.stringify(request, null, 2);
    const file = parseRequestFile(text);
    assert.deepEqual(file.problems, []);
    const expansion = await expandRequest(file, file.requests[0], resolver({ 'cat.png': PNG, 'spec.pdf': PDF }));
    assert.ok('spec' in expansion);
    const prepared = prepareConverse(expansion.spec, { modelId: String(request.modelId), streamByDefault: stream });
    assert.ok('prepared' in prepared);
    const sink = new Collect();
    const result = await runConverse({
      caller: clients,
      connection,
      input: prepared.prepared.input as ConverseInput,
      stream,
      sink,
    });
    if (result.outcome !== 'failed') return { result, sink, text };
    const problem = locateConverseProblem(
      classify(result.error, { modelId: String(request.modelId), api: 'converse' }),
      { members: expansion.spec.converse ?? {}, prompt: expansion.spec.prompt },
    );
    const range = problem.jsonPath && file.rangeOf(problem.jsonPath);
    return {
      result,
      sink,
      text,
      problem,
      node: range ? text.slice(range.offset, range.offset + range.length) : undefined,
    };
  }

  it('sends an image from a workspace file as bytes, and the model answers', async () => {
    const { result, sink } = await send({
      api: 'converse',
      modelId: 'anthropic.claude-3-haiku-20240307-v1:0',
      messages: [
        {
          role: 'user',
          content: [{ text: 'Describe it' }, { image: { format: 'png', source: { bytes: '${file:cat.png}' } } }],
        },
      ],
    });
    assert.equal(result.outcome, 'completed');
    assert.match(sink.text, /^Describe it/);
    const sent = emulator.requests()[0].body as {
      messages: Array<{ content: Array<{ image?: { source: { bytes: string } } }> }>;
    };
    assert.equal(sent.messages[0].content[1].image!.source.bytes, PNG.toString('base64'));
  });

  it('a model that reads no images: the problem is on that image block, with a fix to pick a model that does', async () => {
    const { problem, node } = await send({
      api: 'converse',
      modelId: 'us.anthropic.claude-3-5-haiku-20241022-v1:0',
      messages: [
        {
          role: 'user',
          content: [{ text: 'Describe it' }, { image: { format: 'png', source: { bytes: '${file:cat.png}' } } }],
        },
      ],
    });
    assert.equal(problem?.kind, 'imagesUnsupported');
    assert.deepEqual(problem?.jsonPath, ['messages', 0, 'content', 1, 'image']);
    assert.match(node ?? '', /^\{\s*"format": "png"/);
    assert.deepEqual(problem?.fixes, ['pickCapableModel']);
  });

  it('a model that takes no system prompt: on "system", with the move-into-the-user-turn fix', async () => {
    const { problem, node } = await send(
      { api: 'converse', modelId: 'amazon.titan-text-express-v1', prompt: 'Hi', system: 'Be brief' },
      false,
    );
    assert.equal(problem?.kind, 'systemUnsupported');
    assert.equal(node, '"Be brief"');
    assert.deepEqual(problem?.fixes, ['moveSystemToUser', 'pickCapableModel']);
  });

  it("a model without tool use: on toolConfig; the conversation's own rules on the message they name", async () => {
    const tools = { tools: [{ toolSpec: { name: 'f', inputSchema: { json: { type: 'object' } } } }] };
    const noTools = await send(
      { api: 'converse', modelId: 'amazon.titan-text-express-v1', prompt: 'Hi', toolConfig: tools },
      false,
    );
    assert.equal(noTools.problem?.kind, 'toolsUnsupported');
    assert.deepEqual(noTools.problem?.jsonPath, ['toolConfig']);

    const empty = await send({
      api: 'converse',
      modelId: 'amazon.nova-lite-v1:0',
      messages: [
        { role: 'user', content: [{ text: 'a' }] },
        { role: 'assistant', content: [{ text: 'b' }] },
        {
          role: 'user',
          content: [{ document: { format: 'pdf', name: 'Spec', source: { bytes: '${file:spec.pdf}' } } }],
        },
      ],
    });
    assert.deepEqual(empty.problem?.jsonPath, ['messages', 2]);
    assert.match(empty.problem?.message ?? '', /messages\.2 has a document block but no text block/);

    const twice = await send({
      api: 'converse',
      modelId: 'amazon.nova-lite-v1:0',
      messages: [
        { role: 'user', content: [{ text: 'a' }] },
        { role: 'user', content: [{ text: 'b' }] },
      ],
    });
    assert.deepEqual(twice.problem?.jsonPath, ['messages', 1]);
  });

  it('structured output is checked against its schema', async () => {
    const schema = JSON.stringify({ type: 'object', required: ['city'], properties: { city: { type: 'string' } } });
    const { result } = await send({
      api: 'converse',
      modelId: 'us.anthropic.claude-sonnet-4-5-20250929-v1:0',
      prompt: 'Capital of France as JSON',
      outputConfig: { textFormat: { type: 'json_schema', structure: { jsonSchema: { schema, name: 'city' } } } },
    });
    assert.equal(result.outcome, 'completed');
    assert.equal(result.structuredOutput?.ok, true, JSON.stringify(result.structuredOutput));
  });

  it("conversePathOf reads Bedrock's dotted member paths", () => {
    assert.deepEqual(conversePathOf('The image at messages.3.content.1 is larger than 3.75 MB.'), [
      'messages',
      3,
      'content',
      1,
    ]);
    assert.equal(conversePathOf('Malformed input request, please reformat your input and try again.'), undefined);
  });
});
