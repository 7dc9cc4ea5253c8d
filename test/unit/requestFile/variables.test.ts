// Variables in request files: each kind, values inserted as JSON string content, asked once per run, and every
// error case found before any value is resolved.
import * as assert from 'node:assert/strict';
import {
  checkVariables,
  expandRequest,
  oncePerRun,
  parseRequestFile,
  prepareRequest,
  scanString,
  type RequestFile,
  type VariableResolver,
} from '../../../src/core/requestFile';

interface Calls {
  env: string[];
  file: string[];
  input: string[];
  selection: number;
}

function resolver(
  values: {
    env?: Record<string, string>;
    files?: Record<string, string>;
    inputs?: Record<string, string | undefined>;
    selection?: string;
  } = {},
) {
  const calls: Calls = { env: [], file: [], input: [], selection: 0 };
  const r: VariableResolver = {
    env: (name) => {
      calls.env.push(name);
      return values.env?.[name];
    },
    file: async (p) => {
      calls.file.push(p);
      const text = values.files?.[p];
      if (text === undefined) throw new Error(`/workspace/${p}: there is no such file.`);
      return text;
    },
    input: async (prompt) => {
      calls.input.push(prompt);
      return values.inputs && prompt in values.inputs ? values.inputs[prompt] : `answer to ${prompt}`;
    },
    selection: () => {
      calls.selection++;
      return values.selection;
    },
  };
  return { r, calls };
}

function only(text: string): RequestFile {
  const file = parseRequestFile(text);
  assert.deepEqual(file.problems, []);
  return file;
}

async function expanded(text: string, r: VariableResolver, index = 0) {
  const file = only(text);
  const result = await expandRequest(file, file.requests[index], r);
  if (!('spec' in result)) assert.fail(`expected an expanded request, got ${JSON.stringify(result)}`);
  return result.spec;
}

async function problem(text: string, r: VariableResolver) {
  const file = only(text);
  const result = await expandRequest(file, file.requests[0], r);
  if (!('problem' in result)) assert.fail(`expected a problem, got ${JSON.stringify(result)}`);
  const p = result.problem;
  return { ...p, underlined: text.slice(p.range.offset, p.range.offset + p.range.length) };
}

