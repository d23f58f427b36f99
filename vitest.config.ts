// Three projects: `unit` needs no services; `integration` talks to the real Redis and to a Neo4j
// of its own that its global set-up starts and marks as a test database (test/support/test-neo4j.ts:
// never the Neo4j on 7687 or at NEO4J_URI), so its files run one at a time; `e2e` drives Debian's
// Chromium against a `tiescore demo` it starts (embedded), also one file at a time.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          globalSetup: ['test/support/integration-setup.ts'],
          setupFiles: ['test/support/use-test-neo4j.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
