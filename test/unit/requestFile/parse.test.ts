// Parsing request files: one request or an array, comments and trailing commas, the source range of every JSON path,
// and field problems that name the exact node they are about.
import * as assert from 'node:assert/strict';
import { parse as parseJsonc } from 'jsonc-parser';
import { lineColumn, parseRequestFile, type JsonPath } from '../../../src/core/requestFile';

const SINGLE = `// a comment before the request
{
  "name": "greeting", /* inline comment */
  "modelId": "anthropic.claude-3-haiku-20240307-v1:0",
  "body": {
    "anthropic_version": "bedrock-2023-05-31",
    "max_tokens": 100,
    "messages": [{ "role": "user", "content": [{ "type": "text", "text": "Hi \\"there\\"" }] }],
  },
  "stream": false,
}
`;

const ARRAY = `[
  { "name": "one", "prompt": "first", "maxTokens": 10 },
  // the second one uses the selected model
  { "prompt": "second", "temperature": 0.2, "output": "newDocument" },
]`;

/** Every path in a JSON value, the root included. */
function allPaths(value: unknown, path: JsonPath = []): JsonPath[] {
  const out: JsonPath[] = [path];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...allPaths(v, [...path, i])));
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) out.push(...allPaths(v, [...path, k]));
  return out;
}

function at(value: unknown, path: JsonPath): unknown {
  return path.reduce<unknown>((v, k) => (v as Record<string | number, unknown>)[k], value);
}

