// Every kind of expectation, run the way the Test Explorer and the CLI run them: a request file's text through
// runRequestTest, the real SDK and the emulator. Failures must say what was expected, what came, and where.
import * as assert from 'node:assert/strict';
import { BedrockClients } from '../../../src/core/bedrock';
import { parseRequestFile, type VariableResolver } from '../../../src/core/requestFile';
import { runRequestTest, totalsOf, type RequestTestResult } from '../../../src/core/testing';
import { startEmulator, type RunningEmulator } from '../../emulator';
import { cleanEnv, writeAwsFiles, type AwsFiles } from '../bedrock/awsFiles';

const HAIKU = 'anthropic.claude-3-haiku-20240307-v1:0';
const EMBED = 'amazon.titan-embed-text-v2:0';

function resolver(files: Record<string, string> = {}, inputs: Record<string, string> = {}): VariableResolver {
  return {
    env: (name) => ({ GREETING: 'Hello' })[name],
    file: async (p) => {
      if (p in files) return files[p];
      throw new Error('there is no such file.');
    },
    input: async (prompt) => inputs[prompt],
    selection: () => undefined,
  };
}

describe('Expectations (request files as tests)', () => {
  let emulator: RunningEmulator;
  let aws: AwsFiles;
  let clients: BedrockClients;

  before(async () => {
    emulator = await startEmulator();
    aws = writeAwsFiles();
    clients = new BedrockClients({
      env: cleanEnv(),
      configFile: aws.configFile,
      credentialsFile: aws.credentialsFile,
      maxAttempts: 1,
    });
  });
  after(async () => {
    clients.dispose();
    aws.remove();
    await emulator.close();
  });
  beforeEach(() => {
    emulator.reset();
    emulator.configure({ fillerTokens: 8, replies: [], pacing: { chunksPerSecond: 0, firstByteDelayMs: 0 } });
  });

  /** Runs every request of the file's text and returns the results in order. */
  async function run(
    text: string,
    options: { files?: Record<string, string>; signal?: AbortSignal } = {},
  ): Promise<RequestTestResult[]> {
    const parsed = parseRequestFile(text);
    const results: RequestTestResult[] = [];
    for (const spec of parsed.requests) {
      results.push(
        await runRequestTest(
          { file: 'test.bedrock.json', parsed, spec, resolver: resolver(options.files) },
          {
            caller: clients,
            connection: { profile: 'default', endpoint: emulator.url },
            streamByDefault: true,
            signal: options.signal,
          },
        ),
      );
    }
    return results;
  }

  /** The text the range of a failure underlines. */
  const underlined = (text: string, r: { range?: { offset: number; length: number } }) =>
    r.range ? text.slice(r.range.offset, r.range.offset + r.range.length) : undefined;

  it('a Converse request runs as a test through Converse: its messages, system and tools are what is sent (the model calls the tool), and expect checks the answer', async () => {
    const text = `[
      { "api": "converse", "modelId": "${HAIKU}", "system": "Be brief.", "stream": false,
        "messages": [{ "role": "user", "content": [{ "text": "Converse test marker" }] }],
        "toolConfig": { "tools": [{ "toolSpec": { "name": "lookup", "inputSchema": { "json": { "type": "object" } } } }] },
        "expect": { "contains": "lookup", "stopReason": "tool_use" } },
      { "api": "converse", "modelId": "${HAIKU}", "prompt": "streamed one", "expect": { "contains": "not in the answer" } }
    ]`;
    const [sent, streamed] = await run(text);
    assert.equal(sent.status, 'passed', JSON.stringify(sent.error ?? sent.failures));
    assert.equal(streamed.status, 'failed');
    assert.match(streamed.failures[0]?.message ?? '', /not in the answer/);
    const calls = emulator.requests().filter((r) => r.operation.startsWith('Converse'));
    assert.deepEqual(
      calls.map((r) => r.operation),
      ['Converse', 'ConverseStream'],
      'Converse, not InvokeModel',
    );
    const body = calls[0].body as {
      system: Array<{ text: string }>;
      messages: Array<{ content: Array<{ text: string }> }>;
      toolConfig: { tools: unknown[] };
    };
    assert.equal(body.system[0].text, 'Be brief.');
    assert.equal(body.messages[0].content[0].text, 'Converse test marker');
    assert.equal(body.toolConfig.tools.length, 1);
    assert.equal(emulator.requests().filter((r) => r.operation.startsWith('InvokeModel')).length, 0);
  });

  it('passes a request without expect when Bedrock answers, and errors one Bedrock refuses', async () => {
    emulator.addFault({ fault: 'AccessDeniedException', modelId: 'amazon.nova-lite-v1:0' });
    const [ok, refused] = await run(`[
      { "modelId": "${HAIKU}", "prompt": "Hello" },
      { "modelId": "amazon.nova-lite-v1:0", "prompt": "Hello" }
    ]`);
    assert.equal(ok.status, 'passed');
    assert.equal(ok.hasExpectations, false);
    assert.ok((ok.usage.outputTokens ?? 0) > 0);
    assert.equal(refused.status, 'errored');
    assert.equal(refused.error?.problem?.kind, 'modelAccessNotGranted');
    assert.deepEqual(refused.error?.path, [1, 'modelId']);
  });

  it('contains / notContains, case-sensitive and with ignoreCase, point at the failing item of a list', async () => {
    const text = `[
      { "prompt": "The capital of France is Paris", "modelId": "${HAIKU}", "expect": { "contains": ["Paris", "London"], "notContains": "charlie" } },
      { "prompt": "The capital of France is Paris", "modelId": "${HAIKU}", "expect": { "contains": "PARIS", "ignoreCase": true, "notContains": ["ROME"] } },
      { "prompt": "The capital of France is Paris", "modelId": "${HAIKU}", "expect": { "contains": "PARIS" } }
    ]`;
    const [first, second, third] = await run(text);
    assert.equal(first.status, 'failed');
    assert.deepEqual(
      first.failures.map((f) => f.expectation),
      ['contains', 'notContains'],
    );
    assert.deepEqual(first.failures[0].path, [0, 'expect', 'contains', 1]);
    assert.equal(underlined(text, first.failures[0]), '"London"');
    assert.match(
      first.failures[0].message,
      /Expected the answer to contain "London"; it does not\. The answer: "The capital of France is Paris alpha/,
    );
    assert.equal(first.failures[0].expected, 'contains "London"');
    assert.ok(first.failures[0].actual.startsWith('The capital of France is Paris'));
    assert.deepEqual(first.failures[1].path, [0, 'expect', 'notContains']);
    assert.match(first.failures[1].message, /not to contain "charlie"; it does, at character \d+/);
    assert.equal(second.status, 'passed');
    assert.equal(third.status, 'failed');
  });

  it('matches: a regular expression, with ignoreCase as its i flag', async () => {
    const [pass, fail, folded] = await run(`[
      { "prompt": "Order 12345 shipped", "modelId": "${HAIKU}", "expect": { "matches": "Order \\\\d{5}" } },
      { "prompt": "Order 12345 shipped", "modelId": "${HAIKU}", "expect": { "matches": ["^Order", "^\\\\d+$"] } },
      { "prompt": "Order 12345 shipped", "modelId": "${HAIKU}", "expect": { "matches": "^order", "ignoreCase": true } }
    ]`);
    assert.equal(pass.status, 'passed');
    assert.equal(fail.status, 'failed');
    assert.deepEqual(
      fail.failures.map((f) => f.path),
      [[1, 'expect', 'matches', 1]],
    );
    assert.match(fail.failures[0].message, /to match \/\^\\d\+\$\/; it does not/);
    assert.equal(folded.status, 'passed');
  });

  it('refuses a broken regular expression before anything is sent, on its node', async () => {
    const [result] = await run(`{ "prompt": "x", "modelId": "${HAIKU}", "expect": { "matches": "(unclosed" } }`);
    assert.equal(result.status, 'errored');
    assert.equal(result.error?.fileProblem?.kind, 'field');
    assert.deepEqual(result.error?.path, ['expect', 'matches']);
    assert.match(result.error?.message ?? '', /not a valid regular expression/);
    assert.equal(emulator.requests().length, 0);
  });

  it('json: the answer parses (also inside a ```json fence), and validates against an inline schema with the answer path of each violation', async () => {
    emulator.configure({ fillerTokens: 0 });
    const schema = `{ "type": "object", "required": ["city", "population"], "properties": { "city": { "type": "string" }, "population": { "type": "integer", "minimum": 0 } } }`;
    const text = `[
      { "prompt": "{\\"city\\": \\"Paris\\", \\"population\\": 2100000}", "modelId": "${HAIKU}", "expect": { "json": ${schema} } },
      { "prompt": "{\\"city\\": 7, \\"population\\": -1}", "modelId": "${HAIKU}", "expect": { "json": ${schema} } },
      { "prompt": "Paris is nice", "modelId": "${HAIKU}", "expect": { "json": true } },
      { "prompt": "\`\`\`json\\n[1, 2]\\n\`\`\`", "modelId": "${HAIKU}", "expect": { "json": true } }
    ]`;
    const [valid, invalid, prose, fenced] = await run(text);
    assert.equal(valid.status, 'passed', JSON.stringify(valid.failures));
    assert.equal(invalid.status, 'failed');
    assert.deepEqual(invalid.failures.map((f) => f.answerPath).sort(), ['/city', '/population']);
    assert.ok(invalid.failures.every((f) => underlined(text, f)?.startsWith('{ "type": "object"')));
    assert.match(
      invalid.failures.find((f) => f.answerPath === '/population')?.message ?? '',
      /at \/population: -1 is less than 0/,
    );
    assert.equal(prose.status, 'failed');
    assert.match(prose.failures[0].message, /Expected the answer to be JSON; it does not parse/);
    assert.equal(fenced.status, 'passed', JSON.stringify(fenced.failures));
  });

  it('json: a schema from ${file:...}, and a file that holds no JSON says so on the json node', async () => {
    emulator.configure({ fillerTokens: 0 });
    const files = { 'schema.json': '{ "type": "array", "maxItems": 1 }', 'broken.json': '{ nope' };
    const [tooMany, broken] = await run(
      `[
        { "prompt": "[1, 2]", "modelId": "${HAIKU}", "expect": { "json": "\${file:schema.json}" } },
        { "prompt": "[1]", "modelId": "${HAIKU}", "expect": { "json": "\${file:broken.json}" } }
      ]`,
      { files },
    );
    assert.equal(tooMany.status, 'failed');
    assert.equal(tooMany.failures[0].answerPath, '/');
    assert.match(tooMany.failures[0].message, /does not match the schema at \/: /);
    assert.equal(broken.status, 'failed');
    assert.match(broken.failures[0].message, /JSON Schema of "json" cannot be used: it is not valid JSON/);
  });

  it("stopReason, maxOutputTokens: the family's stop reason and Bedrock's token count", async () => {
    const [pass, fail] = await run(`[
      { "prompt": "one two", "modelId": "${HAIKU}", "expect": { "stopReason": "end_turn", "maxOutputTokens": 50 } },
      { "prompt": "one two", "modelId": "${HAIKU}", "expect": { "stopReason": ["max_tokens", "stop_sequence"], "maxOutputTokens": 3 } }
    ]`);
    assert.equal(pass.status, 'passed', JSON.stringify(pass.failures));
    assert.deepEqual(
      fail.failures.map((f) => f.expectation),
      ['stopReason', 'maxOutputTokens'],
    );
    assert.match(
      fail.failures[0].message,
      /Expected the stop reason one of "max_tokens", "stop_sequence"; it was "end_turn"\./,
    );
    assert.match(fail.failures[1].message, /Expected at most 3 output tokens; the answer used 10\./);
  });

  it('maxLatencyMs and maxTimeToFirstTokenMs, measured on the stream', async () => {
    emulator.configure({ pacing: { firstByteDelayMs: 300 } });
    const [slow, fine] = await run(`[
      { "prompt": "wait", "modelId": "${HAIKU}", "expect": { "maxTimeToFirstTokenMs": 100, "maxLatencyMs": 150 } },
      { "prompt": "wait", "modelId": "${HAIKU}", "expect": { "maxTimeToFirstTokenMs": 20000, "maxLatencyMs": 20000 } }
    ]`);
    assert.deepEqual(
      slow.failures.map((f) => f.expectation),
      ['maxLatencyMs', 'maxTimeToFirstTokenMs'],
    );
    assert.match(slow.failures[1].message, /Expected the first token within 100 ms; it came after \d{3,} ms\./);
    assert.ok((slow.observation?.firstTokenMs ?? 0) >= 300);
    assert.equal(fine.status, 'passed');
  });

  it('dimension (embeddings) and count (images), and a text expectation on an embeddings model', async () => {
    const [dim, wrongDim, images, textOnEmbedding] = await run(`[
      { "modelId": "${EMBED}", "body": { "inputText": "hi", "dimensions": 256 }, "expect": { "dimension": 256 } },
      { "modelId": "${EMBED}", "body": { "inputText": "hi", "dimensions": 256 }, "expect": { "dimension": 1024 } },
      { "modelId": "amazon.titan-image-generator-v2:0", "body": { "taskType": "TEXT_IMAGE", "textToImageParams": { "text": "a cat" }, "imageGenerationConfig": { "numberOfImages": 2 } }, "expect": { "count": 3 } },
      { "modelId": "${EMBED}", "body": { "inputText": "hi" }, "expect": { "contains": "hi" } }
    ]`);
    assert.equal(dim.status, 'passed', JSON.stringify(dim.failures));
    assert.equal(dim.observation?.dimension, 256);
    assert.match(wrongDim.failures[0].message, /Expected a vector of 1024 dimensions; it has 256\./);
    assert.match(images.failures[0].message, /Expected 3 images; 2 came\./);
    assert.match(
      textOnEmbedding.failures[0].message,
      /checks an answer's text, but amazon\.titan-embed-text-v2:0 is an embeddings model/,
    );
  });

  it('similarTo: cosine similarity through the embeddings model the request names, its tokens counted', async () => {
    emulator.configure({ fillerTokens: 0 });
    const [same, different] = await run(`[
      { "prompt": "Paris is the capital", "modelId": "${HAIKU}", "expect": { "similarTo": "Paris is the capital", "embeddingModelId": "${EMBED}" } },
      { "prompt": "Paris is the capital", "modelId": "${HAIKU}", "expect": { "similarTo": "Bananas are yellow", "minSimilarity": 0.9, "embeddingModelId": "${EMBED}" } }
    ]`);
    assert.equal(same.status, 'passed', JSON.stringify(same.failures));
    assert.ok((same.graderUsage.inputTokens ?? 0) > 0);
    assert.equal(different.status, 'failed');
    assert.match(
      different.failures[0].message,
      /similar to "Bananas are yellow" \(cosine similarity at least 0\.9\); it is -?\d\.\d{3}/,
    );
    const embedCalls = emulator.requests().filter((r) => r.modelId === EMBED);
    assert.equal(embedCalls.length, 4);
    assert.deepEqual(
      embedCalls.slice(2).map((r) => (r.body as { inputText: string }).inputText),
      ['Paris is the capital', 'Bananas are yellow'],
    );
  });

  it('similarTo needs an embeddings model: a text model there is an error on embeddingModelId', async () => {
    const text = `{ "prompt": "x", "modelId": "${HAIKU}", "expect": { "similarTo": "x", "embeddingModelId": "${HAIKU}" } }`;
    const [result] = await run(text);
    assert.equal(result.status, 'errored');
    assert.deepEqual(result.error?.path, ['expect', 'embeddingModelId']);
    assert.match(result.error?.message ?? '', /is a text model; the similarity model must be an embeddings model/);
  });

  it('judge: the grader model sees the rubric and the answer; its verdict and reason decide, its tokens count in the totals', async () => {
    emulator.configure({
      replies: [
        { whenPromptContains: 'Names the capital of France', text: '{"pass": true, "reason": "It names Paris."}' },
        {
          whenPromptContains: 'Answers in German',
          text: 'Verdict: {"pass": false, "reason": "The answer is in English."}',
        },
        { whenPromptContains: 'Is a haiku', text: 'I am not sure.' },
      ],
    });
    const grader = 'amazon.nova-lite-v1:0';
    const [pass, fail, unreadable] = await run(`[
      { "prompt": "Paris", "modelId": "${HAIKU}", "expect": { "judge": { "rubric": "Names the capital of France", "modelId": "${grader}" } } },
      { "prompt": "Paris", "modelId": "${HAIKU}", "expect": { "judge": { "rubric": "Answers in German", "modelId": "${grader}" } } },
      { "prompt": "Paris", "modelId": "${HAIKU}", "expect": { "judge": { "rubric": "Is a haiku", "modelId": "${grader}" } } }
    ]`);
    assert.equal(pass.status, 'passed', JSON.stringify(pass.failures));
    assert.ok((pass.graderUsage.inputTokens ?? 0) > 0 && (pass.graderUsage.outputTokens ?? 0) > 0);
    assert.equal(fail.status, 'failed');
    assert.match(
      fail.failures[0].message,
      /The judge amazon\.nova-lite-v1:0 failed the answer: The answer is in English\./,
    );
    assert.deepEqual(fail.failures[0].path, [1, 'expect', 'judge']);
    assert.match(unreadable.failures[0].message, /gave no verdict .* it said: "I am not sure\."/);
    const graded = emulator.requests().filter((r) => r.modelId === grader);
    assert.equal(graded.length, 3);
    const sent = JSON.stringify(graded[0].body);
    assert.ok(
      sent.includes('Names the capital of France') && sent.includes('<answer>') && sent.includes('Paris alpha'),
      sent,
    );
    const totals = totalsOf([pass, fail, unreadable], 0);
    const own = [pass, fail, unreadable].reduce(
      (n, r) => n + (r.usage.inputTokens ?? 0) + (r.graderUsage.inputTokens ?? 0),
      0,
    );
    assert.equal(totals.inputTokens, own);
    assert.deepEqual([totals.passed, totals.failed], [1, 2]);
  });

  it("a grader Bedrock refuses makes the test an error (not a failure), on the judge's modelId", async () => {
    emulator.addFault({ fault: 'ThrottlingException', modelId: 'amazon.nova-lite-v1:0', count: 5 });
    const [result] = await run(
      `{ "prompt": "Paris", "modelId": "${HAIKU}", "expect": { "judge": { "rubric": "ok", "modelId": "amazon.nova-lite-v1:0" } } }`,
    );
    assert.equal(result.status, 'errored');
    assert.equal(result.error?.problem?.kind, 'throttling');
    assert.deepEqual(result.error?.path, ['expect', 'judge', 'modelId']);
    assert.match(result.error?.message ?? '', /^The grader for "judge" could not run: /);
  });

  it('a wrong expectation is a field problem on its node, before anything is sent', async () => {
    const text = `{ "prompt": "x", "modelId": "${HAIKU}", "expect": { "contain": "x", "maxLatencyMs": -5, "similarTo": "y", "judge": { "rubric": "r" } } }`;
    const parsed = parseRequestFile(text);
    const messages = parsed.problems.map((p) => `${p.path.join('.')}: ${p.message}`);
    assert.ok(
      messages.some((m) => m.startsWith('expect.contain: Unknown expectation "contain"')),
      messages.join('\n'),
    );
    assert.ok(
      messages.some((m) => m.startsWith('expect.maxLatencyMs: "maxLatencyMs" must be a whole number of at least 0')),
    );
    assert.ok(messages.some((m) => m.startsWith('expect.similarTo: "similarTo" needs "embeddingModelId"')));
    assert.ok(messages.some((m) => m.startsWith('expect.judge: "judge" needs "modelId"')));
    const [result] = await run(text);
    assert.equal(result.status, 'errored');
    assert.equal(emulator.requests().length, 0);
  });

  it('a cancelled run reports cancelled and aborts the open stream', async () => {
    emulator.configure({ pacing: { chunks: 2000, chunksPerSecond: 200 } });
    const abort = new AbortController();
    const running = run(`{ "prompt": "long", "modelId": "${HAIKU}", "expect": { "contains": "never" } }`, {
      signal: abort.signal,
    });
    for (let i = 0; i < 200 && !emulator.requests().some((r) => (r.chunksSent ?? 0) > 0); i++)
      await new Promise((r) => setTimeout(r, 10));
    abort.abort();
    const [result] = await running;
    assert.equal(result.status, 'cancelled');
    for (let i = 0; i < 100 && !emulator.requests()[0]?.aborted; i++) await new Promise((r) => setTimeout(r, 10));
    assert.equal(emulator.requests()[0].aborted, true);
  });
});
