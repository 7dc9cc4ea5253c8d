// Benchmarks that run inside VS Code's real extension host (loaded like an integration suite by scripts/bench.mjs):
// the extension against the raw AWS SDK loop, same emulator, same process, same run. Prints ratios. Diagnostics
// (BENCH_CPU, BENCH_PROFILE) and filters (BENCH_CHUNKS, BENCH_OUTPUTS, BENCH_REPEAT) are described in the README.
import * as vscode from 'vscode';
import { Session } from 'node:inspector/promises';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { BedrockRuntimeClient, InvokeModelWithResponseStreamCommand } from '@aws-sdk/client-bedrock-runtime';
import { DEFAULT_ACCESS_KEY_ID, DEFAULT_SECRET_ACCESS_KEY } from '../test/emulator';
import { resultLine } from '../test/harness/resultLine';
import type { TextRunOutcome } from '../src/features/services/runText';

const EXTENSION_ID = 'bedrock-invoke.bedrock-invoke';
const MODEL = 'anthropic.claude-3-haiku-20240307-v1:0';
const PROMPT = 'Benchmark prompt';
const REPEAT = Number(process.env.BENCH_REPEAT ?? 3);

const url = (): string => {
  const value = process.env.BEDROCK_EMULATOR_URL;
  if (!value) throw new Error('BEDROCK_EMULATOR_URL is not set: run npm run bench');
  return value;
};

async function configureEmulator(chunks: number, firstByteDelayMs = 0): Promise<void> {
  const response = await fetch(`${url()}/_emulator/config`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ fillerTokens: chunks, pacing: { chunks, chunksPerSecond: 0, firstByteDelayMs } }),
  });
  if (!response.ok) throw new Error(`emulator config: HTTP ${response.status}`);
  await fetch(`${url()}/_emulator/reset`, { method: 'POST', body: '{}' });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const body = JSON.stringify({
  anthropic_version: 'bedrock-2023-05-31',
  max_tokens: 1024,
  messages: [{ role: 'user', content: PROMPT }],
});
const decoder = new TextDecoder();
let client: BedrockRuntimeClient | undefined;
const sdkClient = (): BedrockRuntimeClient =>
  (client ??= new BedrockRuntimeClient({
    region: 'us-east-1',
    endpoint: url(),
    credentials: { accessKeyId: DEFAULT_ACCESS_KEY_ID, secretAccessKey: DEFAULT_SECRET_ACCESS_KEY },
  }));

/** The SDK alone: one streamed request, each text delta handed to `onText` as it arrives. */
async function sdkStream(onText: (text: string) => void): Promise<void> {
  const response = await sdkClient().send(
    new InvokeModelWithResponseStreamCommand({ modelId: MODEL, body, contentType: 'application/json' }),
  );
  for await (const event of response.body ?? []) {
    if (!event.chunk?.bytes) continue;
    const parsed = JSON.parse(decoder.decode(event.chunk.bytes)) as { type?: string; delta?: { text?: string } };
    if (parsed.type === 'content_block_delta' && parsed.delta?.text) onText(parsed.delta.text);
  }
}

/** The baseline: what any program would do with the SDK alone. */
async function sdkLoop(): Promise<{ totalMs: number; firstChunkMs: number; chars: number }> {
  const started = performance.now();
  let firstChunkMs = NaN;
  let chars = 0;
  await sdkStream((text) => {
    if (Number.isNaN(firstChunkMs)) firstChunkMs = performance.now() - started;
    chars += text.length;
  });
  return { totalMs: performance.now() - started, firstChunkMs, chars };
}

let floorChannel: vscode.OutputChannel | undefined;

/**
 * The floor: the raw SDK loop plus the least any extension must do to stream its text into the sink. The first text is
 * written the moment it arrives (a streamed answer shows its start at once), the rest in one write at the end.
 * - outputChannel: a channel of its own, already shown before the clock starts (the extension's run reveals its
 *   channel inside its time), so the floor is a lower bound;
 * - newDocument: an untitled Markdown document opened beside and shown while the request runs, as the extension does.
 * Where the floor itself is over a goal, no extension can meet that goal on this machine.
 */
