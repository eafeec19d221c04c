import { defineConfig } from 'vitest/config';

// Tests that run a second time against Postgres (and, where they store bytes, an S3 bucket):
// the database, repository, quota, render-store and route tests. server/test/scaleout holds
// the tests that only make sense there (migrations, shared secret, S3, several nodes).
const POSTGRES_TESTS = [
  'server/test/quota/counters.test.ts',
  'server/test/db/render-cache-migration.test.ts',
  'server/test/db/database-lock.test.ts',
  'server/test/auth/login-throttle.test.ts',
  'server/test/fonts/custom-fonts.test.ts',
  'server/test/brand/brand-kit.test.ts',
  'server/test/jobs/jobs.test.ts',
  'server/test/jobs/webhooks.test.ts',
  'server/test/jobs/resume-sweep.test.ts',
  'server/test/render/known-keys.test.ts',
  'server/test/scaleout/**/*.test.ts',
];

export default defineConfig({
  test: {
    exclude: ['**/node_modules/**', '**/.tsbuild/**', '**/dist/**'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // expect.poll waits for a page or a server to reach a state (a thumbnail drawn, a job
    // done); its 1 s default failed on a machine shared with other work.
    expect: { poll: { timeout: 10_000 } },
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: {
          name: 'sqlite',
          include: ['{shared,engine,server,editor,test}/**/*.test.{ts,tsx}'],
          exclude: ['**/node_modules/**', '**/.tsbuild/**', '**/dist/**', 'server/test/scaleout/**'],
          // The CLI and serve tests run the compiled CLI, built once per project (support/cli.ts).
          globalSetup: ['server/test/support/compiled-cli-global-setup.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'postgres',
          include: POSTGRES_TESTS,
          globalSetup: [
            'server/test/support/postgres-global-setup.ts',
            'server/test/support/compiled-cli-global-setup.ts',
          ],
          env: { LAYERCAST_TEST_DATABASE: 'postgres' },
        },
      },
    ],
  },
});
