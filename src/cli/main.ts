// The `bedrock-invoke` command. This file only reads the command line: the run itself (./run, with the core and,
// on the first request, the AWS SDK) is loaded after that, so `bedrock-invoke --version` and `--help` stay fast.
import { Command, InvalidArgumentError, Option } from 'commander';
import { REPORTERS, type ReporterName } from './names';
import type { RunOptions } from './run';
import { VERSION } from './version';

/** Usage errors exit with 2, like a request that could not run: nothing was tested. */
const USAGE_ERROR = 2;

function positiveInteger(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 256)
    throw new InvalidArgumentError('a whole number from 1 to 256 is expected.');
  return n;
}

function variable(value: string, previous: Map<string, string>): Map<string, string> {
  const eq = value.indexOf('=');
  if (eq <= 0)
    throw new InvalidArgumentError('expected name=value, e.g. --var "Topic=prompt caching" for ${input:Topic}.');
  const vars = new Map(previous);
  vars.set(value.slice(0, eq), value.slice(eq + 1));
  return vars;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

interface Parsed {
  profile?: string;
  region?: string;
  endpoint?: string;
  model?: string;
  concurrency: number;
  var: Map<string, string>;
  allowEnv: string[];
  stream?: boolean;
  reporter: ReporterName;
  output?: string;
  failFast?: boolean;
}

export function program(): Command {
  const cli = new Command('bedrock-invoke')
    .description(
      'Run Amazon Bedrock request files (*.bedrock.json) as tests: the same files, expectations and results as the Bedrock Invoke extension for VS Code.',
    )
    .version(VERSION, '-v, --version', 'print the version')
    .exitOverride((error) => process.exit(error.exitCode === 0 ? 0 : USAGE_ERROR))
    .showHelpAfterError('(bedrock-invoke run --help lists every option)');

  cli
    .command('run')
    .description(
      'Run every request of the matching request files and check its expectations. Exit code 0: all passed, 1: a test failed, 2: a request could not run, 130: interrupted.',
    )
    .argument(
      '[globs...]',
      'request files or glob patterns, relative to the current folder (default: **/*.bedrock.json)',
    )
    .option(
      '--profile <name>',
      'AWS profile (default: AWS_PROFILE, then default), from ~/.aws/config and ~/.aws/credentials',
    )
    .option('--region <region>', "AWS Region (default: AWS_REGION, then the profile's region)")
    .option('--endpoint <url>', 'Bedrock Runtime endpoint (a VPC endpoint, a proxy, an emulator)')
    .option('--model <id>', 'model for requests that name no modelId')
    .option('--concurrency <n>', 'requests sent at once', positiveInteger, 4)
    .addOption(
      new Option('--var <name=value>', 'the value of ${input:name} (repeat for more); the command never asks')
        .argParser(variable)
        .default(new Map<string, string>(), 'none'),
    )
    .addOption(
      new Option(
        '--allow-env <NAME>',
        'let ${env:NAME} read a variable whose name looks like a secret (repeat for more)',
      )
        .argParser(collect)
        .default([], 'none'),
    )
    .option('--stream', 'print each answer to stdout as it arrives, one request after the other')
    .addOption(new Option('--reporter <name>', 'report format').choices(REPORTERS).default('pretty'))
    .option('--output <file>', 'write the report to this file instead of stdout')
    .option('--fail-fast', 'stop at the first failed or errored test; requests still open are aborted')
    .action(async (globs: string[], parsed: Parsed) => {
      const options: RunOptions = {
        profile: parsed.profile,
        region: parsed.region,
        endpoint: parsed.endpoint,
        model: parsed.model,
        concurrency: parsed.concurrency,
        vars: parsed.var,
        allowEnv: parsed.allowEnv,
        stream: parsed.stream === true,
        reporter: parsed.reporter,
        output: parsed.output,
        failFast: parsed.failFast === true,
      };
      const { run } = await import('./run');
      process.exitCode = await run(globs, options, {
        cwd: process.cwd(),
        env: process.env,
        stdout: process.stdout,
        stderr: process.stderr,
      });
    });
  return cli;
}

if (require.main === module) {
  program()
    .parseAsync(process.argv)
    .catch((error: unknown) => {
      process.stderr.write(
        `error: ${error instanceof Error ? (process.env.BEDROCK_INVOKE_DEBUG ? error.stack : error.message) : String(error)}\n`,
      );
      process.exit(USAGE_ERROR);
    });
}