async function floorRun(
  output: 'outputChannel' | 'newDocument',
): Promise<{ totalMs: number; firstVisibleMs: number; chars: number }> {
  const started = performance.now();
  let firstVisibleMs = NaN;
  let write: (text: string) => Promise<void>;
  let shown: PromiseLike<unknown> = Promise.resolve();
  let shownMs = 0;
  if (output === 'outputChannel') {
    const channel = floorChannel;
    if (!channel) throw new Error('the floor channel is not shown');
    write = async (text) => channel.append(text);
  } else {
    // Text goes in as soon as the document exists, while its editor is being shown; visible once both are done.
    const opened = vscode.workspace.openTextDocument({ language: 'markdown', content: '' });
    shown = opened
      .then((document) =>
        vscode.window.showTextDocument(document, {
          viewColumn: vscode.ViewColumn.Beside,
          preview: false,
          preserveFocus: true,
        }),
      )
      .then(() => void (shownMs = performance.now() - started));
    write = async (text) => {
      const document = await opened;
      const edit = new vscode.WorkspaceEdit();
      edit.insert(document.uri, document.positionAt(document.getText().length), text);
      await vscode.workspace.applyEdit(edit);
    };
  }
  let first: Promise<void> | undefined;
  let rest = '';
  let chars = 0;
  await sdkStream((text) => {
    chars += text.length;
    if (first) rest += text;
    else first = write(text).then(() => void (firstVisibleMs = performance.now() - started));
  });
  await first;
  if (rest) await write(rest);
  await shown;
  return { totalMs: performance.now() - started, firstVisibleMs: Math.max(firstVisibleMs, shownMs), chars };
}

let promptEditor: vscode.TextEditor | undefined;

/** The prompt, selected in an editor that stays open for the whole benchmark, so no run pays for opening it. */
async function selectPrompt(): Promise<void> {
  promptEditor ??= await vscode.window.showTextDocument(
    await vscode.workspace.openTextDocument({ language: 'plaintext', content: PROMPT }),
  );
  promptEditor = await vscode.window.showTextDocument(promptEditor.document, vscode.ViewColumn.One);
  promptEditor.selection = new vscode.Selection(0, 0, 0, PROMPT.length);
}

/** Closes the answer documents a run opened (untitled Markdown), without saving, and selects the prompt again. */
async function closeAnswers(): Promise<void> {
  for (const document of vscode.workspace.textDocuments) {
    if (!document.isUntitled || document.languageId !== 'markdown') continue;
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
  await selectPrompt();
}

/**
 * Waits until the machine is quiet (the workbench has finished rendering what came before), so that every measured
 * run, the SDK's and the extension's alike, starts from the same idle workbench. Linux only (/proc); elsewhere a pause.
 */
async function settle(): Promise<void> {
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  let before: number;
  try {
    before = totalCpuMs();
  } catch {
    return void (await sleep(500));
  }
  let quiet = 0;
  for (let i = 0; i < 50 && quiet < 3; i++) {
    await sleep(100);
    const now = totalCpuMs();
    quiet = now - before < 10 ? quiet + 1 : 0;
    before = now;
  }
}

function totalCpuMs(): number {
  let total = 0;
  for (const ms of cpuByKind().values()) total += ms;
  return total;
}

/**
 * The extension: Invoke Model on Selection into a sink, until the command resolves (all text written). First visible
 * text counts from the command's start, like the SDK's first chunk counts from its send: in the Output channel, the
 * first write of text; in a new document, the later of its first edit and its editor becoming visible.
 */
async function extensionRun(
  output: 'outputChannel' | 'newDocument',
): Promise<{ totalMs: number; pipelineMs: number; firstVisibleMs: number; chars: number }> {
  let firstEditMs = NaN;
  let editorShownMs = NaN;
  const isAnswer = (document: vscode.TextDocument) => document.isUntitled && document.languageId === 'markdown';
  const started = performance.now();
  const edits = vscode.workspace.onDidChangeTextDocument((e) => {
    if (Number.isNaN(firstEditMs) && isAnswer(e.document) && e.contentChanges.length)
      firstEditMs = performance.now() - started;
  });
  const editors = vscode.window.onDidChangeVisibleTextEditors((visible) => {
    if (Number.isNaN(editorShownMs) && visible.some((editor) => isAnswer(editor.document)))
      editorShownMs = performance.now() - started;
  });
  try {
    const outcome = await vscode.commands.executeCommand<TextRunOutcome>('bedrock.invokeSelection');
    const totalMs = performance.now() - started;
    const result = outcome?.result;
    if (result?.outcome !== 'completed')
      throw new Error(`the invocation ended ${result?.outcome}: ${String(result?.error)}`);
    // The pipeline times its first text from its own start; what came before it in the command counts too.
    const firstVisibleMs =
      output === 'outputChannel'
        ? totalMs - result.totalMs + (result.firstTextMs ?? NaN)
        : Math.max(firstEditMs, editorShownMs);
    return { totalMs, pipelineMs: result.totalMs, firstVisibleMs, chars: result.text.length };
  } finally {
    edits.dispose();
    editors.dispose();
  }
}

async function useOutput(output: 'outputChannel' | 'newDocument'): Promise<void> {
  await vscode.workspace.getConfiguration('bedrock').update('output', output, vscode.ConfigurationTarget.Global);
  await selectPrompt();
}

/** With BENCH_PROFILE=dir: a CPU profile of the extension host while `work` runs, written to dir/name.cpuprofile. */
async function profiled<T>(name: string, work: () => Promise<T>): Promise<T> {
  const dir = process.env.BENCH_PROFILE;
  if (!dir) return work();
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 100 });
  await session.post('Profiler.start');
  try {
    return await work();
  } finally {
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(`${dir}/${name}.cpuprofile`, JSON.stringify(profile));
    session.disconnect();
  }
}

