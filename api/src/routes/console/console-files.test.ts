import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { errorBodySchema } from '@tenpoint/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/test-app.ts';

let built: string;
let testApp: TestApp;
let unbuilt: TestApp;
const page = '<!doctype html><title>Tenpoint</title><script type="module" src="/app/assets/index-abc123.js"></script>';
const previewPage = '<!doctype html><title>Survey preview</title>';

beforeAll(async () => {
  built = mkdtempSync(join(tmpdir(), 'tenpoint-console-'));
  mkdirSync(join(built, 'assets'));
  writeFileSync(join(built, 'index.html'), page);
  writeFileSync(join(built, 'preview.html'), previewPage);
  writeFileSync(join(built, 'assets', 'index-abc123.js'), 'console.log("console")');
  writeFileSync(join(built, 'assets', 'index-abc123.css'), 'body{}');
  testApp = await startTestApp({ consoleFolder: `${built}/` });
  unbuilt = await startTestApp({ consoleFolder: join(tmpdir(), 'no-such-console/') });
});
afterAll(async () => {
  await Promise.all([testApp.close(), unbuilt.close()]);
  rmSync(built, { recursive: true, force: true });
});

describe('the console at /app', () => {
  it('is its page at /app and at every path below it, with a policy that runs only its own scripts', async () => {
    for (const path of ['/app', '/app/', '/app/sites/123/install', '/app/sign-in?next=%2Fapp']) {
      const answer = await testApp.app.request(path);
      expect(answer.status, path).toBe(200);
      expect(answer.headers.get('content-type')).toMatch(/^text\/html/);
      expect(await answer.text()).toBe(page);
      const policy = answer.headers.get('content-security-policy') ?? '';
      expect(policy).toContain("script-src 'self'");
      expect(policy).toContain("frame-ancestors 'none'");
      expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });

  it("serves the survey editor's preview page, which only the console's own pages may frame", async () => {
    const answer = await testApp.app.request('/app/preview.html');
    expect(answer.status).toBe(200);
    expect(await answer.text()).toBe(previewPage);
    const policy = answer.headers.get('content-security-policy') ?? '';
    expect(policy).toContain("frame-ancestors 'self'");
    expect(policy).toContain("script-src 'self'");
    expect((await testApp.app.request('/app')).headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  });

  it('serves its built files with their type, cached for good as their names change with them', async () => {
    const script = await testApp.app.request('/app/assets/index-abc123.js');
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(script.headers.get('cache-control')).toContain('immutable');
    expect(await script.text()).toBe('console.log("console")');
    expect((await testApp.app.request('/app/assets/index-abc123.css')).headers.get('content-type')).toBe('text/css; charset=utf-8');
  });

  it('answers 404 in the error shape for a file it does not have, however the path is written', async () => {
    for (const path of [
      '/app/assets/missing.js',
      '/app/assets/%2e%2e/%2e%2e/package.json',
      '/app/assets/',
      '/app/assets/sub/index-abc123.js',
    ]) {
      const answer = await testApp.app.request(path);
      expect(answer.status, path).toBe(404);
      expect(errorBodySchema.parse(await answer.json()).error.code).toBe('not_found');
    }
  });

  it('says how to build it when it is not built', async () => {
    const answer = await unbuilt.app.request('/app');
    expect(answer.status).toBe(404);
    expect(errorBodySchema.parse(await answer.json()).error.message).toMatch(/console is not built; run pnpm build/);
  });
});
