// The test entry for the suite that runs with the workspace in Restricted Mode (VS Code's workspace trust on, the
// folder not trusted): every out/test/integration-untrusted/**/*.test.js.
import { runMochaSuite } from '../harness/mochaSuite';

export function run(): Promise<void> {
  return runMochaSuite(__dirname, 'UNTRUSTED');
}
