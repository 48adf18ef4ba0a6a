import { randomUUID } from 'node:crypto';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aUser, newTestSite, serveOverHttp, startTestApp, type TestApp, testOrigin } from '../../test/test-app.ts';

// Over real HTTP: the limit reads the Node server's headers, which an in-process request skips.
let testApp: TestApp;
let served: Awaited<ReturnType<typeof serveOverHttp>>;
let port: number;

beforeAll(async () => {
  testApp = await startTestApp();
  served = await serveOverHttp(testApp);
  port = served.port;
});

afterAll(async () => {
  await served.close();
  await testApp.close();
});

/** POSTs `chunks`, declaring their length unless `chunked`; answers the status and the body. */
function post(chunks: string[], chunked: boolean): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const length = chunks.reduce((sum, chunk) => sum + Buffer.byteLength(chunk), 0);
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: '/v1/responses',
        method: 'POST',
        headers: {
          'Content-Type': 'text/plain',
          Origin: testOrigin,
          ...(chunked ? { 'Transfer-Encoding': 'chunked' } : { 'Content-Length': length }),
        },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    // A server that answers early may close the connection while the rest is still being sent.
    req.on('error', reject);
    for (const chunk of chunks) req.write(chunk);
    req.end();
  });
}

describe('body size limit over HTTP', () => {
  it('answers 413 in the error shape for 16 KB and more, declared or chunked, and stores nothing', async () => {
    const site = await newTestSite(testApp);
    const body = JSON.stringify({ siteKey: site.siteKey, id: randomUUID(), user: aUser(), score: 8, comment: 'x'.repeat(20_000) });
    for (const chunked of [false, true]) {
      const { status, body: answer } = await post(chunked ? body.match(/.{1,4000}/gs)! : [body], chunked);
      expect(status, answer).toBe(413);
      expect(JSON.parse(answer)).toMatchObject({ error: { code: 'payload_too_large', message: 'body: must be at most 16 KB' } });
    }
  });

  it('takes a body within the limit whether declared or chunked', async () => {
    const site = await newTestSite(testApp);
    for (const chunked of [false, true]) {
      const body = JSON.stringify({ siteKey: site.siteKey, id: randomUUID(), user: aUser(), score: 8, comment: 'é'.repeat(4000) });
      const { status, body: answer } = await post(chunked ? body.match(/.{1,1000}/gs)! : [body], chunked);
      expect(status, answer).toBe(201);
    }
  });
});
