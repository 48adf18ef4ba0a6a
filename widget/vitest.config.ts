import { defineConfig } from 'vitest/config';

// Plain Node: the tests give the widget the few browser globals it touches (storage, fetch, location).
export default defineConfig({ test: { name: 'widget', include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'] } });
