import { defineConfig, type PlaywrightTestConfig, type ReporterDescription } from '@playwright/test';
import path from 'node:path';

/**
 * End-to-end tests with Debian's Chromium (/usr/bin/chromium; never `npx playwright install`).
 * The browsers are launched by the fixtures in test/e2e/fixtures.ts (agent headless, customer
 * headed under Xvfb for real capture, or headless with the fake screen), not by `use` here.
 * One worker: the machine has 2 cores and real capture plus video decoding need both.
 *
 * TEST_REPORT_DIR (set by .ci/run): also write a JSON report there for the CI's overall count.
 * MEASURE_JOIN=<n>: adds the "measure" project (test/e2e/measure-join.measure.ts) that repeats
 * the real-capture join n times and prints the median time to the first frame.
 */
const reportDir = process.env.TEST_REPORT_DIR;
const reporters: ReporterDescription[] = [['list']];
if (reportDir) reporters.push(['json', { outputFile: path.join(reportDir, 'playwright.json') }]);

const projects: NonNullable<PlaywrightTestConfig['projects']> = [
  {
    name: 'e2e',
    testDir: 'test/e2e',
    testMatch: '**/*.spec.ts',
  },
  {
    // The Electron desktop app (launched through Playwright's _electron; skipped with the reason
    // printed where the Electron binary is not installed).
    name: 'electron',
    testDir: 'test/electron',
    testMatch: '**/*.spec.ts',
  },
];
if (process.env.MEASURE_JOIN) {
  projects.push({
    name: 'measure',
    testDir: 'test/e2e',
    testMatch: '**/*.measure.ts',
    timeout: 15 * 60_000,
  });
}

export default defineConfig({
  outputDir: 'test-results',
  reporter: reporters,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  workers: 1,
  fullyParallel: false,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  use: {
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    actionTimeout: 15_000,
    navigationTimeout: 15_000,
  },
  projects,
});
