import { defineConfig } from 'vitest/config';

// Plain Node: each test installs the few browser features the widget touches (src/test/fake-browser.ts).
export default defineConfig({
  test: { name: 'widget', include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'], unstubGlobals: true, restoreMocks: true },
});
