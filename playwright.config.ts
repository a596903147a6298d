import { defineConfig, type PlaywrightTestConfig, type ReporterDescription } from '@playwright/test';
import path from 'node:path';

/**
 * End-to-end tests with Debian's Chromium (/usr/bin/chromium; never `npx playwright install`).
 * The browsers are launched by the fixtures in test/e2e/fixtures.ts (agent headless, customer
 * headed under Xvfb for real capture, or headless with the fake screen), not by `use` here.
 * Workers: two by default, so the suite fits CI's time on a 2-core machine; PLAYWRIGHT_WORKERS=1
 * runs one file at a time (fullyParallel: false keeps a file's tests in order in one worker). Nothing is shared between workers: each starts its own Xvfb (-displayfd
 * picks a free display), browsers, servers on port 0, redis/postgres/coturn on free ports and
 * temporary folders. The specs that capture a real screen (a headed Chromium or Firefox under Xvfb)
 * are their own project limited to one worker, so two real captures never compete for the cores;
 * with two workers a fake-screen spec runs beside them. On a machine loaded far beyond its cores
 * (load average 25+), PLAYWRIGHT_WORKERS=1 avoids pushing slow tests past their timeout (90 s, real-screen
 * specs 180 s).
 *
 * TEST_REPORT_DIR (set by .ci/run): also write a JSON report there for the CI's overall count.
 * MEASURE_JOIN=<n>: adds the "measure" project (test/e2e/measure-join.measure.ts) that repeats
 * the real-capture join n times and prints the median time to the first frame.
 */
const reportDir = process.env.TEST_REPORT_DIR;
const reporters: ReporterDescription[] = [['list']];
if (reportDir) reporters.push(['json', { outputFile: path.join(reportDir, 'playwright.json') }]);

/** Specs that share a real screen (realCustomer, realShare, realCustomerContext, desktop, Firefox). */
const REAL_SCREEN_SPECS = [
  'chat-flow',
  'chat-widget-consent',
  'desktop-contract',
  'firefox-customer',
  'pause-resume',
  'pointer',
  'verification-words',
  'voice-key-share',
].map((name) => `**/${name}.spec.ts`);

const projects: NonNullable<PlaywrightTestConfig['projects']> = [
  {
    name: 'e2e',
    testDir: 'test/e2e',
    testMatch: '**/*.spec.ts',
    testIgnore: REAL_SCREEN_SPECS,
  },
  {
    name: 'e2e-real-screen',
    testDir: 'test/e2e',
    testMatch: REAL_SCREEN_SPECS,
    workers: 1,
    // A real capture, a headed browser and often two servers per test: on a busy 2-core CI
    // machine every step of these ran about four times slower than on a quiet one.
    timeout: 180_000,
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
    workers: 1,
  });
}

export default defineConfig({
  outputDir: 'test-results',
  reporter: reporters,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  workers: Number(process.env.PLAYWRIGHT_WORKERS ?? 2),
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
