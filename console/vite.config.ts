import { defineConfig } from 'vite';

// The vendor's console: static files that the API serves at /app (api/src/routes/console-files.ts).
export default defineConfig({
  base: '/app/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: { outDir: 'dist', emptyOutDir: true },
});
