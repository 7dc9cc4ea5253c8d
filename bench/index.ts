// Benchmarks that run inside VS Code's real extension host (loaded like an integration suite by scripts/bench.mjs):
// the extension against the raw AWS SDK loop, same emulator, same process, same run. Prints ratios.
import * as vscode from 'vscode';
import { BedrockRuntimeClient, InvokeModelWithResponseStreamCommand } from '@aws-sdk/client-bedrock-runtime';
import { DEFAULT_ACCESS_KEY_ID, DEFAULT_SECRET_ACCESS_KEY } from '../test/emulator';
import { resultLine } from '../test/harness/resultLine';
import type { TextRunOutcome } from '../src/features/shared/runText';

const EXTENSION_ID = 'bedrock-invoke.bedrock-invoke';
const MODEL = 'anthropic.claude-3-haiku-20240307-v1:0';
const PROMPT = 'Benchmark prompt';
const REPEAT = Number(process.env.BENCH_REPEAT ?? 3);

const url = (): string => {
  const value = process.env.BEDROCK_EMULATOR_URL;
  if (!value) throw new Error('BEDROCK_EMULATOR_URL is not set: run npm run bench');
  return value;
};

async function configureEmulator(chunks: number): Promise<void> {
  const response = await fetch(`${url()}/_emulator/config`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ fillerTokens: chunks, pacing: { chunks, chunksPerSecond: 0, firstByteDelayMs: 0 } }),
  });
  if (!response.ok) throw new Error(`emulator config: HTTP ${response.status}`);
  await fetch(`${url()}/_emulator/reset`, { method: 'POST', body: '{}' });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const body = JSON.stringify({ anthropic_version: 'bedrock-2023-05-31', max_tokens: 1024, messages: [{ role: 'user', content: PROMPT }] });
const decoder = new TextDecoder();
let client: BedrockRuntimeClient | undefined;

/** The baseline: what any program would do with the SDK alone. */
async function sdkLoop(): Promise<{ totalMs: number; firstChunkMs: number; chars: number }> {
  client ??= new BedrockRuntimeClient({
    region: 'us-east-1',
    endpoint: url(),
    credentials: { accessKeyId: DEFAULT_ACCESS_KEY_ID, secretAccessKey: DEFAULT_SECRET_ACCESS_KEY },
  });
  const started = performance.now();
  let firstChunkMs = NaN;
  let chars = 0;
  const response = await client.send(new InvokeModelWithResponseStreamCommand({ modelId: MODEL, body, contentType: 'application/json' }));
  for await (const event of response.body ?? []) {
    if (!event.chunk?.bytes) continue;
    const parsed = JSON.parse(decoder.decode(event.chunk.bytes)) as { type?: string; delta?: { text?: string } };
    if (parsed.type === 'content_block_delta' && parsed.delta?.text) {
      if (Number.isNaN(firstChunkMs)) firstChunkMs = performance.now() - started;
      chars += parsed.delta.text.length;
    }
  }
  return { totalMs: performance.now() - started, firstChunkMs, chars };
}

async function selectPrompt(): Promise<void> {
  const document = await vscode.workspace.openTextDocument({ language: 'plaintext', content: PROMPT });
  const editor = await vscode.window.showTextDocument(document);
  editor.selection = new vscode.Selection(0, 0, 0, PROMPT.length);
}

