import { defineConfig } from 'vitest/config';

// The console's pure logic only; its pages are tested in a browser (console/e2e).
export default defineConfig({ test: { name: 'console', include: ['src/**/*.test.ts'] } });
