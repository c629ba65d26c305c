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
  workers: 1,
  reporter: [['list']],
  outputDir: 'test-results',
  use: {
    headless: true,
    locale: 'de-DE',
    viewport: { width: 1280, height: 800 },
  },
});
