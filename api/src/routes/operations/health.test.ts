import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError, expectStatus, startTestApp, type TestApp } from '../../../test/test-app.ts';

let testApp: TestApp;
beforeAll(async () => {
  testApp = await startTestApp();
});
afterAll(() => testApp.close());

describe('health and the edges of the API', () => {
  it('says the process is up and the database reachable', async () => {
    expect(await expectStatus(await testApp.app.request('/healthz'), 200)).toEqual({ status: 'ok' });
    expect(await expectStatus(await testApp.app.request('/readyz'), 200)).toEqual({ status: 'ready' });
  });

  it('answers unknown paths in the one error shape', async () => {
    expect(await expectError(await testApp.app.request('/v1/nothing-here'), 404, 'not_found')).toBe(
      'GET /v1/nothing-here does not exist; the endpoints are listed at /docs and in /openapi.json',
    );
  });

  it('serves the widget as a script any page may load', async () => {
    const response = await testApp.app.request('/widget.js');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(await response.text()).toBe('/* loader */');
  });

  it('sends the widget compressed to browsers that accept it', async () => {
    for (const [accept, encoding, decode] of [
      ['gzip, deflate, br', 'br', brotliDecompressSync],
      ['gzip', 'gzip', gunzipSync],
    ] as const) {
      const response = await testApp.app.request('/widget-ui.js', { headers: { 'Accept-Encoding': accept } });
      expect(response.headers.get('content-encoding')).toBe(encoding);
      expect(response.headers.get('vary')).toBe('Accept-Encoding');
      expect(decode(Buffer.from(await response.arrayBuffer())).toString()).toBe('/* ui */');
    }
  });
});
