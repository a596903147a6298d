import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The one shape every test runner's result takes in TEST_REPORT_DIR, summed by
 * .ci/count-results.mjs. A runner added later writes one of these (or a Playwright JSON report).
 */
export interface RunnerSummary {
  runner: string;
  /** What was run, e.g. the spec globs. */
  label: string;
  passed: number;
  failed: number;
  skipped: number;
  /** Titles of failed tests, for the CI log. */
  failures: string[];
}

export function writeRunnerSummary(summary: RunnerSummary, directory = process.env.TEST_REPORT_DIR): void {
  if (!directory) return;
  mkdirSync(directory, { recursive: true });
  const file = path.join(directory, `${summary.runner}-${process.pid}-${Date.now()}.summary.json`);
  writeFileSync(file, JSON.stringify(summary, null, 2));
}
