// Where a request file's variables get their values on the command line: the process's environment (with the same
// secret rules as the editor: a secret-looking name only when --allow-env names it), files inside the folder the CLI
// runs in (by real path, the same size limit), --var for `${input:...}` (never a question: CI has no one to ask) and
// no `${selection}`.
import * as path from 'node:path';
import type { VariableResolver } from '../core/requestFile';
import { DEFAULT_MAX_FILE_VARIABLE_BYTES, readBytesInside, readFileInside, MAX_BLOB_BYTES } from '../core/security';

export interface CliVariables {
  /** The folder the run treats as the workspace: `${file:...}` may only read inside it. */
  root: string;
  env: NodeJS.ProcessEnv;
  /** `--var name=value`: the answers to `${input:name}`. */
  vars: ReadonlyMap<string, string>;
  /** `--allow-env NAME`: secret-looking names the user allows on their own command line. */
  allowedEnvironmentVariables: readonly string[];
}

export function cliResolver(requestFile: string, options: CliVariables): VariableResolver {
  const folder = path.dirname(requestFile);
  const target = (relative: string) => (path.isAbsolute(relative) ? relative : path.join(folder, relative));
  return {
    env: (name) => options.env[name],
    file: async (relative) =>
      (await readFileInside(target(relative), { roots: [options.root], maxBytes: DEFAULT_MAX_FILE_VARIABLE_BYTES }))
        .text,
    fileBytes: async (relative) =>
      (await readBytesInside(target(relative), { roots: [options.root], maxBytes: MAX_BLOB_BYTES })).bytes,
    input: async (prompt) => {
      const value = options.vars.get(prompt);
      if (value === undefined) {
        throw new Error(
          `\${input:${prompt}} has no value: the command line never asks. Pass --var ${JSON.stringify(`${prompt}=...`)}.`,
        );
      }
      return value;
    },
    selection: () => undefined,
    allowedEnvironmentVariables: options.allowedEnvironmentVariables,
  };
}
