// The fix list (features/fixes/actions.ts) as plain logic: a classified Bedrock refusal of a request file becomes
// edits of that file, computed against the text as it is, with no workbench (test/unit/fakes/vscode.ts stands in).
import * as assert from 'node:assert/strict';
import { parse } from 'jsonc-parser';
import { classify, type Problem } from '../../../src/core/errors/classify';
import type { Violation } from '../../../src/core/errors/violations';
import type { Entry } from '../../../src/features/diagnostics/model';
import { fixesFor, type FixDeps } from '../../../src/features/fixes/actions';
import { OutlineWorker } from '../../../src/core/requestFile';
import { RequestFileStore } from '../../../src/features/services/requestFileStore';
import type { RequestRunReport } from '../../../src/features/services/requestRuns';
import { applyEdit, Diagnostic, Range, textDocument, type WorkspaceEdit } from '../fakes/vscode';

const HAIKU = 'anthropic.claude-3-haiku-20240307-v1:0';

function refusal(message: string, modelId = HAIKU): Problem {
  const error = Object.assign(new Error(message), { name: 'ValidationException', $metadata: { httpStatusCode: 400 } });
  return classify(error, { modelId, family: 'anthropic', region: 'us-east-1', profile: 'dev' });
}

function entryFor(document: ReturnType<typeof textDocument>, problem: Problem, violation?: Violation): Entry {
  const report = {
    uri: document.uri,
    version: 1,
    requestIndex: 0,
    path: [],
    outcome: 'failed',
    problem,
    bodyPath: ['body'],
  } as unknown as RequestRunReport;
  const entry: Entry = {
    id: 'e1',
    diagnostic: new Diagnostic(new Range(0, 0, 0, 1), problem.message) as never,
    problem,
    origin: { type: 'file', report },
    span: { start: 0, end: 1 },
  };
  if (violation) entry.violation = violation;
  return entry;
}

// Fixes that list models need discovery; the edits tested here do not, so it is never asked. The request file is read
// through the real document store (its outline worker is never needed for file()).
const deps = {
  ctx: { requestFiles: new RequestFileStore(new OutlineWorker('unused')) },
  discovery: { catalog: () => Promise.reject(new Error('not listed in this test')) },
  recents: {},
} as unknown as FixDeps;

// The store keeps one parse per (uri, version): each text of these tests is a version of its own, as after an edit.
let version = 0;
const docOf = (text: string) => textDocument(text, undefined, ++version);

const FILE = `{
  // a comment the fix must keep
  "modelId": "${HAIKU}",
  "body": {
    "anthropic_version": "bedrock-2023-05-31",
    "maxTokens": 100,
    "messages": [{ "role": "user", "content": "hi" }]
  }
}
`;

describe('fix list: request-file edits from a classified refusal', () => {
  const problem = refusal(
    'Malformed input request: #: required key [max_tokens] not found#: extraneous key [maxTokens] is not permitted, please reformat your input and try again.',
  );
  const [missing, extraneous] = problem.violations!;

  it("a missing key: inserts the family's default value into the body, as the preferred fix, keeping comments", async () => {
    const document = docOf(FILE);
    const fixes = await fixesFor(deps, entryFor(document, problem, missing), document);
    const insert = fixes.find((f) => f.title.startsWith('Insert "max_tokens"'));
    assert.ok(insert?.edit, fixes.map((f) => f.title).join(' | '));
    assert.equal(insert.preferred, true);
    const after = applyEdit(document, insert.edit as unknown as WorkspaceEdit);
    const body = parse(after).body as Record<string, unknown>;
    assert.equal(typeof body.max_tokens, 'number');
    assert.ok(after.includes('// a comment the fix must keep'));
  });

  it('an extraneous key this family spells otherwise: renames it first, and offers to remove it', async () => {
    const document = docOf(FILE);
    const fixes = await fixesFor(deps, entryFor(document, problem, extraneous), document);
    assert.equal(fixes[0].title, 'Rename "maxTokens" to "max_tokens"');
    const renamed = parse(applyEdit(document, fixes[0].edit as unknown as WorkspaceEdit)).body as Record<
      string,
      unknown
    >;
    assert.deepEqual([renamed.max_tokens, renamed.maxTokens], [100, undefined]);
    const remove = fixes.find((f) => f.title === 'Remove "maxTokens"');
    assert.ok(remove?.edit);
    const removed = parse(applyEdit(document, remove.edit as unknown as WorkspaceEdit)).body as Record<string, unknown>;
    assert.equal('maxTokens' in removed, false);
  });

  it('no rename when the right spelling is already there (it would write the key twice)', async () => {
    const document = docOf(FILE.replace('"maxTokens": 100,', '"maxTokens": 100, "max_tokens": 50,'));
    const fixes = await fixesFor(deps, entryFor(document, problem, extraneous), document);
    assert.ok(!fixes.some((f) => f.title.startsWith('Rename')), fixes.map((f) => f.title).join(' | '));
    assert.ok(fixes.some((f) => f.title === 'Remove "maxTokens"'));
  });

  it('edits are computed against the text as it is now: a request that moved still gets the key in its own body', async () => {
    const moved = `[\n  { "prompt": "another request first" },\n${FILE.trimEnd()}\n]\n`;
    const document = docOf(moved);
    const entry = entryFor(document, problem, missing);
    (entry.origin as { report: { requestIndex: number; path: unknown[] } }).report.requestIndex = 1;
    (entry.origin as { report: { path: unknown[] } }).report.path = [1];
    const insert = (await fixesFor(deps, entry, document)).find((f) => f.title.startsWith('Insert'));
    const after = parse(applyEdit(document, insert!.edit as unknown as WorkspaceEdit)) as Array<{
      body?: Record<string, unknown>;
    }>;
    assert.equal(after[0].body, undefined, 'the first request is untouched');
    assert.equal(typeof after[1].body?.max_tokens, 'number');
  });
});
