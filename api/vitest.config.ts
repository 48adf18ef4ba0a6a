import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'api',
    include: ['src/**/*.test.ts'],
    // Migrates an embedded Postgres once and shares a snapshot of it (or migrates DATABASE_URL once).
    globalSetup: ['test/global-setup.ts'],
    // Each test file starts its own embedded Postgres from that snapshot.
    // Worker threads start faster than child processes and share the loaded modules' cache.
    pool: 'threads',
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
