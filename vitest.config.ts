import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{shared,engine,server,editor,test}/**/*.test.{ts,tsx}'],
    exclude: ['**/node_modules/**', '**/.tsbuild/**', '**/dist/**'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
