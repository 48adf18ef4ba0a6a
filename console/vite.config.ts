import { defineConfig } from 'vite';

// The vendor's console: static files that the API serves at /app (api/src/routes/console/console-files.ts).
// preview.html is the survey editor's preview: the widget's own UI components, framed by the editor.
export default defineConfig({
  base: '/app/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    rolldownOptions: { input: { console: 'index.html', preview: 'preview.html' } },
  },
});
