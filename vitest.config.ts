import os from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    // Vitest's default in run mode is one worker less than there are cores: a single worker on
    // the 2-core CI machine. Most suites wait on child processes, Chromium, fsync: two files at once.
    maxWorkers: Math.max(2, os.availableParallelism()),
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Builds the CLI once (out/cli): the CLI tests spawn the bundled CLI, as users run it.
    globalSetup: ['tests/support/globalSetup.ts'],
  },
});
