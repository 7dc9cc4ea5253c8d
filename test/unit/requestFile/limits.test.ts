// A request file is untrusted input and may be huge or hostile: parsing is linear in its size, nesting, requests,
// syntax messages and variables are bounded, each limit is a problem at the node where it is reached (never an
// exception), and a key written twice is a problem on the duplicate that stops its request.
import * as assert from 'node:assert/strict';
import {
  checkVariables,
  expandRequest,
  lineColumn,
  parseRequestFile,
  type VariableResolver,
} from '../../../src/core/requestFile';
import { LIMITS } from '../../../src/core/requestFile/parse';

function timed<T>(run: () => T): { value: T; ms: number } {
  const started = process.hrtime.bigint();
  const value = run();
  return { value, ms: Number(process.hrtime.bigint() - started) / 1e6 };
}

const resolver: VariableResolver = {
  env: () => 'v',
  file: () => Promise.resolve('f'),
  input: () => Promise.resolve('i'),
  selection: () => 's',
};

describe('request files: limits of size and shape', () => {
  it('parses 400 KB of "{" and commas in under 2 s on a loaded machine, with at most 100 syntax messages (was 10 s for 40 KB)', () => {
    const { value: file, ms } = timed(() => parseRequestFile(`{${','.repeat(400 * 1024)}`));
    assert.ok(ms < 2000, `took ${ms.toFixed(0)} ms`);
    const syntax = file.problems.filter((p) => p.kind === 'syntax');
    assert.equal(syntax.length, LIMITS.syntaxProblems);
    assert.match(syntax[syntax.length - 1].message, /\d+ more syntax errors follow/);
    assert.match(syntax[0].message, /line 1, column 2/);
  });

  it('parses 400 KB of broken strings on many lines in under 2 s, naming the right lines', () => {
    const { value: file, ms } = timed(() => parseRequestFile(`{${'"a\n'.repeat(130 * 1024)}`));
    assert.ok(ms < 2000, `took ${ms.toFixed(0)} ms`);
    assert.ok(file.problems.filter((p) => p.kind === 'syntax').length <= LIMITS.syntaxProblems);
    assert.ok(file.problems.length <= 3 * LIMITS.syntaxProblems, `${file.problems.length} problems`);
    assert.ok(file.problems.some((p) => /line 2, column/.test(p.message)));
  });

  it('refuses 2,000 nested arrays (closed or not) and 5,000 nested objects with one problem at the first bracket too deep', () => {
    for (const text of [
      `{"body":${'['.repeat(2000)}${']'.repeat(2000)}}`,
      `{"body":${'['.repeat(2000)}`,
      `{"body":${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}}`,
    ]) {
      const file = parseRequestFile(text);
      assert.equal(file.requests.length, 0);
      assert.equal(file.problems.length, 1);
      const [problem] = file.problems;
      assert.match(problem.message, /more than 100 levels deep \(line 1, column \d+\).*nothing is sent/);
      // The range is the 101st opening bracket: the root object is level 1.
      const opening = [...text].map((c, i) => (c === '[' || c === '{' ? i : -1)).filter((i) => i >= 0);
      assert.deepEqual(problem.range, { offset: opening[LIMITS.depth], length: 1 });
      assert.deepEqual(file.problemsOf(0), [problem]);
    }
  });

  it('reads a request nested exactly to the limit, and brackets inside strings and comments do not count', () => {
    const deep = `{"prompt":"${'['.repeat(500)}", /* ${'{'.repeat(500)} */ "modelId":"m", "expect":{"json":${'['.repeat(LIMITS.depth - 2)}${']'.repeat(LIMITS.depth - 2)}}}`;
    const file = parseRequestFile(deep);
    assert.equal(file.requests.length, 1);
    assert.ok(
      !file.problems.some((p) => /levels deep/.test(p.message)),
      JSON.stringify(file.problems.map((p) => p.message)),
    );
  });

  it(`reads at most ${LIMITS.requests} requests; the first one past the limit carries the problem, and only those past it are refused`, () => {
    const text = JSON.stringify(Array.from({ length: LIMITS.requests + 5 }, (_, i) => ({ prompt: `p${i}` })));
    const { value: file, ms } = timed(() => parseRequestFile(text));
    assert.ok(ms < 2000, `took ${ms.toFixed(0)} ms`);
    assert.equal(file.requests.length, LIMITS.requests);
    const limit = file.problems.find((p) => /more than the 1000 a request file may hold/.test(p.message));
    assert.ok(limit);
    assert.deepEqual(limit.path, [LIMITS.requests]);
    assert.equal(
      text.slice(limit.range.offset, limit.range.offset + limit.range.length),
      `{"prompt":"p${LIMITS.requests}"}`,
    );
    assert.deepEqual(file.problemsOf(0), []);
    assert.deepEqual(file.problemsOf(LIMITS.requests + 3), [limit]);
  });

  it('refuses 150,000 variables in one string as a variable problem on the string, without a RangeError, and sends nothing', async () => {
    const text = JSON.stringify({ modelId: 'amazon.nova-lite-v1:0', prompt: '${env:HOME}'.repeat(150_000) });
    const file = parseRequestFile(text);
    assert.deepEqual(file.problems, []);
    const { value: checked, ms } = timed(() => checkVariables(file, file.requests[0]));
    assert.ok(ms < 2000, `took ${ms.toFixed(0)} ms`);
    assert.equal(checked.problems.length, 1);
    assert.match(checked.problems[0].message, /more than 1000 variables/);
    assert.deepEqual(checked.problems[0].path, ['prompt']);
    const expansion = await expandRequest(file, file.requests[0], resolver);
    assert.ok('problem' in expansion && /more than 1000 variables/.test(expansion.problem.message));
  });

  it('counts variables across the strings of a request: the one past the limit is the problem', () => {
    const body = { messages: Array.from({ length: 11 }, () => ({ text: '${selection}'.repeat(100) })) };
    const file = parseRequestFile(JSON.stringify({ modelId: 'm', body }));
    const checked = checkVariables(file, file.requests[0]);
    assert.equal(checked.refs.length, LIMITS.variables);
    assert.match(checked.problems[0].message, /This request uses more than 1000 variables/);
    assert.deepEqual(checked.problems[0].path, ['body', 'messages', 10, 'text']);
  });

  it('scans a 1 MB string with one variable at its end in linear time, and keeps $${ literal', () => {
    const file = parseRequestFile(
      JSON.stringify({ modelId: 'm', prompt: `${'x'.repeat(1024 * 1024)}$\${not} \${selection}` }),
    );
    const { value: checked, ms } = timed(() => checkVariables(file, file.requests[0]));
    assert.ok(ms < 1000, `took ${ms.toFixed(0)} ms`);
    assert.deepEqual(
      checked.refs.map((r) => r.text),
      ['${selection}'],
    );
  });

  it('puts a duplicate key on the duplicate, with the line of the first, and the request is not run', () => {
    const text =
      '{\n  "modelId": "amazon.nova-lite-v1:0",\n  "prompt": "hi",\n  "modelId": "anthropic.claude-3-haiku-20240307-v1:0"\n}';
    const file = parseRequestFile(text);
    const [problem] = file.problemsOf(0);
    assert.ok(problem);
    assert.match(problem.message, /"modelId" appears twice in this object \(first on line 2\).*not sent.*Remove one/);
    assert.deepEqual(problem.path, ['modelId']);
    assert.equal(problem.requestIndex, 0);
    assert.equal(lineColumn(text, problem.range.offset).line, 4);
    assert.equal(text.slice(problem.range.offset, problem.range.offset + problem.range.length), '"modelId"');
  });

  it("a duplicate inside one request's body stops that request only", () => {
    const text =
      '[{ "prompt": "ok" }, { "modelId": "m", "body": { "messages": [{ "role": "user", "role": "assistant" }] } }]';
    const file = parseRequestFile(text);
    assert.deepEqual(file.problemsOf(0), []);
    const [problem] = file.problemsOf(1);
    assert.match(problem.message, /"role" appears twice/);
    assert.deepEqual(problem.path, [1, 'body', 'messages', 0, 'role']);
    assert.equal(problem.requestIndex, 1);
  });

  it('past the cap of 100 messages, every request with a key written twice still has a problem and is not sent', () => {
    // 150 requests, each with one duplicate key: 100 messages, but all 150 requests stopped.
    const requests = Array.from({ length: 150 }, (_, i) => `{ "prompt": "p${i}", "prompt": "again" }`);
    const file = parseRequestFile(`[${requests.join(',\n')}, { "prompt": "clean" }]`);
    for (let i = 0; i < 150; i++)
      assert.ok(file.problemsOf(i).length > 0, `request ${i} has no problem and would be sent`);
    assert.deepEqual(file.problemsOf(150), [], 'the request without a duplicate runs');
  });

  it('counts line and column of the last line and past the end', () => {
    assert.deepEqual(lineColumn('ab\ncd\n', 6), { line: 3, column: 1 });
    assert.deepEqual(lineColumn('ab\ncd', 99), { line: 2, column: 3 });
  });
});
