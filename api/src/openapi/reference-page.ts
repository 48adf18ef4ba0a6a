import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { gzipSync } from 'node:zlib';

/** Where the page loads the renderer from: this API, never a CDN (the product runs offline). */
export const rendererPath = '/docs/redoc.standalone.js';

const noscript =
  '<noscript><p>The reference needs JavaScript; the document itself is at ' +
  '<a href="/openapi.json">/openapi.json</a> (OpenAPI 3.1).</p></noscript>';

/**
 * The reference at /docs: Redoc (search, request and answer samples) rendering /openapi.json in
 * the browser, its script served by this API from the npm package.
 */
export const referencePage = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Tenpoint API reference</title>
<link rel="icon" href="data:,">
<style>body { margin: 0; font-family: system-ui, sans-serif; }</style>
</head>
<body>
${noscript}
<redoc spec-url="/openapi.json" expand-responses="200,201" json-sample-expand-level="3" path-in-middle-panel></redoc>
<script src="${rendererPath}"></script>
</body>
</html>
`;

/**
 * What the page may load: this API's own script and document, and nothing from elsewhere, not even
 * the logo Redoc shows from its CDN (the image is left out and Redoc drops it).
 */
export const referencePagePolicy = [
  "default-src 'none'",
  "script-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data:",
  // Redoc styles with styled-components and searches in a worker it makes from a blob.
  "style-src 'self' 'unsafe-inline'",
  'worker-src blob:',
  "font-src 'self' data:",
].join('; ');

let renderer: { plain: Buffer; gzip: Buffer } | undefined;

/** Redoc's standalone bundle, read and compressed on first use (a megabyte nobody else needs). */
export function rendererScript() {
  if (!renderer) {
    const plain = readFileSync(createRequire(import.meta.url).resolve('redoc/bundles/redoc.standalone.js'));
    renderer = { plain, gzip: gzipSync(plain, { level: 9 }) };
  }
  return renderer;
}
