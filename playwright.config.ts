import { defineConfig } from '@playwright/test';

/**
 * Browser tests drive Debian's Chromium (no browser download); the renderer runs against the real
 * services with `window.kb` bound by the test host. The Electron smoke test skips itself where no
 * Electron binary exists.
 */
export default defineConfig({
  testDir: 'tests',
  testMatch: ['browser/**/*.spec.ts', 'electron/**/*.spec.ts'],
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  // On CI a spec that fails once is run again and reported as flaky (the list names it), so one
  // timing hiccup on a loaded 2-core machine does not throw away a run; locally: no retries.
  retries: process.env.CI ? 1 : 0,
  workers: 1,
  reporter: [['list']],
  outputDir: 'test-results',
  use: {
    headless: true,
    locale: 'de-DE',
    viewport: { width: 1280, height: 800 },
  },
});
