// The test entry the extension host loads (extensionTestsPath): every out/test/integration/**/*.test.js.
import { runMochaSuite } from '../harness/mochaSuite';

export function run(): Promise<void> {
  return runMochaSuite(__dirname, 'INTEGRATION');
}
