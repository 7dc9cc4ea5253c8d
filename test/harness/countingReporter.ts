// Mocha's spec reporter plus one machine-readable line at the end, `<LABEL>-RESULT passed=N failed=M`, which the
// runners (scripts/test-*.mjs) parse. Failed counts hook failures too, so a suite that cannot set up is not a pass.
// Use from the CLI: `mocha --reporter out/test/harness/countingReporter.js --reporter-option label=UNIT`.
import Mocha from 'mocha';
import { resultLine } from './resultLine';

const { EVENT_RUN_END } = Mocha.Runner.constants;

class CountingReporter extends Mocha.reporters.Spec {
  constructor(runner: Mocha.Runner, options: Mocha.MochaOptions & { reporterOption?: Record<string, string> }) {
    super(runner, options);
    const label = options.reporterOptions?.label ?? options.reporterOption?.label ?? 'TEST';
    runner.once(EVENT_RUN_END, () => {
      const stats = runner.stats ?? { passes: 0, failures: 0 };
      console.log(resultLine(label, stats.passes, stats.failures));
    });
  }
}

export = CountingReporter;
