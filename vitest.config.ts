import { defineConfig } from 'vitest/config';

/**
 * Two projects: every test runs on embedded PGlite; when DATABASE_URL is set (CI), the tests that
 * touch a database run a second time against that PostgreSQL server (see src/test/db.ts).
 */
const all = ['src/**/*.test.ts', 'test/**/*.test.ts', 'web/src/**/*.test.ts'];
const databaseSuites = [
  'src/server/**/*.test.ts',
  'src/domain/**/*.test.ts',
  'src/import/**/*.test.ts',
  'src/export/**/*.test.ts',
  'src/backup/**/*.test.ts',
  'src/cli/**/*.test.ts',
  'src/setup/**/*.test.ts',
  'src/sot/**/*.test.ts',
  'src/access/**/*.test.ts',
  'src/population/**/*.test.ts',
];

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 180_000,
    // PGlite instances are memory-hungry; two forks keep a 2-core CI machine responsive.
    pool: 'forks',
    maxWorkers: 2,
    projects: [
      { extends: true as const, test: { name: 'pglite', include: all, env: { SOT_TEST_DB: 'pglite' } } },
      ...(process.env.DATABASE_URL
        ? [
            {
              extends: true as const,
              test: { name: 'postgres', include: databaseSuites, env: { SOT_TEST_DB: 'postgres' } },
            },
          ]
        : []),
    ],
  },
});
