import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Builds the real corpus's index once per run; test/helpers/real-advisor.ts loads it.
    globalSetup: ['test/global-setup.ts'],
    // Many files build or query real indexes; two cores, so keep the pool small.
    pool: 'forks',
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
  },
});
