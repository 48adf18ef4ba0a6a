import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

// What each entry adds to an app's bundle: bundled and minified as an app's bundler would (react
// left out, as the app has it already), then gzipped. Over budget fails the build.
// Grown from 1024 B: Trusted Types pages and warnings in words cost 200 B.
const budgets: Record<string, number> = { 'index.js': 1280, 'react.js': 1408, 'vue.js': 1408 };

let failed = false;
for (const [entry, budget] of Object.entries(budgets)) {
  const result = await build({
    entryPoints: [new URL(`../dist/${entry}`, import.meta.url).pathname],
    bundle: true,
    minify: true,
    format: 'esm',
    write: false,
    external: ['react'],
  });
  const code = result.outputFiles[0]?.contents ?? new Uint8Array();
  const gzip = gzipSync(code, { level: 9 }).length;
  const over = gzip > budget;
  failed ||= over;
  const name = entry === 'index.js' ? '@tenpoint/widget' : `@tenpoint/widget/${entry.replace('.js', '')}`;
  console.log(
    `${name.padEnd(24)} adds ${code.length} B, ${gzip} B gzip to an app's bundle (budget ${budget} B)${over ? '  OVER BUDGET' : ''}`,
  );
}
console.log('widget.js itself (1.5 KiB gzip) loads from your Tenpoint API, and the survey only for an eligible user');
if (failed) process.exit(1);
