// What a person sees while the CLI runs: a progress bar on a terminal (plain lines when the output is a file, a pipe
// or CI), colours only where the terminal supports them and NO_COLOR is not set, each result as it finishes, and with
// --stream the answers on stdout as they arrive, one request after the other in file order (later ones wait their
// turn). The report of --reporter json/junit goes to stdout or --output; then these lines go to stderr.
import type { MultiBar, SingleBar } from 'cli-progress';
import { createColors } from 'picocolors';
import type { TextSink } from '../core/invoke/textInvocation';
import { StreamRedactor } from '../core/security';
import { totalsText, type RequestTestResult, type RunTotals } from '../core/testing';
import { describeResult, NO_COLORS, type Colors, type ReporterName } from './reporters';

interface Options {
  reporter: ReporterName;
  output?: string;
  stream: boolean;
}

interface Stream {
  key: string;
  label: string;
  buffered: string[];
  done: boolean;
  shown: boolean;
  /** The answer is redacted as a whole text would be, not piece by piece (a secret can span two chunks). */
  redactor: StreamRedactor;
}

/** Colours for a stream: never with NO_COLOR, always with FORCE_COLOR, else on a terminal that is not `dumb`. */
export function colorsFor(stream: NodeJS.WriteStream, env: NodeJS.ProcessEnv): Colors {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return NO_COLORS;
  const forced = env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  const enabled = forced || (stream.isTTY === true && env.TERM !== 'dumb');
  return enabled ? createColors(true) : NO_COLORS;
}

export class Terminal {
  /** Where lines for people go. */
  private readonly human: NodeJS.WriteStream;
  private readonly colors: Colors;
  private multibar: MultiBar | undefined;
  private bar: SingleBar | undefined;
  private readonly counts = { passed: 0, failed: 0, errored: 0, cancelled: 0 };
  private readonly streams: Stream[] = [];
  private head = 0;

  constructor(
    private readonly io: { stdout: NodeJS.WriteStream; stderr: NodeJS.WriteStream; env: NodeJS.ProcessEnv },
    private readonly options: Options,
    private readonly clean: (text: string) => string,
  ) {
    const reportOnStdout = options.reporter !== 'pretty' && options.output === undefined;
    // Answers own stdout with --stream; the report owns it with json/junit and no --output.
    this.human = reportOnStdout || options.stream ? io.stderr : io.stdout;
    this.colors = colorsFor(this.human, io.env);
  }

  /** Starts the progress bar, on a terminal only (not in CI, not while answers stream on the same screen). */
  start(total: number): void {
    if (!this.human.isTTY || this.io.env.CI || this.options.stream || total === 0) return;
    // Loaded only on a terminal: plain runs never pay for it.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const progress = require('cli-progress') as typeof import('cli-progress');
    this.multibar = new progress.MultiBar(
      {
        stream: this.human,
        format: `{bar} {value}/{total} ${this.colors.dim('·')} {passed} passed, {failed} failed, {errored} errored`,
        hideCursor: true,
        clearOnComplete: true,
        barsize: 30,
      },
      progress.Presets.shades_classic,
    );
    this.bar = this.multibar.create(total, 0, this.counts);
  }

  private line(text: string): void {
    const out = `${this.clean(text)}\n`;
    if (this.multibar) {
      // Above the bar, now: the bar's own redraw would only flush it at its next tick (and never after stop()).
      this.multibar.log(out);
      this.multibar.update();
    } else {
      this.human.write(out);
    }
  }

  result(result: RequestTestResult, text: string | undefined): void {
    this.counts[result.status]++;
    if (this.options.stream) this.finishStream(`${result.file}#${result.index}`);
    for (const line of describeResult(result, text, this.colors)) this.line(line);
    this.bar?.increment(1, this.counts);
  }

  note(message: string): void {
    this.line(this.colors.yellow(message));
  }

  error(message: string): void {
    this.io.stderr.write(`${this.clean(`${colorsFor(this.io.stderr, this.io.env).red('error:')} ${message}`)}\n`);
  }

  end(totals: RunTotals): void {
    this.multibar?.stop();
    this.multibar = undefined;
    const c = this.colors;
    const color = totals.errored || totals.failed ? c.red : totals.cancelled ? c.yellow : c.green;
    this.line('');
    this.line(color(totalsText(totals)));
  }

  /** A request's answer, streamed to stdout when it is its turn, else kept until then. */
  streamSink(key: string, label: string): TextSink {
    const stream: Stream = { key, label, buffered: [], done: false, shown: false, redactor: new StreamRedactor() };
    this.streams.push(stream);
    return {
      append: (text) => this.show(stream, stream.redactor.push(text)),
      appendReasoning: () => undefined,
    };
  }

  private show(stream: Stream, text: string): void {
    if (!text) return;
    if (this.streams[this.head] === stream) this.write(stream, text);
    else stream.buffered.push(text);
  }

  private write(stream: Stream, text: string): void {
    if (!stream.shown) {
      stream.shown = true;
      this.io.stdout.write(`${this.clean(`── ${stream.label} ──`)}\n`);
    }
    if (text) this.io.stdout.write(this.clean(text));
  }

  private finishStream(key: string): void {
    const stream = this.streams.find((s) => s.key === key);
    if (!stream) return;
    this.show(stream, stream.redactor.end());
    stream.done = true;
    while (this.head < this.streams.length && this.streams[this.head].done) {
      const finished = this.streams[this.head];
      if (finished.buffered.length || !finished.shown) this.write(finished, finished.buffered.splice(0).join(''));
      this.io.stdout.write('\n');
      this.head++;
      const next = this.streams[this.head];
      if (next && next.buffered.length) this.write(next, next.buffered.splice(0).join(''));
    }
  }
}
