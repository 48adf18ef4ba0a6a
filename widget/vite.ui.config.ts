import { defineConfig } from 'vite';

export default defineConfig({
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: 'dist',
    // The loader build runs first and owns cleaning dist/.
    emptyOutDir: false,
    target: 'es2020',
    // Browsers with logical properties and :dir(): older targets make the minifier expand every
    // inset-inline-* into :lang() lists, which doubled the stylesheet and ignored dir="rtl".
    cssTarget: ['chrome120', 'edge120', 'firefox120', 'safari16.4'],
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
