#!/usr/bin/env node
/**
 * Sums every test runner's results in one folder and prints the CI's last line:
 *   "N passed, N failed" (+ ", N skipped" when any were skipped).
 * Understands two shapes:
 *   *.summary.json  {runner, label, passed, failed, skipped, failures[]}  (our mocha reporter;
 *                   any runner added later can write this shape: test/support/runnerSummary.ts)
 *   playwright.json Playwright's JSON reporter (stats + top-level errors)
 * Usage: node .ci/count-results.mjs <folder> [exit status of the test command]
 * A non-zero exit status with no failed test counted (typecheck, build, a crashed runner) still
 * counts as one failure, so the line never reads "0 failed" for a failed run.
 * Plain JavaScript on purpose: it must run even when `npm ci` failed.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const [folder = 'test-reports', statusText = '0'] = process.argv.slice(2);
const status = Number(statusText);

function playwrightCounts(report) {
  const stats = report.stats ?? {};
  const failures = [];
  const visit = (suite, titles) => {
    for (const spec of suite.specs ?? []) {
      for (const t of spec.tests ?? []) {
        if (t.status === 'unexpected') failures.push([...titles, spec.title, `[${t.projectName}]`].filter(Boolean).join(' › '));
      }
    }
    for (const child of suite.suites ?? []) visit(child, [...titles, child.title]);
  };
  for (const suite of report.suites ?? []) visit(suite, [suite.title]);
  const errors = (report.errors ?? []).map((error) => `error outside a test: ${String(error.message ?? '').split('\n')[0]}`);
  return {
    runner: 'playwright',
    passed: (stats.expected ?? 0) + (stats.flaky ?? 0),
    failed: (stats.unexpected ?? 0) + errors.length,
    skipped: stats.skipped ?? 0,
    failures: [...failures, ...errors],
  };
}

let files = [];
try {
  files = readdirSync(folder).filter((name) => name.endsWith('.json')).sort();
} catch {
  // no folder: nothing ran
}

const total = { passed: 0, failed: 0, skipped: 0 };
for (const name of files) {
  let counts;
  try {
    const data = JSON.parse(readFileSync(path.join(folder, name), 'utf8'));
    counts = name.endsWith('.summary.json') ? data : data.stats && data.suites ? playwrightCounts(data) : null;
  } catch (error) {
    console.log(`could not read ${name}: ${error.message}`);
    total.failed += 1;
    continue;
  }
  if (!counts) continue;
  console.log(
    `${counts.runner}${counts.label ? ` (${counts.label})` : ''}: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`,
  );
  for (const title of counts.failures ?? []) console.log(`  failed: ${title}`);
  total.passed += counts.passed;
  total.failed += counts.failed;
  total.skipped += counts.skipped;
}

if (status !== 0 && total.failed === 0) {
  console.log(`the test command exited with status ${status} outside any test (see above); counted as 1 failure`);
  total.failed = 1;
}

const skipped = total.skipped > 0 ? `, ${total.skipped} skipped` : '';
console.log(`${total.passed} passed, ${total.failed} failed${skipped}`);
process.exitCode = total.failed > 0 ? 1 : 0;
