import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { errorBodySchema } from '@tenpoint/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';
import { type RunningApi, startApi } from './start-api.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'tenpoint-parse-errors-'));
let api: RunningApi;
let port: number;
beforeAll(async () => {
  // The API as `pnpm start:api` starts it, on a free port: the parser's errors happen before Hono.
  api = await startApi({ ...loadConfig({ TENPOINT_DATA_DIR: dataDir, TENPOINT_LOG_LEVEL: 'silent' }), port: 0 });
  port = Number(new URL(api.url).port);
}, 120_000);
afterAll(async () => {
  await api?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Sends each part over one real socket, the next once an answer has come, and returns all the server wrote until it closed. */
function exchange(...parts: Array<Buffer | string>): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    const pending = [...parts];
    socket.on('data', (chunk) => {
      chunks.push(chunk);
      if (pending.length) socket.write(pending.shift()!);
    });
    socket.on('error', reject);
    socket.on('close', () => resolve(Buffer.concat(chunks).toString('latin1')));
    socket.write(pending.shift()!);
    setTimeout(() => socket.destroy(), 5000).unref();
  });
}

/** The last response in what the server wrote: its status, headers and JSON body. */
function lastResponse(text: string) {
  const start = text.lastIndexOf('HTTP/1.1 ');
  const [head = '', body = ''] = text.slice(start).split('\r\n\r\n');
  const [statusLine = '', ...lines] = head.split('\r\n');
  const headers = Object.fromEntries(lines.map((line) => [line.split(':')[0]!.toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]));
  return { status: Number(statusLine.split(' ')[1]), headers, body };
}

async function expectShapedError(parts: Array<Buffer | string>, status: number, message: RegExp) {
  const written = await exchange(...parts);
  const response = lastResponse(written);
  expect(response.status, written.slice(0, 300)).toBe(status);
  expect(response.headers['content-type']).toBe('application/json');
  expect(response.headers.connection).toBe('close');
  expect(Number(response.headers['content-length'])).toBe(Buffer.byteLength(response.body));
  const body = errorBodySchema.parse(JSON.parse(response.body));
  expect(body.error.code).toBe('invalid_request');
  expect(body.error.message).toMatch(message);
  expect(body.error.requestId).toMatch(/^[0-9a-f-]{36}$/);
  return written;
}

describe("requests Node's HTTP parser refuses", () => {
  it('headers too large answer 431 in the one error shape', async () => {
    await expectShapedError([`GET /v1/users/${'a'.repeat(20_000)} HTTP/1.1\r\nHost: x\r\n\r\n`], 431, /^request: headers too large/);
    await expectShapedError([`GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ${'b'.repeat(20_000)}\r\n\r\n`], 431, /^request: /);
  });

  it('a malformed request line or header answers 400 in the one error shape', async () => {
    const malformed = [
      Buffer.concat([Buffer.from('GET /v1/caf'), Buffer.from([0xe9]), Buffer.from(' HTTP/1.1\r\nHost: x\r\n\r\n')]),
      'POST /v1/responses HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n',
      'POST /v1/responses HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab',
      'GET / HTTP/9.9\r\n\r\n',
      'NOT A REQUEST\r\n\r\n',
      'POST /v1/responses HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n',
    ];
    for (const bytes of malformed) await expectShapedError([bytes], 400, /^request: malformed HTTP request/);
  });

  it('on a kept-alive connection the answer already given stays whole, then the error follows', async () => {
    const written = await expectShapedError(
      ['GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n', 'GET /he\u0001llo HTTP/1.1\r\n\r\n'],
      400,
      /^request: /,
    );
    expect(written.startsWith('HTTP/1.1 200 ')).toBe(true);
    expect(await exchange('GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n')).toMatch(/^HTTP\/1\.1 200 /);
  });
});
