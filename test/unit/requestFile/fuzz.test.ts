// Seeded mutations of every example and fixture request file (byte flips, truncation, deep nesting, huge strings,
// wrong types, duplicate keys, unicode, BOM, comments, variable edge cases) through parsing, field checks, the
// outline, variable checks and expansion (files read from a real folder with links out of it) and request building:
// no exception escapes, no input takes a second, and every refusal has a message and a range inside the text.
// FUZZ_CASES=10000 runs more cases, FUZZ_SEED=n another sequence; a failure names its case, seed and mutations.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { resolveModel } from '../../../src/core/models';
import {
  checkVariables,
  expandRequest,
  modelIdOf,
  oncePerRun,
  outlineOfFile,
  parseRequestFile,
  prepareRequest,
  type RequestFileProblem,
  type VariableResolver,
} from '../../../src/core/requestFile';
import { readFileInside } from '../../../src/core/security';

const CASES = Number(process.env.FUZZ_CASES ?? 2000);
const SEED = Number(process.env.FUZZ_SEED ?? 20261202);
const REPO = path.join(__dirname, '..', '..', '..', '..');

function seeds(): Array<{ name: string; text: string }> {
  const out: Array<{ name: string; text: string }> = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (entry.name.endsWith('.bedrock.json'))
        out.push({ name: path.relative(REPO, file), text: fs.readFileSync(file, 'utf8') });
    }
  };
  walk(path.join(REPO, 'examples'));
  walk(path.join(REPO, 'test', 'fixtures'));
  return out;
}

