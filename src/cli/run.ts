// `bedrock-invoke run [globs...]`: request files as tests in a terminal or CI, through the same core runner as the
// editor's Testing view (core/testing), the same client pool and profile chain (core/bedrock), the same variable and
// secret rules (core/requestFile, core/security). Exit code: 0 all passed, 1 a test failed, 2 a request could not
// run (or nothing could start), 130 interrupted.
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { BedrockClients, isRegionMissingError, type ConnectionSettings } from '../core/bedrock';
import { classify, proxyFromEnv } from '../core/errors/classify';
import { parseRequestFile } from '../core/requestFile';
import { readFileInside, redact, MAX_REQUEST_FILE_BYTES } from '../core/security';
import {
  cancelledResult,
  runPool,
  runRequestTest,
  testName,
  totalsOf,
  type RequestTestResult,
  type TestRunContext,
  type TestTarget,
} from '../core/testing';
import { cliResolver } from './resolver';
import { createReporter, type ReporterName } from './reporters';
import { Terminal } from './terminal';
import { VERSION } from './version';

export const EXIT = { passed: 0, failed: 1, couldNotRun: 2, interrupted: 130 } as const;

export interface RunOptions {
  profile?: string;
  region?: string;
  endpoint?: string;
  model?: string;
  concurrency: number;
  vars: Map<string, string>;
  allowEnv: string[];
  stream: boolean;
  reporter: ReporterName;
  output?: string;
  failFast: boolean;
}

export interface Io {
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
}

const DEFAULT_GLOB = '**/*.bedrock.json';
/** Secrets the environment holds, so that no output can repeat them even where no pattern finds them. */
const SECRET_VARIABLES = [
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_SECURITY_TOKEN',
  'AWS_BEARER_TOKEN_BEDROCK',
];

/** A file that could not be read as a whole: one errored result for it. */
function unreadable(file: string, message: string): RequestTestResult {
  return {
    file,
    index: 0,
    name: path.basename(file),
    path: [],
    range: { offset: 0, length: 0 },
    status: 'errored',
    failures: [],
    error: { message, path: [] },
    durationMs: 0,
    usage: {},
    graderUsage: {},
    hasExpectations: false,
  };
}

async function findFiles(globs: readonly string[], cwd: string): Promise<string[]> {
  const { glob } = await import('tinyglobby');
  const found = await glob(globs.length ? [...globs] : [DEFAULT_GLOB], {
    cwd,
    absolute: true,
    onlyFiles: true,
    ignore: ['**/node_modules/**'],
    expandDirectories: false,
  });
  return [...new Set(found.map((f) => path.resolve(f)))].sort();
}

