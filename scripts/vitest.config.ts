import { defineConfig } from 'vitest/config';

// Start and stop the product as an operator does: child processes, real ports, real signals. One
// file at a time: `pnpm start` rebuilds the dist folders that the other files' processes read.
export default defineConfig({
  test: { name: 'scripts', include: ['**/*.test.ts'], fileParallelism: false, testTimeout: 240_000, hookTimeout: 120_000 },
});