/** CPU ms used so far by each kind of process on the machine (from /proc). */
function cpuByKind(): Map<string, number> {
  const out = new Map<string, number>();
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const ms = ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
      const kind =
        Number(pid) === process.pid
          ? 'exthost'
          : /chrom/.test(cmd)
            ? /type=renderer/.test(cmd)
              ? 'renderer'
              : /type=gpu/.test(cmd)
                ? 'gpu'
                : /type=/.test(cmd)
                  ? 'chromium-other'
                  : 'browser'
            : /bench\.mjs/.test(cmd)
              ? 'emulator'
              : /node/.test(cmd)
                ? 'node-other'
                : 'other';
      out.set(kind, (out.get(kind) ?? 0) + ms);
    } catch {
      /* gone */
    }
  }
  return out;
}

/** With BENCH_CPU=1: prints the CPU each kind of process used while `work` ran, to see what competes with a stream. */
async function cpuOf<T>(label: string, work: () => PromiseLike<T>): Promise<T> {
  if (!process.env.BENCH_CPU) return work();
  const before = cpuByKind();
  const t = performance.now();
  const result = await work();
  const wall = performance.now() - t;
  const after = cpuByKind();
  const parts = [...after]
    .map(([k, v]) => [k, v - (before.get(k) ?? 0)] as const)
    .filter(([, v]) => v > 0)
    .sort((a, b) => b[1] - a[1]);
  console.log(
    `CPU ${label.padEnd(32)} wall ${wall.toFixed(0).padStart(5)}  ` +
      parts.map(([k, v]) => `${k}=${v.toFixed(0)}`).join(' '),
  );
  return result;
}

function row(cells: (string | number)[]): string {
  return cells.map((c, i) => String(c).padEnd(i === 0 ? 34 : 14)).join('');
}

const signedMs = (ms: number): string => `${ms >= 0 ? '+' : ''}${ms.toFixed(1)} ms`;

/** The floor's runs for one case, each against an SDK run on the same quiet machine: median floor / median SDK. */
async function floorRatio(output: 'outputChannel' | 'newDocument', label: string): Promise<number> {
  const { floor, sdk } = await floorAndSdkRuns(output, REPEAT, label);
  return median(floor.map((f) => f.totalMs)) / median(sdk.map((b) => b.totalMs));
}

/** The floor's first visible text against the SDK's first chunk (median of each). */
async function floorDifference(output: 'outputChannel' | 'newDocument'): Promise<number> {
  const { floor, sdk } = await floorAndSdkRuns(output, REPEAT);
  return median(floor.map((f) => f.firstVisibleMs)) - median(sdk.map((b) => b.firstChunkMs));
}

