import { defineConfig } from 'vite';

export default defineConfig({
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: 'dist',
    // The loader build runs first and owns cleaning dist/.
    emptyOutDir: false,
    target: 'es2020',
    lib: {
      entry: 'src/ui/mount.tsx',
      formats: ['es'],
      fileName: () => 'widget-ui.js',
    },
    rolldownOptions: {
      // Lib mode keeps ES output readable for bundlers; this file goes straight to browsers, so minify it fully.
      output: { minify: true, comments: false },
    },
  },
});
