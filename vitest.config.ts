import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Builds the CLI once (out/cli): the CLI tests spawn the bundled CLI, as users run it.
    globalSetup: ['tests/support/globalSetup.ts'],
  },
});