async function floorAndSdkRuns(output: 'outputChannel' | 'newDocument', repeat: number, label?: string) {
  if (output === 'outputChannel') {
    floorChannel ??= vscode.window.createOutputChannel('Bedrock bench floor');
    floorChannel.show(true);
  }
  await selectPrompt();
  await floorRun(output).finally(closeAnswers); // warm-up: the floor's channel is the one shown
  const floor: Awaited<ReturnType<typeof floorRun>>[] = [];
  const sdk: Awaited<ReturnType<typeof sdkLoop>>[] = [];
  for (let i = 0; i < repeat; i++) {
    await settle();
    sdk.push(label ? await cpuOf(`sdk ${label}`, sdkLoop) : await sdkLoop());
    await settle();
    const run = label ? await cpuOf(`floor ${label} ${output}`, () => floorRun(output)) : await floorRun(output);
    await closeAnswers();
    if (run.chars !== sdk[i].chars) throw new Error(`text differs: floor ${run.chars} chars, SDK ${sdk[i].chars}`);
    floor.push(run);
  }
  return { floor, sdk };
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
    print(row(['case', 'SDK ms', 'extension ms', 'ratio', 'goal', 'stream ms', 'floor ratio', 'ext / floor']));
    for (const chunks of process.env.BENCH_CHUNKS?.split(',').map(Number) ?? [10_000, 100_000]) {
      await configureEmulator(chunks);
      await useOutput('outputChannel');
      await extensionRun('outputChannel').finally(closeAnswers); // warm-up: loads the SDK and opens the connection
      await sdkLoop();
      for (const output of (process.env.BENCH_OUTPUTS?.split(',') ?? ['outputChannel', 'newDocument']) as (
        'outputChannel' | 'newDocument'
      )[]) {
        await useOutput(output);
        await extensionRun(output).finally(closeAnswers); // warm-up: the extension's channel is the one shown
        const sdk: number[] = [];
        const ext: number[] = [];
        const pipeline: number[] = [];
        for (let i = 0; i < REPEAT; i++) {
          await settle();
          const base = await profiled(`sdk-${chunks}-${output}-${i}`, () => cpuOf(`sdk ${chunks}`, sdkLoop));
          await settle();
          const ours = await profiled(`ext-${chunks}-${output}-${i}`, () =>
            cpuOf(`ext ${chunks} ${output}`, () => extensionRun(output)),
          );
          await closeAnswers(); // after the CPU count: the floor's runs are counted without closing too
          if (ours.chars !== base.chars)
            throw new Error(`text differs: extension ${ours.chars} chars, SDK ${base.chars}`);
          sdk.push(base.totalMs);
          ext.push(ours.totalMs);
          pipeline.push(ours.pipelineMs);
        }
        const floor = await floorRatio(output, `${chunks}`);
        const ratio = median(ext) / median(sdk);
        print(
          row([
            `${chunks} chunks -> ${output}`,
            median(sdk).toFixed(0),
            median(ext).toFixed(0),
            `${ratio.toFixed(2)}x`,
            '<= 1.10x',
            median(pipeline).toFixed(0),
            `${floor.toFixed(2)}x`,
            `${(ratio / floor).toFixed(2)}x`,
          ]),
        );
      }
    }

    print('');
    print(
      'BENCH time to first visible text (median of ' + REPEAT + ", from the command's start and from the SDK's send)",
    );
    print(row(['case', 'SDK first ms', 'extension ms', 'difference', 'goal', 'floor difference']));
    // An instant model (the emulator's first chunk within milliseconds) and one whose first byte takes 200 ms, a fast
    // real model (Bedrock reports it as firstByteLatency, docs/bedrock-protocol.md §2.4): opening an editor takes
    // longer than the first, not the second.
    const firstTextCases = [
      ['outputChannel, instant model', 'outputChannel', 0],
      ['newDocument, instant model', 'newDocument', 0],
      ['outputChannel, first token 200 ms', 'outputChannel', 200],
      ['newDocument, first token 200 ms', 'newDocument', 200],
    ] as const;
    for (const [label, output, firstByteDelayMs] of firstTextCases) {
      await configureEmulator(50, firstByteDelayMs);
      await useOutput(output);
      await extensionRun(output).finally(closeAnswers); // warm-up: the extension's channel is the one shown
      const sdk: number[] = [];
      const ext: number[] = [];
      for (let i = 0; i < REPEAT; i++) {
        await settle();
        sdk.push((await sdkLoop()).firstChunkMs);
        await settle();
        ext.push((await extensionRun(output).finally(closeAnswers)).firstVisibleMs);
      }
      const floor = await floorDifference(output);
      const difference = median(ext) - median(sdk);
      print(
        row([label, median(sdk).toFixed(1), median(ext).toFixed(1), signedMs(difference), '< +5 ms', signedMs(floor)]),
      );
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
