import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'api',
    include: ['src/**/*.test.ts'],
    // Migrates an embedded Postgres once and shares a snapshot of it (or migrates DATABASE_URL once).
    globalSetup: ['test/global-setup.ts'],
    // Each test file starts its own embedded Postgres from that snapshot.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