async function closeEditors(): Promise<void> {
  for (const document of vscode.workspace.textDocuments) {
    if (!document.isDirty) continue;
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/** The extension: Invoke Model on Selection into a sink, until the command resolves (all text visible). */
async function extensionRun(output: 'outputChannel' | 'newDocument'): Promise<{ totalMs: number; pipelineMs: number; firstVisibleMs: number; chars: number }> {
  await vscode.workspace.getConfiguration('bedrock').update('output', output, vscode.ConfigurationTarget.Global);
  await selectPrompt();
  let firstVisibleMs = NaN;
  const started = performance.now();
  const watcher = vscode.workspace.onDidChangeTextDocument((e) => {
    if (Number.isNaN(firstVisibleMs) && e.document.isUntitled && e.document.languageId === 'markdown' && e.contentChanges.length) {
      firstVisibleMs = performance.now() - started;
    }
  });
  try {
    const outcome = await vscode.commands.executeCommand<TextRunOutcome>('bedrock.invokeSelection');
    const totalMs = performance.now() - started;
    if (outcome?.result.outcome !== 'completed') throw new Error(`the invocation ended ${outcome?.result.outcome}: ${String(outcome?.result.error)}`);
    if (output === 'outputChannel') firstVisibleMs = outcome.result.firstTextMs ?? NaN;
    return { totalMs, pipelineMs: outcome.result.totalMs, firstVisibleMs, chars: outcome.result.text.length };
  } finally {
    watcher.dispose();
    await closeEditors();
  }
}

function row(cells: (string | number)[]): string {
  return cells.map((c, i) => String(c).padEnd(i === 0 ? 34 : 14)).join('');
}

export async function run(): Promise<void> {
  const extension = vscode.extensions.getExtension<{ activationMs: number }>(EXTENSION_ID);
  if (!extension) throw new Error(`${EXTENSION_ID} is not loaded`);
  const api = await extension.activate();
  const config = vscode.workspace.getConfiguration('bedrock');
  await config.update('modelId', MODEL, vscode.ConfigurationTarget.Global);
  await config.update('stream', true, vscode.ConfigurationTarget.Global);
  const lines: string[] = [];
  const print = (line: string) => {
    lines.push(line);
    console.log(line);
  };
  let failed = 0;
  try {
    print('BENCH streaming throughput (median of ' + REPEAT + ', extension vs raw SDK loop, same emulator)');
    print(row(['case', 'SDK ms', 'extension ms', 'ratio', 'goal', 'of which stream ms']));
    for (const chunks of [10_000, 100_000]) {
      await configureEmulator(chunks);
      await extensionRun('outputChannel'); // warm-up: loads the SDK and opens the connection
      await sdkLoop();
      for (const output of ['outputChannel', 'newDocument'] as const) {
        const sdk: number[] = [];
        const ext: number[] = [];
        const pipeline: number[] = [];
        for (let i = 0; i < REPEAT; i++) {
          const base = await sdkLoop();
          const ours = await extensionRun(output);
          if (ours.chars !== base.chars) throw new Error(`text differs: extension ${ours.chars} chars, SDK ${base.chars}`);
          sdk.push(base.totalMs);
          ext.push(ours.totalMs);
          pipeline.push(ours.pipelineMs);
        }
        const ratio = median(ext) / median(sdk);
        print(row([`${chunks} chunks -> ${output}`, median(sdk).toFixed(0), median(ext).toFixed(0), `${ratio.toFixed(2)}x`, '<= 1.10x', median(pipeline).toFixed(0)]));
      }
    }

    print('');
    print('BENCH time to first visible text (median of ' + REPEAT + ')');
    print(row(['case', 'SDK first ms', 'extension ms', 'difference', 'goal']));
    await configureEmulator(50);
    for (const output of ['outputChannel', 'newDocument'] as const) {
      const sdk: number[] = [];
      const ext: number[] = [];
      for (let i = 0; i < REPEAT; i++) {
        sdk.push((await sdkLoop()).firstChunkMs);
        ext.push((await extensionRun(output)).firstVisibleMs);
      }
      const label = output === 'outputChannel' ? 'outputChannel (first append)' : 'newDocument (first edit seen)';
      print(row([label, median(sdk).toFixed(1), median(ext).toFixed(1), `+${(median(ext) - median(sdk)).toFixed(1)} ms`, '< +5 ms']));
    }

    print('');
    print(`BENCH activate() in the extension host: ${api.activationMs.toFixed(1)} ms`);
  } catch (error) {
    failed = 1;
    console.log(`BENCH failed: ${(error as Error).stack ?? String(error)}`);
  } finally {
    client?.destroy();
    console.log(resultLine('INTEGRATION', failed ? 0 : 1, failed));
  }
  if (failed) throw new Error('the benchmark failed');
}
