import Mocha from 'mocha';
import { writeRunnerSummary } from './runnerSummary';

/**
 * Mocha's usual "spec" output, plus (when TEST_REPORT_DIR is set, as .ci/run does) a small JSON
 * summary of this run so the CI can count every runner's tests in one line.
 * Use: "reporter": "./test/support/mochaReporter.ts" in .mocharc.json (loaded through tsx).
 */
class SpecAndSummaryReporter extends Mocha.reporters.Spec {
  constructor(runner: Mocha.Runner, options?: Mocha.MochaOptions) {
    super(runner, options);
    const failures: string[] = [];
    runner.on(Mocha.Runner.constants.EVENT_TEST_FAIL, (test: Mocha.Test) => failures.push(test.fullTitle()));
    runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
      const stats = this.stats;
      writeRunnerSummary({
        runner: 'mocha',
        label: process.argv.slice(2).filter((arg) => !arg.startsWith('-')).join(' '),
        passed: stats.passes,
        // A failing hook fails tests without running them; mocha counts the hook as a failure.
        failed: stats.failures,
        skipped: stats.pending,
        failures,
      });
    });
  }
}

export default SpecAndSummaryReporter;
