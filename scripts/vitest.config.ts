import { defineConfig } from 'vitest/config';

// Start and stop the product as an operator does: child processes, real ports, real signals.
export default defineConfig({ test: { name: 'scripts', include: ['**/*.test.ts'], testTimeout: 240_000, hookTimeout: 120_000 } });
