import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';

// The pages the widget's browser tests embed it in, on an origin of their own, as a vendor's app
// would: started by playwright.config.ts beside the product. A page is fixtures/NAME.html with the
// API's address and the site key filled in; the key comes from the address (?siteKey=pk_…), so a
// test picks the site, or one that does not exist. ?csp=strict serves it under a strict
// Content-Security-Policy, the script tags carrying its nonce.
const port = Number(process.env.E2E_HOST_PORT);
const apiUrl = process.env.E2E_API_URL;
if (!port || !apiUrl) throw new Error('fixture-server needs E2E_HOST_PORT and E2E_API_URL');

const pages = new Map(['host', 'npm'].map((name) => [name, readFileSync(new URL(`fixtures/${name}.html`, import.meta.url), 'utf8')]));

// Pages a test made of a snippet copied from the console: POST /pasted with the page's HTML, then GET /pasted/<id>.
const pasted = new Map<string, string>();

createServer((request, response) => {
  const url = new URL(request.url ?? '/', 'http://fixture');
  if (url.pathname === '/pasted' && request.method === 'POST') {
    let body = '';
    request.on('data', (chunk: Buffer) => {
      body += chunk.toString('utf8');
    });
    request.on('end', () => {
      const id = String(pasted.size + 1);
      pasted.set(id, body);
      response.writeHead(201, { 'Content-Type': 'text/plain' }).end(`/pasted/${id}`);
    });
    return;
  }
  const pastedPage = /^\/pasted\/(\d+)$/.exec(url.pathname);
  if (pastedPage && pasted.has(pastedPage[1]!)) {
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' }).end(pasted.get(pastedPage[1]!));
    return;
  }
  const packageFile = /^\/npm\/([a-z-]+\.js)$/.exec(url.pathname);
  if (packageFile) {
    // The npm package's build (widget/npm/dist), as an app's bundler would serve it.
    const file = new URL(`../npm/dist/${packageFile[1]}`, import.meta.url);
    if (!existsSync(file)) return void response.writeHead(404, { 'Content-Type': 'text/plain' }).end('not built: pnpm build');
    response.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'no-store' }).end(readFileSync(file));
    return;
  }
  const page = pages.get(url.pathname.slice(1) || 'host');
  const siteKey = url.searchParams.get('siteKey') ?? '';
  if (request.method !== 'GET' || !page || !/^pk_[A-Za-z0-9_-]{1,64}$/.test(siteKey)) {
    response.writeHead(404, { 'Content-Type': 'text/plain' }).end('no such page, or no ?siteKey=pk_…');
    return;
  }
  let html = page.replaceAll('{{API_URL}}', apiUrl).replaceAll('{{SITE_KEY}}', siteKey);
  const headers: Record<string, string> = { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' };
  if (url.searchParams.get('csp') === 'strict') {
    // As a site with a strict policy serves it: only scripts with the nonce, and what they load.
    const nonce = randomBytes(16).toString('base64');
    headers['Content-Security-Policy'] =
      `default-src 'self'; img-src 'self' data:; script-src 'nonce-${nonce}' 'strict-dynamic'; ` +
      `style-src 'self' 'nonce-${nonce}'; connect-src 'self' ${apiUrl}` +
      // ?trustedTypes=1: a script's address must come from a Trusted Types policy, as Google's own apps require.
      (url.searchParams.get('trustedTypes') === '1' ? "; require-trusted-types-for 'script'" : '');
    html = html.replaceAll('<script', `<script nonce="${nonce}"`);
  }
  response.writeHead(200, headers).end(html);
}).listen(port, '127.0.0.1', () => console.log(`widget test pages on http://127.0.0.1:${port}`));