describe('request files: parsing', () => {
  it('reads a single request object with comments and trailing commas into typed fields', () => {
    const file = parseRequestFile(SINGLE);
    assert.deepEqual(file.problems, []);
    assert.equal(file.isArray, false);
    assert.equal(file.requests.length, 1);
    const [r] = file.requests;
    assert.equal(r.index, 0);
    assert.deepEqual(r.path, []);
    assert.equal(r.name, 'greeting');
    assert.equal(r.modelId, 'anthropic.claude-3-haiku-20240307-v1:0');
    assert.equal(r.stream, false);
    assert.deepEqual(
      (r.body as { messages: { content: { text: string }[] }[] }).messages[0].content[0].text,
      'Hi "there"',
    );
  });

  it('reads an array of requests, each with its index and path', () => {
    const file = parseRequestFile(ARRAY);
    assert.deepEqual(file.problems, []);
    assert.equal(file.isArray, true);
    assert.deepEqual(
      file.requests.map((r) => [r.index, r.path, r.prompt]),
      [
        [0, [0], 'first'],
        [1, [1], 'second'],
      ],
    );
    assert.equal(file.requests[0].maxTokens, 10);
    assert.equal(file.requests[1].temperature, 0.2);
    assert.equal(file.requests[1].output, 'newDocument');
    assert.equal(file.requests[1].modelId, undefined);
  });

  for (const [label, text] of [
    ['single object', SINGLE],
    ['array', ARRAY],
  ] as const) {
    it(`gives the source range of every JSON path (${label}): the text there parses to the value at that path`, () => {
      const file = parseRequestFile(text);
      const value = parseJsonc(text, [], { allowTrailingComma: true });
      const paths = allPaths(value);
      assert.ok(paths.length > 8);
      for (const path of paths) {
        const range = file.rangeOf(path);
        assert.ok(range, `no range for ${JSON.stringify(path)}`);
        const slice = text.slice(range.offset, range.offset + range.length);
        assert.deepEqual(
          parseJsonc(slice, [], { allowTrailingComma: true }),
          at(value, path),
          `range of ${JSON.stringify(path)} holds ${slice}`,
        );
      }
      assert.equal(file.rangeOf(['no', 'such', 'path']), undefined);
    });
  }

  it('gives the range of a property key, and finds the request under an offset', () => {
    const file = parseRequestFile(ARRAY);
    const key = file.keyRangeOf([1, 'temperature']);
    assert.ok(key);
    assert.equal(ARRAY.slice(key.offset, key.offset + key.length), '"temperature"');
    assert.equal(file.requestAt(ARRAY.indexOf('"second"'))?.index, 1);
    assert.equal(file.requestAt(ARRAY.indexOf('first'))?.index, 0);
    assert.equal(file.requestAt(ARRAY.indexOf('// the second')), undefined);
  });

  it('reports a syntax error with line and column, on the exact offset, and refuses every request', () => {
    const text = '{\n  "prompt": "hi"\n  "modelId": "amazon.nova-lite-v1:0"\n}';
    const file = parseRequestFile(text);
    const syntax = file.problems.filter((p) => p.kind === 'syntax');
    assert.equal(syntax.length, 1);
    assert.match(syntax[0].message, /not valid JSON: line 3, column 3: a comma is expected/);
    assert.equal(syntax[0].range.offset, text.indexOf('"modelId"'));
    assert.deepEqual(file.problemsOf(0), syntax);
  });

  it('reports an empty file and a root that is not an object or array', () => {
    assert.match(parseRequestFile('  // nothing\n').problems[0].message, /empty/);
    assert.match(parseRequestFile('"just a string"').problems[0].message, /one request object/);
    assert.match(parseRequestFile('[]').problems[0].message, /holds no request/);
  });

  it('reports an array item that is not an object on that item', () => {
    const text = '[{"prompt":"a"}, 42]';
    const file = parseRequestFile(text);
    assert.equal(file.requests.length, 1);
    const [problem] = file.problemsOf(1);
    assert.deepEqual(problem.path, [1]);
    assert.equal(text.slice(problem.range.offset, problem.range.offset + problem.range.length), '42');
    assert.deepEqual(file.problemsOf(0), []);
  });

  const FIELD_CASES: [string, string, JsonPath, RegExp, string][] = [
    ['an unknown field', '{"prompt":"a","promt":"b"}', ['promt'], /Unknown field "promt"/, '"b"'],
    ['a mistyped string', '{"prompt":42}', ['prompt'], /"prompt" must be a string, not number 42/, '42'],
    ['a bad maxTokens', '{"prompt":"a","maxTokens":0}', ['maxTokens'], /whole number of at least 1/, '0'],
    ['a temperature out of range', '{"prompt":"a","temperature":3}', ['temperature'], /from 0 to 2/, '3'],
    ['a topP out of range', '{"prompt":"a","topP":1.5}', ['topP'], /from 0 to 1/, '1.5'],
    ['a bad stream', '{"prompt":"a","stream":"yes"}', ['stream'], /true or false/, '"yes"'],
    [
      'an output not in the enum',
      '{"prompt":"a","output":"file"}',
      ['output'],
      /"outputChannel", "newDocument"/,
      '"file"',
    ],
    ['a bad trace', '{"prompt":"a","trace":"on"}', ['trace'], /"ENABLED", "DISABLED", "ENABLED_FULL"/, '"on"'],
    ['a body that is not an object', '{"body":"{}"}', ['body'], /native request body, a JSON object/, '"{}"'],
    ['both body and prompt', '{"body":{},"prompt":"a"}', ['prompt'], /either "prompt".*or "body"/, '"a"'],
    [
      'prompt settings with a body',
      '{"body":{},"system":"s"}',
      ['system'],
      /only applies to a "prompt" request/,
      '"s"',
    ],
    ['an empty modelId', '{"modelId":" ","prompt":"a"}', ['modelId'], /"modelId" is empty/, '" "'],
    [
      'a guardrail version alone',
      '{"prompt":"a","guardrailVersion":"1"}',
      ['guardrailVersion'],
      /needs "guardrailIdentifier"/,
      '"1"',
    ],
    [
      'a guardrail identifier alone',
      '{"prompt":"a","guardrailIdentifier":"g"}',
      ['guardrailIdentifier'],
      /needs "guardrailVersion"/,
      '"g"',
    ],
  ];
  for (const [what, text, path, message, underlined] of FIELD_CASES) {
    it(`reports ${what} on that field's node`, () => {
      const file = parseRequestFile(text);
      const problems = file.problemsOf(0);
      assert.equal(problems.length, 1, JSON.stringify(problems));
      assert.equal(problems[0].kind, 'field');
      assert.deepEqual(problems[0].path, path);
      assert.match(problems[0].message, message);
      assert.equal(
        text.slice(problems[0].range.offset, problems[0].range.offset + problems[0].range.length),
        underlined,
      );
    });
  }

  it('reports a request with neither prompt nor body on the request object', () => {
    const text = '[{"prompt":"ok"}, {"modelId":"amazon.nova-lite-v1:0"}]';
    const [problem] = parseRequestFile(text).problemsOf(1);
    assert.deepEqual(problem.path, [1]);
    assert.match(problem.message, /neither "prompt" nor "body"/);
    assert.equal(
      text.slice(problem.range.offset, problem.range.offset + problem.range.length),
      '{"modelId":"amazon.nova-lite-v1:0"}',
    );
  });

  it('accepts $schema and every documented field', () => {
    const file = parseRequestFile(
      JSON.stringify({
        $schema: './schema.json',
        name: 'n',
        modelId: 'm',
        prompt: 'p',
        system: 's',
        maxTokens: 5,
        temperature: 0,
        topP: 1,
        stream: true,
        output: 'outputChannel',
        contentType: 'application/json',
        accept: 'application/json',
        trace: 'ENABLED',
        guardrailIdentifier: 'g',
        guardrailVersion: 'DRAFT',
        performanceConfigLatency: 'optimized',
        serviceTier: 'flex',
      }),
    );
    assert.deepEqual(file.problems, []);
    assert.equal(file.requests[0].serviceTier, 'flex');
  });

  it('counts lines and columns from 1', () => {
    assert.deepEqual(lineColumn('ab\ncd', 4), { line: 2, column: 2 });
    assert.deepEqual(lineColumn('ab', 0), { line: 1, column: 1 });
  });
});