export async function run(globs: readonly string[], options: RunOptions, io: Io): Promise<number> {
  const secrets = SECRET_VARIABLES.map((name) => io.env[name]).filter((v): v is string => !!v);
  const clean = (text: string) => redact(text, secrets);
  const terminal = new Terminal(io, options, clean);
  const fail = (message: string) => {
    terminal.error(message);
    return EXIT.couldNotRun;
  };

  const root = await fs.realpath(io.cwd);
  const files = await findFiles(globs, io.cwd);
  if (!files.length) {
    return fail(
      `No request files match ${globs.length ? globs.map((g) => JSON.stringify(g)).join(' ') : JSON.stringify(DEFAULT_GLOB)} in ${io.cwd}. Name the files (e.g. bedrock-invoke run "prompts/**/*.bedrock.json"), or run in the folder that holds them.`,
    );
  }

  // Every file is read and parsed before anything is sent; a file that cannot be read is one error, not a stop.
  const targets: TestTarget[] = [];
  const early: RequestTestResult[] = [];
  const texts = new Map<string, string>();
  for (const absolute of files) {
    const shown = path.relative(io.cwd, absolute) || absolute;
    try {
      // The same rule as ${file:}: the real path inside the folder the CLI runs in, a regular file, within the limit
      // (a committed link to /dev/zero or ~/.aws is refused, not read).
      const { text } = await readFileInside(absolute, { roots: [root], maxBytes: MAX_REQUEST_FILE_BYTES, shown });
      const parsed = parseRequestFile(text);
      texts.set(shown, text);
      if (!parsed.requests.length) {
        const problem = parsed.problems[0];
        early.push(
          problem
            ? {
                ...unreadable(shown, problem.message),
                error: { fileProblem: problem, message: problem.message, path: problem.path, range: problem.range },
                range: problem.range,
              }
            : unreadable(shown, `${shown} holds no request (one request object, or an array of them).`),
        );
        continue;
      }
      const resolver = cliResolver(absolute, {
        root,
        env: io.env,
        vars: options.vars,
        allowedEnvironmentVariables: options.allowEnv,
      });
      for (const spec of parsed.requests) {
        const target: TestTarget = { file: shown, parsed, spec, resolver };
        if (options.stream)
          target.sink = terminal.streamSink(`${shown}#${spec.index}`, `${shown} › ${testName(spec, parsed)}`);
        targets.push(target);
      }
    } catch (error) {
      early.push(unreadable(shown, `${shown} could not be read: ${(error as Error).message}`));
    }
  }

  const settings: ConnectionSettings = { profile: options.profile, region: options.region, endpoint: options.endpoint };
  const clients = new BedrockClients();
  let resolved;
  try {
    resolved = await clients.resolve(settings);
  } catch (error) {
    clients.dispose();
    if (isRegionMissingError(error)) {
      return fail(
        `No AWS region is set for profile "${settings.profile ?? io.env.AWS_PROFILE ?? 'default'}". Pass --region (e.g. --region us-east-1), set AWS_REGION, or add region to the profile in ~/.aws/config.`,
      );
    }
    const problem = classify(error, {
      profile: settings.profile,
      region: settings.region,
      endpoint: settings.endpoint,
    });
    return fail(`${problem.message} ${problem.hint}`.trim());
  }

  const abort = new AbortController();
  let interrupted = false;
  const onSignal = () => {
    if (interrupted) process.exit(EXIT.interrupted); // a second Ctrl+C: no waiting for anything
    interrupted = true;
    terminal.note('Interrupted: aborting the requests still open (Ctrl+C again to quit at once).');
    abort.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  const reporter = createReporter(options.reporter, { texts, version: VERSION });
  const context: TestRunContext = {
    caller: clients,
    connection: settings,
    resolved,
    defaultModelId: options.model,
    streamByDefault: true,
    proxy: proxyFromEnv(io.env),
    signal: abort.signal,
  };
  const started = performance.now();
  terminal.start(targets.length + early.length);
  for (const result of early) terminal.result(result, texts.get(result.file));
  let results: RequestTestResult[];
  try {
    results = await runPool(
      targets,
      Math.max(1, options.concurrency),
      async (target) => {
        const result = await runRequestTest(target, context);
        terminal.result(result, texts.get(result.file));
        if (options.failFast && (result.status === 'failed' || result.status === 'errored') && !abort.signal.aborted) {
          terminal.note(`--fail-fast: stopping after ${result.file} › ${result.name} ${result.status}.`);
          abort.abort();
        }
        return result;
      },
      { signal: abort.signal, skipped: (target) => cancelledResult(target) },
    );
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    clients.dispose();
  }
  const all = [...early, ...results];
  const totals = totalsOf(all, performance.now() - started);
  terminal.end(totals);

  const report = reporter.render(all, totals, { toFile: options.output !== undefined });
  if (report !== undefined) {
    if (options.output) {
      try {
        await fs.mkdir(path.dirname(path.resolve(io.cwd, options.output)), { recursive: true });
        await fs.writeFile(path.resolve(io.cwd, options.output), clean(report));
      } catch (error) {
        return fail(`The report could not be written to ${options.output}: ${(error as Error).message}`);
      }
    } else {
      io.stdout.write(clean(report));
    }
  }
  if (interrupted) return EXIT.interrupted;
  if (totals.errored) return EXIT.couldNotRun;
  if (totals.failed) return EXIT.failed;
  return EXIT.passed;
}
