// Mocha glue for e2e suites: one workbench per suite, a screenshot after every test (test-results/e2e/), and the
// sandbox kept for reading when a test failed. `const wb = useWorkbench(); ... wb().page`.
import { describeLeaks } from './secrets';
import { openWorkbench, screenshot, type Workbench, type WorkbenchOptions } from './workbench';

export function useWorkbench(options: WorkbenchOptions = {}): () => Workbench {
  let workbench: Workbench | undefined;
  let failed = false;
  before(async function () {
    this.timeout(240_000); // the first run on a machine provisions VS Code (about 2 minutes)
    workbench = await openWorkbench(options);
  });
  afterEach(async function () {
    const test = this.currentTest!;
    if (test.state === 'failed') failed = true;
    if (workbench) await screenshot(workbench.page, test.fullTitle()).catch(() => undefined);
  });
  after(async function () {
    this.timeout(60_000);
    const leaks = (await workbench?.close(!failed)) ?? [];
    // A failing hook counts as a failed test: a credential in anything the run wrote fails the suite.
    if (leaks.length) throw new Error(`credentials found in files this run produced:\n${describeLeaks(leaks)}`);
  });
  return () => {
    if (!workbench) throw new Error('the workbench is not open (did the before hook fail?)');
    return workbench;
  };
}
