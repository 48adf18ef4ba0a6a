import { defineConfig } from 'vitest/config';

export default defineConfig({ test: { name: 'widget-npm', include: ['src/**/*.test.ts'] } });
