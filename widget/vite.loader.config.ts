import { defineConfig } from 'vite';

// The loader is a classic script (`<script async src>`), so it ships as one IIFE with no exports.
export default defineConfig({
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2020',
    lib: {
      entry: 'src/loader/index.ts',
      formats: ['iife'],
      name: 'tenpointLoader',
      fileName: () => 'widget.js',
    },
  },
});
