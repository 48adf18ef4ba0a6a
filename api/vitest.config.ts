import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'api',
    include: ['src/**/*.test.ts'],
    // Each test file starts its own embedded Postgres and migrates it.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
