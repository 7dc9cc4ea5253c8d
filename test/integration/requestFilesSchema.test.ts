// The request-file schema at work in the editor: VS Code's own JSON language service (built in, not ours) validates
// *.bedrock.json while typing, completes body fields of the family modelId names, shows hover docs, and accepts
// comments because the files open as JSON with comments.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { closeAllEditors, until } from './support/workbench';

async function open(name: string, text: string): Promise<vscode.TextDocument> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder);
  const file = path.join(folder.uri.fsPath, name);
  fs.writeFileSync(file, text);
  const document = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
  await vscode.window.showTextDocument(document, { preview: false });
  return document;
}

function messages(uri: vscode.Uri): string[] {
  return vscode.languages.getDiagnostics(uri).map((d) => d.message);
}

describe('Request files: schema in the editor', () => {
  afterEach(closeAllEditors);

  it('flags a body that does not fit the family modelId names, and nothing in a valid file with comments', async () => {
    const bad = await open(
      'schema-bad.bedrock.json',
      '// comment\n{\n  "modelId": "us.anthropic.claude-3-5-haiku-20241022-v1:0",\n  "body": { "messages": [{ "role": "user", "content": "hi" }], "temprature": 0.5 },\n}\n',
    );
    const found = await until('schema diagnostics', () => {
      const all = messages(bad.uri);
      return all.some((m) => /max_tokens/.test(m)) ? all : undefined;
    });
    assert.ok(
      found.some((m) => /temprature/.test(m)),
      found.join(' | '),
    );

    // One deliberate mistake gives a signal that validation ran; it must be the only diagnostic (no complaint about
    // comments, trailing commas or the valid requests).
    const text =
      '// comment\n[\n  { "modelId": "amazon.nova-lite-v1:0", "prompt": "hi", /* inline */ },\n  { "modelId": "cohere.embed-english-v3", "body": { "texts": ["a"], "input_type": "search_query" } },\n  { "prompt": "x", "output": "printer" },\n]\n';
    const good = await open('schema-good.bedrock.json', text);
    const diagnostics = await until('diagnostics of the mostly valid file', () => {
      const all = vscode.languages.getDiagnostics(good.uri);
      return all.length ? all : undefined;
    });
    assert.deepEqual(
      diagnostics.map((d) => good.getText(d.range)),
      ['"printer"'],
      diagnostics.map((d) => d.message).join(' | '),
    );
  });

  it('completes the body fields of the family modelId names', async () => {
    const text = '{\n  "modelId": "amazon.nova-lite-v1:0",\n  "body": {  }\n}\n';
    const document = await open('schema-complete.bedrock.json', text);
    const at = document.positionAt(text.indexOf('{  }') + 2);
    const labels = await until('body completions', async () => {
      const list = await vscode.commands.executeCommand<vscode.CompletionList>(
        'vscode.executeCompletionItemProvider',
        document.uri,
        at,
      );
      const all = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
      return all.some((l) => l.includes('inferenceConfig')) ? all : undefined;
    });
    assert.ok(labels.some((l) => l.includes('messages')));
    assert.ok(!labels.some((l) => l.includes('anthropic_version')), 'no fields of other families');
  });

  it('shows hover docs for request fields', async () => {
    const text = '{ "prompt": "hi" }';
    const document = await open('schema-hover.bedrock.json', text);
    const hovers = await until('a hover on "prompt"', async () => {
      const found = await vscode.commands.executeCommand<vscode.Hover[]>(
        'vscode.executeHoverProvider',
        document.uri,
        document.positionAt(4),
      );
      return found.length ? found : undefined;
    });
    const shown = hovers
      .flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : '')))
      .join('\n');
    assert.match(shown, /user message/i);
  });
});
