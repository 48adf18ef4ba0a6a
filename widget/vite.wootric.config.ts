import { defineConfig } from 'vite';

// /wootric.js: a classic script a Wootric snippet loads synchronously, so one IIFE with no exports.
export default defineConfig({
  build: {
    outDir: 'dist',
    // The loader build runs first and owns cleaning dist/.
    emptyOutDir: false,
    target: 'es2020',
    lib: {
      entry: 'src/wootric/index.ts',
      formats: ['iife'],
      name: 'tenpointWootric',
      fileName: () => 'wootric.js',
    },
  },
});