describe('request files: variables', () => {
  it('refuses ${env:NAME} for secret-looking and AWS credential names without reading them, saying how to allow it', async () => {
    for (const name of [
      'AWS_SECRET_ACCESS_KEY',
      'AWS_SESSION_TOKEN',
      'AWS_BEARER_TOKEN_BEDROCK',
      'GITHUB_TOKEN',
      'DB_PASSWORD',
      'OPENAI_API_KEY',
    ]) {
      const { r, calls } = resolver({ env: { [name]: 'super-secret-value' } });
      const p = await problem(`{"prompt":"leak \${env:${name}}"}`, r);
      assert.equal(p.kind, 'variable');
      assert.equal(p.underlined, `\${env:${name}}`);
      assert.match(p.message, /bedrock\.allowedEnvironmentVariables/);
      assert.deepEqual(calls.env, [], `${name} was read`);
    }
  });

  it('reads a secret-looking variable the user allowed', async () => {
    const { r } = resolver({ env: { GITHUB_TOKEN: 'allowed-value' } });
    const spec = await expanded('{"prompt":"use ${env:GITHUB_TOKEN}"}', {
      ...r,
      allowedEnvironmentVariables: ['GITHUB_TOKEN'],
    });
    assert.equal(spec.prompt, 'use allowed-value');
  });

  it('expands ${env:NAME} from the environment', async () => {
    const { r } = resolver({ env: { TOPIC: 'owls' } });
    const spec = await expanded('{"prompt":"Tell me about ${env:TOPIC}."}', r);
    assert.equal(spec.prompt, 'Tell me about owls.');
  });

  it('expands ${file:path} to the file contents, the path as written (relative to the request file)', async () => {
    const { r, calls } = resolver({ files: { 'prompts/q.txt': 'line 1\nline 2\n' } });
    const spec = await expanded('{"prompt":"${file:prompts/q.txt}"}', r);
    assert.equal(spec.prompt, 'line 1\nline 2\n');
    assert.deepEqual(calls.file, ['prompts/q.txt']);
  });

  it('expands ${input:Prompt text} by asking with that text', async () => {
    const { r, calls } = resolver({ inputs: { 'Which city?': 'Lyon' } });
    const spec = await expanded('{"prompt":"Weather in ${input:Which city?}"}', r);
    assert.equal(spec.prompt, 'Weather in Lyon');
    assert.deepEqual(calls.input, ['Which city?']);
  });

  it("an ${input:...} nobody can be asked (the CLI) is a problem on that variable, with the resolver's words", async () => {
    const { r } = resolver();
    const p = await problem('{"prompt":"Weather in ${input:Which city?}"}', {
      ...r,
      input: async () => {
        throw new Error('Pass --var "Which city?=...".');
      },
    });
    assert.equal(p.kind, 'variable');
    assert.equal(p.underlined, '${input:Which city?}');
    assert.equal(p.message, 'Pass --var "Which city?=...". Nothing was sent.');
  });

  it("expands ${selection} to the other editor's selection", async () => {
    const { r } = resolver({ selection: 'function f() {}' });
    const spec = await expanded('{"prompt":"Review:\\n${selection}"}', r);
    assert.equal(spec.prompt, 'Review:\nfunction f() {}');
  });

  it('expands variables anywhere in the body, deep in objects and arrays, and in modelId', async () => {
    const { r } = resolver({ env: { MODEL: 'amazon.nova-lite-v1:0', WHO: 'Ada' } });
    const spec = await expanded(
      '{"modelId":"${env:MODEL}","body":{"messages":[{"role":"user","content":[{"text":"Hi ${env:WHO}"}]}],"inferenceConfig":{"maxTokens":5}}}',
      r,
    );
    assert.equal(spec.modelId, 'amazon.nova-lite-v1:0');
    assert.deepEqual(spec.body, {
      messages: [{ role: 'user', content: [{ text: 'Hi Ada' }] }],
      inferenceConfig: { maxTokens: 5 },
    });
  });

  it('inserts values as JSON string content: quotes, backslashes, newlines and JSON text arrive exactly', async () => {
    const tricky = 'He said "hi" \\ then\n\ttab {"json": [1,2]} ${not a variable} </script>';
    const { r } = resolver({ files: { 'x.txt': tricky } });
    const spec = await expanded('{"modelId":"amazon.titan-text-express-v1","body":{"inputText":"<${file:x.txt}>"}}', r);
    const prepared = prepareRequest(spec, { modelId: 'amazon.titan-text-express-v1', streamByDefault: false });
    assert.ok('prepared' in prepared);
    const sent = JSON.parse(prepared.prepared.request.body) as { inputText: string };
    assert.equal(sent.inputText, `<${tricky}>`, 'a variable value is not expanded again');
  });

  it('asks each ${input:...} once per run, however often it appears and across requests', async () => {
    const text =
      '[{"prompt":"${input:Topic} and ${input:Topic}"}, {"prompt":"more ${input:Topic}", "system":"${input:Tone}"}]';
    const file = only(text);
    const { r, calls } = resolver();
    const run = oncePerRun(r);
    const first = await expandRequest(file, file.requests[0], run);
    const second = await expandRequest(file, file.requests[1], run);
    assert.ok('spec' in first && 'spec' in second);
    assert.equal(first.spec.prompt, 'answer to Topic and answer to Topic');
    assert.equal(second.spec.prompt, 'more answer to Topic');
    assert.deepEqual(calls.input, ['Topic', 'Tone']);
  });

  it('reads each ${file:...} once per run', async () => {
    const file = only('{"prompt":"${file:a.txt}${file:a.txt}"}');
    const { r, calls } = resolver({ files: { 'a.txt': 'A' } });
    const result = await expandRequest(file, file.requests[0], oncePerRun(r));
    assert.ok('spec' in result);
    assert.equal(result.spec.prompt, 'AA');
    assert.deepEqual(calls.file, ['a.txt']);
  });

  it('stops, without a problem, when the user cancels a question', async () => {
    const file = only('{"prompt":"${input:First} ${input:Second}"}');
    const { r, calls } = resolver({ inputs: { First: undefined } });
    assert.deepEqual(await expandRequest(file, file.requests[0], r), { cancelled: true });
    assert.deepEqual(calls.input, ['First'], 'no further question after a cancel');
  });

  it('writes $${ for a literal ${', async () => {
    const { r } = resolver();
    const spec = await expanded('{"prompt":"const s = `$${name}`;"}', r);
    assert.equal(spec.prompt, 'const s = `${name}`;');
  });

  it('refuses an unknown variable on the variable itself, before resolving any other', async () => {
    const { r, calls } = resolver({ env: { A: 'a' } });
    const p = await problem('{"system":"${env:A} ${input:Q}","prompt":"x ${workspaceFolder} y"}', r);
    assert.equal(p.kind, 'variable');
    assert.deepEqual(p.path, ['prompt']);
    assert.equal(p.underlined, '${workspaceFolder}');
    assert.match(p.message, /Unknown variable \$\{workspaceFolder\}\. Use \$\{env:NAME\}.*Nothing was sent\./);
    assert.deepEqual(calls, { env: [], file: [], input: [], selection: 0 });
  });

  const MALFORMED: [string, string, RegExp][] = [
    ['{"prompt":"${env:}"}', '${env:}', /missing the environment variable/],
    ['{"prompt":"${file: }"}', '${file: }', /missing the file/],
    ['{"prompt":"${input:}"}', '${input:}', /missing the question to ask/],
    ['{"prompt":"${selection:x}"}', '${selection:x}', /Unknown variable/],
    ['{"prompt":"${ENV:HOME}"}', '${ENV:HOME}', /Unknown variable/],
    ['{"prompt":"a ${env:HOME"}', '${env:HOME', /not closed/],
  ];
  for (const [text, token, message] of MALFORMED) {
    it(`refuses ${token} with a message saying what to write`, async () => {
      const { r } = resolver();
      const p = await problem(text, r);
      assert.match(p.message, message);
      assert.equal(p.underlined, token);
    });
  }

  it('checkVariables lists the variables of a request in document order without resolving them', () => {
    const file = only('{"modelId":"${env:M}","body":{"a":["${selection}","${file:f.txt}"],"b":"${input:Q}"}}');
    const checked = checkVariables(file, file.requests[0]);
    assert.deepEqual(checked.problems, []);
    assert.deepEqual(
      checked.refs.map((v) => `${v.kind}:${v.argument}`),
      ['env:M', 'selection:', 'file:f.txt', 'input:Q'],
    );
  });

  it('refuses an unset environment variable, naming it, on the variable', async () => {
    const { r } = resolver();
    const p = await problem('{"prompt":"key ${env:NOT_SET_ANYWHERE}"}', r);
    assert.match(p.message, /Environment variable NOT_SET_ANYWHERE is not set/);
    assert.equal(p.underlined, '${env:NOT_SET_ANYWHERE}');
  });

  it('refuses a file that cannot be read, saying why and that the path is relative to the request file', async () => {
    const { r } = resolver();
    const p = await problem('{"body":{"inputText":"${file:missing.txt}"}}', r);
    assert.deepEqual(p.path, ['body', 'inputText']);
    assert.match(
      p.message,
      /\$\{file:missing\.txt\} cannot be read: \/workspace\/missing\.txt: there is no such file\. The path is relative to the request file\./,
    );
  });

  it('refuses ${selection} when nothing is selected in another editor', async () => {
    for (const selection of [undefined, '']) {
      const { r } = resolver({ selection });
      const p = await problem('{"prompt":"${selection}"}', r);
      assert.match(p.message, /needs selected text in another editor/);
    }
  });

  it('scanString splits literal text and variables', () => {
    assert.deepEqual(scanString('a${env:X}b$${c}'), {
      pieces: ['a', { kind: 'env', argument: 'X', text: '${env:X}' }, 'b${c}'],
    });
    assert.deepEqual(scanString('plain $ {text}'), { pieces: ['plain $ {text}'] });
  });
});
