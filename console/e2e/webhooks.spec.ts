import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, type Page, test } from '@playwright/test';
import { verifySignature } from '../../api/src/webhooks/signature.ts';
import { apiUrl, demoKeys } from '../../demo-site/e2e/demo-keys.ts';
import { signInAsDemoOwner } from './demo-session.ts';
import { expectAccessible } from './sign-up.ts';

// A webhook of the demo site at a receiver on 127.0.0.1 that fails first, then comes back: its
// failed delivery shows in the log, and sending it again from the log reaches the receiver.

/** A receiver on 127.0.0.1 answering `status` (changeable) and keeping what arrived. */
async function startReceiver() {
  const arrivals: Array<{ headers: IncomingHttpHeaders; body: string }> = [];
  const state = { status: 500 };
  const server = createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (body += chunk));
    request.on('end', () => {
      arrivals.push({ headers: request.headers, body });
      response.statusCode = state.status;
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const close = () => new Promise((resolve) => server.close(resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`, arrivals, state, close };
}

const siteId = () => (demoKeys() as ReturnType<typeof demoKeys> & { siteId: string }).siteId;

async function answerOnce(page: Page) {
  const keys = demoKeys();
  const id = crypto.randomUUID();
  const posted = await page.request.post(`${apiUrl}/v1/responses`, {
    headers: { 'Content-Type': 'text/plain', Origin: `http://127.0.0.1:${process.env.E2E_DEMO_PORT}` },
    data: JSON.stringify({ siteKey: keys.siteKey, id, user: { userId: 'u_webhooks' }, score: 9 }),
  });
  expect(posted.status(), await posted.text()).toBe(201);
  return id;
}

test('a failed delivery shows in the log, and sending it again reaches the receiver once it is back; test, change, pause', async ({
  page,
}, testInfo) => {
  test.setTimeout(60_000);
  const receiver = await startReceiver();
  try {
    await signInAsDemoOwner(page);
    await page.goto(`${apiUrl}/app/#/sites/${siteId()}/webhooks`);
    await expect(page.getByRole('heading', { level: 1, name: 'Webhooks' })).toBeVisible();
    await page.getByRole('link', { name: 'New webhook' }).click();

    const url = page.getByLabel('URL', { exact: true });
    await url.fill('not a web address');
    await page.getByRole('button', { name: 'Make the webhook' }).click();
    await expect(url).toHaveAttribute('aria-invalid', 'true');
    await expect(url).toHaveAccessibleDescription(/url: must be an http or https URL/);
    await url.fill(receiver.url);
    await page.getByRole('checkbox', { name: /^A new response/ }).check();
    await page.getByRole('button', { name: 'Make the webhook' }).click();
    const secret = await page.locator('#webhook-new-secret').inputValue();
    expect(secret).toMatch(/^whsec_/);
    await expect(page.getByRole('heading', { level: 2, name: receiver.url })).toBeVisible();

    const responseId = await answerOnce(page);
    const log = page.getByRole('table', { name: 'Deliveries, newest first' });
    const row = log.getByRole('row').filter({ hasText: 'response.created' });
    await expect(async () => {
      await page.getByRole('button', { name: 'Refresh' }).click();
      await expect(row).toContainText('Failed; next try', { timeout: 1000 });
    }).toPass({ timeout: 15_000 });
    await expect(row).toContainText('the receiver answered HTTP 500, not a 2xx');
    await expect(row.getByRole('cell').nth(3)).toHaveText('500');
    expect(receiver.arrivals).toHaveLength(1);
    await expectAccessible(page, 'webhook with a failed delivery');
    await page.screenshot({ path: testInfo.outputPath('webhook-failed.png'), fullPage: true });

    receiver.state.status = 200;
    await row.getByRole('button', { name: 'Send again' }).click();
    await expect(row).toContainText('Delivered', { timeout: 15_000 });
    await expect(row).toContainText('sent again');
    await expect(row.getByRole('button', { name: 'Send again' })).toHaveCount(0);
    expect(receiver.arrivals).toHaveLength(2);
    const [first, again] = receiver.arrivals as [(typeof receiver.arrivals)[0], (typeof receiver.arrivals)[0]];
    expect(again.headers['tenpoint-delivery']).toBe(first.headers['tenpoint-delivery']);
    expect(verifySignature(secret, again.body, String(again.headers['tenpoint-signature']), new Date())).toBe(true);
    expect(JSON.parse(again.body)).toMatchObject({ type: 'response.created', data: { response: { id: responseId, score: 9 } } });
    await page.screenshot({ path: testInfo.outputPath('webhook-resent.png'), fullPage: true });

    await page.getByRole('button', { name: 'Send a test' }).click();
    await expect(page.getByText('The test reached the receiver: it answered 200.')).toBeVisible();
    expect(receiver.arrivals.at(-1)?.headers['tenpoint-event']).toBe('webhook.test');
    await page.getByRole('checkbox', { name: /^A response changed/ }).check();
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect(page.getByText('Sends response.created, response.updated.')).toBeVisible();
    await page.getByRole('button', { name: 'Pause', exact: true }).click();
    await expect(page.getByText('paused by you')).toBeVisible();
    await page.getByRole('button', { name: 'Resume', exact: true }).click();
    await expect(page.getByText('Sends response.created, response.updated.')).toBeVisible();

    // Gone again, so that no other test's responses are sent here.
    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    await page.getByRole('button', { name: 'Delete the webhook' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Webhooks' })).toBeVisible();
    await expect(page.getByRole('link', { name: receiver.url })).toHaveCount(0);
  } finally {
    await receiver.close();
  }
});
