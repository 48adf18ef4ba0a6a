import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError, expectStatus, newTestSite, startTestApp, type TestApp, testOrigin } from '../../test/test-app.ts';

let testApp: TestApp;
let site: Awaited<ReturnType<typeof newTestSite>>;
beforeAll(async () => {
  testApp = await startTestApp();
  site = await newTestSite(testApp);
});
afterAll(() => testApp.close());

const bytes = (...parts: Array<string | number[]>) =>
  Buffer.concat(parts.map((part) => (typeof part === 'string' ? Buffer.from(part, 'utf8') : Buffer.from(part))));

const patchSite = (body: Buffer, contentType: string) =>
  testApp.app.request('/v1/site', {
    method: 'PATCH',
    headers: { Authorization: `Bearer ${site.secretKey}`, 'Content-Type': contentType },
    body,
  });
const getSite = async () =>
  expectStatus(await testApp.app.request('/v1/site', { headers: { Authorization: `Bearer ${site.secretKey}` } }), 200);

const postWidget = (path: string, body: Buffer, contentType: string) =>
  testApp.app.request(path, { method: 'POST', headers: { 'Content-Type': contentType, Origin: testOrigin }, body });
const responseBody = (comment: string | number[]) =>
  bytes(`{"siteKey":"${site.siteKey}","id":"${randomUUID()}","user":{"userId":"u_1"},"score":9,"comment":"`, comment, '"}');
const responseCount = async () =>
  (
    (await expectStatus(await testApp.app.request('/v1/responses', { headers: { Authorization: `Bearer ${site.secretKey}` } }), 200)) as {
      data: unknown[];
    }
  ).data.length;

const otherCharsets = ['iso-8859-1', 'ISO-8859-1', 'windows-1252', 'utf-16', 'UTF-16LE', '"latin1"', 'us-ascii'];

describe('the character encoding of bodies', () => {
  it('a vendor body in another charset answers 415 naming it, and nothing changes', async () => {
    const before = await getSite();
    for (const charset of otherCharsets) {
      const message = await expectError(
        await patchSite(bytes('{"name":"caf', [0xe9], '"}'), `application/json; charset=${charset}`),
        415,
        'unsupported_media_type',
      );
      expect(message).toMatch(/^Content-Type: /);
      expect(message).toContain(charset.replaceAll('"', ''));
    }
    expect(await getSite()).toEqual(before);
  });

  it('a vendor body that is not valid UTF-8 answers 400 "body: is not valid UTF-8", and nothing changes', async () => {
    const before = await getSite();
    for (const [label, body] of [
      ['a Latin-1 é', bytes('{"name":"caf', [0xe9], '"}')],
      ['FF FE in a string', bytes('{"name":"a', [0xff, 0xfe], 'b"}')],
      ['an overlong slash', bytes('{"name":"', [0xc0, 0xaf], '"}')],
      ['an encoded surrogate', bytes('{"name":"', [0xed, 0xa0, 0x80], '"}')],
      ['a sequence cut short at the end', bytes('{"name":"x"}', [0xe2, 0x82])],
    ] as const) {
      for (const contentType of ['application/json', 'application/json; charset=utf-8', 'application/json; charset="UTF-8"']) {
        expect(await expectError(await patchSite(body, contentType), 400, 'invalid_request'), label).toBe('body: is not valid UTF-8');
      }
    }
    expect(await getSite()).toEqual(before);
  });

  it('a widget body in another charset or not valid UTF-8 is refused alike, and nothing is stored', async () => {
    const before = await responseCount();
    for (const path of ['/v1/responses', '/v1/eligibility']) {
      for (const charset of otherCharsets) {
        const message = await expectError(
          await postWidget(path, responseBody('ok'), `text/plain; charset=${charset}`),
          415,
          'unsupported_media_type',
        );
        expect(message).toMatch(/^Content-Type: /);
      }
      for (const bad of [[0xe9], [0xff, 0xfe], [0x80]]) {
        for (const contentType of ['text/plain', 'text/plain;charset=UTF-8', 'application/json']) {
          expect(await expectError(await postWidget(path, responseBody(bad), contentType), 400, 'invalid_request')).toBe(
            'body: is not valid UTF-8',
          );
        }
      }
    }
    expect(await responseCount()).toBe(before);
  });

  it('UTF-8, with or without the charset or a byte order mark, is read as written', async () => {
    const name = 'Café ☕ 𝄞';
    expect(await expectStatus(await patchSite(bytes(JSON.stringify({ name })), 'application/json'), 200)).toMatchObject({ name });
    expect(
      await expectStatus(
        await patchSite(bytes([0xef, 0xbb, 0xbf], JSON.stringify({ name: 'Again' })), 'application/json;charset=Utf-8'),
        200,
      ),
    ).toMatchObject({ name: 'Again' });
    await expectStatus(await postWidget('/v1/responses', responseBody('très bien ☕'), 'text/plain;charset=UTF-8'), 201);
  });
});