/** mulberry32: small, fast and the same everywhere, so a seed replays a case exactly. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rand = () => number;
const int = (r: Rand, n: number) => Math.floor(r() * n);
const pick = <T>(r: Rand, items: readonly T[]): T => items[int(r, items.length)];
const at = (r: Rand, text: string) => int(r, text.length + 1);
const insert = (text: string, offset: number, what: string) => text.slice(0, offset) + what + text.slice(offset);

const UNICODE = [
  '\u0000',
  '\u001f',
  '\u00e9',
  '\u200b',
  '\u202e',
  '\ufeff',
  '\ud83d',
  '\ude00',
  '\ud83d\ude00',
  '\u2028',
  '\u{10ffff}',
  'Ω≈ç√',
  '\\u00',
  '\\ud83d',
  '\\',
];
const VARIABLES = [
  '${',
  '${}',
  '${env:}',
  '${env: }',
  '${env:HOME}',
  '${env:AWS_SECRET_ACCESS_KEY}',
  '${file:}',
  '${file:prompt.txt}',
  '${file:../outside.txt}',
  '${file:/proc/self/environ}',
  '${file:link-out.txt}',
  '${file:big.txt}',
  '${file:folder}',
  '${file:missing.txt}',
  '${input:}',
  '${input:Topic}',
  '${input:',
  '${selection}',
  '${selection:x}',
  '$${',
  '$$${selection}',
  '${${env:HOME}}',
  '${unknown:x}',
  '${clipboard}',
  '${env:A}'.repeat(1200),
];
const VALUES = [
  'null',
  'true',
  'false',
  '0',
  '-1',
  '1e309',
  '-0',
  '1.5',
  '""',
  '"x"',
  '[]',
  '{}',
  '[1,2]',
  '{"a":1}',
  '"${selection}"',
  '123456789012345678901234567890',
];
const KEYS = [
  'modelId',
  'prompt',
  'body',
  'system',
  'maxTokens',
  'temperature',
  'topP',
  'stream',
  'output',
  'name',
  'expect',
  '__proto__',
  'constructor',
  '$schema',
  'messages',
  'role',
];

/** One mutation of the text; returns the new text and what was done, for the failure message. */
function mutate(r: Rand, text: string): [string, string] {
  switch (int(r, 12)) {
    case 0: {
      const offset = int(r, Math.max(1, text.length));
      return [text.slice(0, offset) + String.fromCharCode(int(r, 128)) + text.slice(offset + 1), `flip@${offset}`];
    }
    case 1: {
      const offset = at(r, text);
      return [text.slice(0, offset), `truncate@${offset}`];
    }
    case 2: {
      const depth = pick(r, [50, 99, 100, 101, 150, 2000, 5000]);
      const open = pick(r, ['[', '{"a":']);
      const close = open === '[' ? ']' : '}';
      const offset = at(r, text);
      const balanced = r() < 0.5;
      return [
        insert(text, offset, open.repeat(depth) + (balanced ? `1${close.repeat(depth)}` : '')),
        `nest ${open}x${depth}@${offset}${balanced ? '' : ' unclosed'}`,
      ];
    }
    case 3: {
      const size = pick(r, [1024, 64 * 1024, 300 * 1024]);
      const offset = at(r, text);
      return [insert(text, offset, `"${'z'.repeat(size)}"`), `huge string ${size}@${offset}`];
    }
    case 4: {
      // A value of the wrong type where a field's value is.
      const key = pick(r, KEYS);
      const found = text.indexOf(`"${key}"`);
      if (found < 0) return [insert(text, text.indexOf('{') + 1, `"${key}": ${pick(r, VALUES)},`), `add ${key}`];
      const colon = text.indexOf(':', found);
      return [insert(text, colon + 1, ` ${pick(r, VALUES)},`), `retype ${key}`];
    }
    case 5: {
      const key = pick(r, KEYS);
      const brace = [...text.matchAll(/\{/g)].map((m) => m.index ?? 0);
      const offset = brace.length ? pick(r, brace) + 1 : 0;
      return [
        insert(text, offset, `"${key}": ${pick(r, VALUES)}, "${key}": ${pick(r, VALUES)},`),
        `duplicate ${key}@${offset}`,
      ];
    }
    case 6: {
      const offset = at(r, text);
      return [insert(text, offset, pick(r, UNICODE)), `unicode@${offset}`];
    }
    case 7:
      return [`\ufeff${text}`, 'BOM'];
    case 8: {
      const offset = at(r, text);
      return [
        insert(text, offset, pick(r, ['// c\n', '/* c */', '/* unclosed', '//', '/*/', '*/'])),
        `comment@${offset}`,
      ];
    }
    case 9: {
      // A variable inside a string of the file, or as a new prompt.
      const quotes = [...text.matchAll(/"[^"\\\n]*"/g)].map((m) => (m.index ?? 0) + 1);
      const offset = quotes.length ? pick(r, quotes) : 0;
      return [insert(text, offset, pick(r, VARIABLES)), `variable@${offset}`];
    }
    case 10: {
      // Up to ~600 KB of text: more than a real request file, still quick to run 2,000 times.
      const count = text.length * 1500 < 600_000 ? pick(r, [2, 999, 1001, 1500]) : 2;
      return [`[${Array.from({ length: count }, () => text.trim() || '{}').join(',')}]`, `array of ${count}`];
    }
    default: {
      const from = at(r, text);
      const to = at(r, text);
      return [text.slice(0, Math.min(from, to)) + text.slice(Math.max(from, to)), `cut ${from}-${to}`];
    }
  }
}

function checkProblem(text: string, problem: RequestFileProblem, where: string): void {
  assert.ok(
    typeof problem.message === 'string' && problem.message.trim().length > 10,
    `${where}: a refusal without a message`,
  );
  const { offset, length } = problem.range;
  assert.ok(
    Number.isInteger(offset) &&
      Number.isInteger(length) &&
      offset >= 0 &&
      length >= 0 &&
      offset + length <= text.length,
    `${where}: range ${offset}+${length} outside the text (${text.length}): ${problem.message}`,
  );
  assert.ok(Array.isArray(problem.path), `${where}: no path`);
}

describe('request files: fuzzing parse, field checks, variables and request building', function () {
  let folder: string;
  let resolver: VariableResolver;

  before(() => {
    const base = fs.mkdtempSync(path.join(os.tmpdir(), 'bedrock-fuzz-'));
    folder = path.join(base, 'repo');
    fs.mkdirSync(path.join(folder, 'folder'), { recursive: true });
    fs.writeFileSync(path.join(folder, 'prompt.txt'), 'from a file');
    fs.writeFileSync(path.join(folder, 'big.txt'), 'b'.repeat(70 * 1024));
    fs.writeFileSync(path.join(base, 'outside.txt'), 'secret');
    fs.symlinkSync(path.join(base, 'outside.txt'), path.join(folder, 'link-out.txt'));
    let asked = 0;
    resolver = {
      env: (name) => (name === 'HOME' ? '/home/u' : name === 'A' ? '' : undefined),
      file: async (relative) =>
        (await readFileInside(path.resolve(folder, relative), { roots: [folder], maxBytes: 64 * 1024 })).text,
      input: async (prompt) => (asked++ % 5 === 4 ? undefined : `answer to ${prompt.slice(0, 20)}`),
      selection: () => 'selected text',
    };
  });
  after(() => fs.rmSync(path.dirname(folder), { recursive: true, force: true }));

  it(`${CASES} seeded cases (seed ${SEED}): no exception, none over 1 s, every refusal with a message and a range`, async function () {
    this.timeout(Math.max(60_000, CASES * 100));
    const r = random(SEED);
    const inputs = seeds();
    assert.ok(inputs.length >= 10, `found only ${inputs.length} request files to mutate`);
    let refused = 0;
    let built = 0;
    let slowest = { ms: 0, what: '' };
    for (let n = 0; n < CASES; n++) {
      const seed = inputs[n % inputs.length];
      let text = seed.text;
      const done: string[] = [];
      for (let m = 1 + int(r, 3); m > 0; m--) {
        const [next, what] = mutate(r, text);
        text = next;
        done.push(what);
      }
      const where = `case ${n} (${seed.name}: ${done.join(', ')}; FUZZ_SEED=${SEED})`;
      const started = performance.now();
      try {
        const file = parseRequestFile(text);
        outlineOfFile(file);
        for (const p of file.problems) checkProblem(text, p, where);
        for (const spec of file.requests.slice(0, 3)) {
          const blocking = file.problemsOf(spec.index);
          const checked = checkVariables(file, spec);
          for (const p of checked.problems) checkProblem(text, p, where);
          if (blocking.length || checked.problems.length) {
            refused++;
            continue;
          }
          const expansion = await expandRequest(file, spec, oncePerRun(resolver), { expectations: r() < 0.5 });
          if ('problem' in expansion) {
            checkProblem(text, expansion.problem, where);
            refused++;
            continue;
          }
          if ('cancelled' in expansion) continue;
          const named = modelIdOf(expansion.spec, r() < 0.5 ? 'amazon.nova-lite-v1:0' : undefined);
          if ('problem' in named) {
            checkProblem(text, named.problem, where);
            refused++;
            continue;
          }
          const prepared = prepareRequest(expansion.spec, {
            modelId: named.modelId,
            family: resolveModel(named.modelId).family,
            streamByDefault: true,
            rangeOf: file.rangeOf,
          });
          if ('problem' in prepared) {
            checkProblem(text, prepared.problem, where);
            refused++;
          } else {
            assert.equal(typeof prepared.prepared.request.body, 'string', where);
            JSON.parse(prepared.prepared.request.body as string);
            built++;
          }
        }
      } catch (error) {
        assert.fail(`${where} threw: ${error instanceof Error ? error.stack : String(error)}`);
      }
      const ms = performance.now() - started;
      if (ms > slowest.ms) slowest = { ms, what: where };
      assert.ok(ms < 1000, `${where} took ${ms.toFixed(0)} ms`);
    }
    // The mutations reach every stage: some requests are refused and some are built.
    assert.ok(refused > CASES / 10, `only ${refused} refusals`);
    assert.ok(built > CASES / 20, `only ${built} requests built`);
    console.log(
      `      fuzz: ${CASES} cases, ${refused} refusals, ${built} requests built, slowest ${slowest.ms.toFixed(0)} ms (${slowest.what})`,
    );
  });
});
