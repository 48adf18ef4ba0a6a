import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { Hono } from 'hono';
import type { AppEnv } from '../../app-env.ts';
import { ApiError } from '../../errors.ts';

const contentTypes: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

// Only the console's own scripts and styles run; it talks to this origin only and is framed by none.
const policy = (frameAncestors: string) =>
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
  `frame-ancestors ${frameAncestors}; base-uri 'none'; form-action 'self'`;
const pageHeaders = {
  'Content-Type': 'text/html; charset=utf-8',
  'Content-Security-Policy': policy("'none'"),
  'Cache-Control': 'no-cache',
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
};

// The survey editor's preview, framed by the console's own pages and by no one else.
const previewHeaders = { ...pageHeaders, 'Content-Security-Policy': policy("'self'") };

interface ConsoleFiles {
  page: string;
  previewPage: string | undefined;
  assets: Map<string, { body: Buffer; type: string }>;
}

/** The built console, read once at start: its page and the files of assets/ (names carry their hash). */
function readConsole(folder: string | undefined): ConsoleFiles | null {
  if (!folder || !existsSync(`${folder}index.html`)) return null;
  const assets = new Map<string, { body: Buffer; type: string }>();
  const assetsFolder = `${folder}assets/`;
  for (const name of existsSync(assetsFolder) ? readdirSync(assetsFolder) : []) {
    const type = contentTypes[extname(name)];
    if (type) assets.set(name, { body: readFileSync(`${assetsFolder}${name}`), type });
  }
  const preview = `${folder}preview.html`;
  return {
    page: readFileSync(`${folder}index.html`, 'utf8'),
    previewPage: existsSync(preview) ? readFileSync(preview, 'utf8') : undefined,
    assets,
  };
}

/**
 * The vendor's console at /app: its built files, and its page for every other path below /app (a
 * route of the single-page app). Only files found at start are served, by name: no path reaches
 * the disk.
 */
export function consoleRoutes(folder: string | undefined) {
  const files = readConsole(folder);
  const notBuilt = () => {
    throw new ApiError('not_found', 'the console is not built; run pnpm build (pnpm start does it for you)');
  };
  if (!files) return new Hono<AppEnv>().get('/app', notBuilt).get('/app/*', notBuilt);
  return new Hono<AppEnv>()
    .get('/app/assets/*', (c) => {
      const file = files.assets.get(c.req.path.slice('/app/assets/'.length));
      if (!file) throw new ApiError('not_found', `${c.req.path}: the console has no such file`);
      return c.body(new Uint8Array(file.body), 200, { 'Content-Type': file.type, 'Cache-Control': 'public, max-age=31536000, immutable' });
    })
    .get('/app/preview.html', (c) => {
      if (!files.previewPage) throw new ApiError('not_found', '/app/preview.html: the console was built without its preview');
      return c.body(files.previewPage, 200, previewHeaders);
    })
    .get('/app', (c) => c.body(files.page, 200, pageHeaders))
    .get('/app/*', (c) => c.body(files.page, 200, pageHeaders));
}
