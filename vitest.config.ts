import { defineConfig } from 'vitest/config';

// Two projects: pure tests run once; everything touching a database or a browser runs
// on SQLite, and again on PostgreSQL when scripts/test.mjs sets MINSHENG_TEST_ENGINE=postgres.
export default defineConfig({
  test: {
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts', 'src/**/*.test.ts'] } },
      { extends: true, test: { name: 'integration', include: ['test/integration/**/*.test.ts'] } },
      { extends: true, test: { name: 'e2e', include: ['e2e/**/*.test.ts'], fileParallelism: false, testTimeout: 120_000 } },
    ],
  },
});
