import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError, expectStatus, newTestSite, sendWithKey, startTestApp, type TestApp } from '../../test/test-app.ts';

let testApp: TestApp;
let site: Awaited<ReturnType<typeof newTestSite>>;
let deliveries: string;
beforeAll(async () => {
  testApp = await startTestApp();
  site = await newTestSite(testApp);
  const webhook = { url: 'https://1.0.0.1/hook', events: ['response.created'] };
  const created = (await expectStatus(await sendWithKey(testApp, 'POST', '/v1/webhooks', site.secretKey, webhook), 201)) as { id: string };
  deliveries = `/v1/webhooks/${created.id}/deliveries`;
});
afterAll(() => testApp.close());

const get = (path: string) => sendWithKey(testApp, 'GET', path, site.secretKey);

// Every integer query parameter of the API: `?name=` is added to each path.
const parameters = () => [
  { path: '/v1/responses?', name: 'limit' },
  { path: '/v1/scores?', name: 'minSample' },
  { path: '/v1/accounts?', name: 'minSample' },
  { path: `${deliveries}?`, name: 'limit' },
];

// What Number() reads as a number but is not a plain decimal integer.
const loose = [
  '0x10',
  '0X10',
  '0b11',
  '0o7',
  '1e1',
  '1E1',
  '%201%20',
  '%201',
  '1%20',
  '%091',
  '+5',
  '5.',
  '5.0',
  '.5',
  '1_0',
  'Infinity',
  '١٢',
];

describe('integer query parameters', () => {
  it('accept plain decimal digits only: hexadecimal, binary, exponents, signs and spaces answer 400 naming it', async () => {
    for (const { path, name } of parameters()) {
      for (const value of loose) {
        const message = await expectError(await get(`${path}${name}=${value}`), 400, 'invalid_request');
        expect(message.startsWith(`${name}: `), `${path}${name}=${value}: ${message}`).toBe(true);
      }
    }
  });

  it('still read plain digits, leading zeros included, and keep their range', async () => {
    for (const { path, name } of parameters()) {
      await expectStatus(await get(`${path}${name}=7`), 200);
      await expectStatus(await get(`${path}${name}=007`), 200);
      for (const value of ['0', '-1', '', '99999999999999999999999']) {
        expect(await expectError(await get(`${path}${name}=${value}`), 400, 'invalid_request')).toMatch(new RegExp(`^${name}: `));
      }
    }
  });
});
