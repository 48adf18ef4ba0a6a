import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';

const distDir = fileURLToPath(new URL('../dist/', import.meta.url));

export interface DemoSiteOptions {
  port: number;
  host: string;
  apiUrl: string;
  siteKey: string;
}

/** Serves the built demo site with its snippet pointed at the running API and the demo site's key. */
export async function serveDemoSite(options: DemoSiteOptions): Promise<{ url: string; close(): Promise<void> }> {
  // Replacer functions, not strings: `$&` or `$$` in a configured URL is put in as it is written.
  const withKeys = (file: string) =>
    readFileSync(`${distDir}${file}`, 'utf8')
      .replaceAll('{{TENPOINT_API_URL}}', () => options.apiUrl)
      .replaceAll('{{TENPOINT_SITE_KEY}}', () => options.siteKey);
  const page = withKeys('index.html');
  const playground = withKeys('playground.html');
  const app = new Hono()
    .use('/assets/*', serveStatic({ root: distDir }))
    .get('/playground', (c) => {
      // ?siteKey=pk_… tries the snippet with another key, e.g. one that does not exist.
      const siteKey = c.req.query('siteKey');
      const page = siteKey && /^pk_[A-Za-z0-9_-]{1,64}$/.test(siteKey) ? playground.replaceAll(options.siteKey, () => siteKey) : playground;
      if (c.req.query('csp') !== 'strict') return c.html(page);
      // As a site with a strict policy serves it: only scripts with the nonce, and what they load.
      const nonce = randomBytes(16).toString('base64');
      c.header(
        'Content-Security-Policy',
        `default-src 'self'; img-src 'self' data:; script-src 'nonce-${nonce}' 'strict-dynamic'; ` +
          `style-src 'self' 'nonce-${nonce}'; connect-src 'self' ${options.apiUrl}`,
      );
      return c.html(page.replaceAll('<script', () => `<script nonce="${nonce}"`));
    })
    // Every other path is a route of the single-page app.
    .get('*', (c) => c.html(page));
  const server = serve({ fetch: app.fetch, port: options.port, hostname: options.host });
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host}:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
