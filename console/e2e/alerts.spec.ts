import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import { apiUrl, demoKeys } from '../../demo-site/e2e/demo-keys.ts';
import { demoOwner, signInAsDemoOwner } from './demo-session.ts';
import { expectAccessible } from './sign-up.ts';

// Alert rules made in the console: one for me (email, caught by the tests' SMTP server) and one for
// the team (a chat channel: a receiver on 127.0.0.1). A detractor with a comment reaches both.

const mailUrl = `http://127.0.0.1:${process.env.E2E_MAIL_PORT}`;
const siteId = () => (demoKeys() as ReturnType<typeof demoKeys> & { siteId: string }).siteId;

async function startChat() {
  const arrivals: string[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (body += chunk));
    request.on('end', () => {
      arrivals.push(body);
      response.end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const close = () => new Promise((resolve) => server.close(resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/chat`, arrivals, close };
}

test('a rule made in the console emails me and posts to the team chat when a detractor comments', async ({ page }, testInfo) => {
  test.setTimeout(60_000);
  const chat = await startChat();
  const marker = `Exports fail ${crypto.randomUUID().slice(0, 8)}`;
  try {
    await signInAsDemoOwner(page);
    await page.goto(`${apiUrl}/app/#/sites/${siteId()}/alerts`);
    await expect(page.getByRole('heading', { level: 1, name: 'Alerts' })).toBeVisible();

    await page.getByRole('link', { name: 'New alert rule' }).click();
    await page.getByLabel('Name').fill('My detractors');
    await page.getByRole('checkbox', { name: 'Only with a comment' }).check();
    await page.getByRole('button', { name: 'Make the rule' }).click();
    await expect(page.getByRole('link', { name: 'My detractors' })).toBeVisible();

    await page.getByRole('link', { name: 'New alert rule' }).click();
    await page.getByLabel('Name').fill('Team chat');
    await page.getByRole('radio', { name: /^The team/ }).check();
    await page.getByRole('radio', { name: /^A chat channel/ }).check();
    await page.getByLabel('Chat webhook URL').fill(chat.url);
    await page.getByRole('checkbox', { name: 'Only with a comment' }).check();
    await page.getByRole('button', { name: 'Make the rule' }).click();
    const list = page.getByRole('list', { name: 'Alert rules' });
    await expect(list).toContainText('Team chat');
    await expectAccessible(page, 'alert rules');
    await page.screenshot({ path: testInfo.outputPath('alerts.png'), fullPage: true });

    const posted = await page.request.post(`${apiUrl}/v1/responses`, {
      headers: { 'Content-Type': 'text/plain', Origin: `http://127.0.0.1:${process.env.E2E_DEMO_PORT}` },
      data: JSON.stringify({
        siteKey: demoKeys().siteKey,
        id: crypto.randomUUID(),
        user: { userId: 'u_alerts', account: { id: 'acme-alerts', name: 'Acme Corp' } },
        score: 2,
        comment: marker,
      }),
    });
    expect(posted.status(), await posted.text()).toBe(201);

    await expect
      .poll(async () => {
        const mails = (await (await fetch(`${mailUrl}/?to=${encodeURIComponent(demoOwner.email)}`)).json()) as { subject: string }[];
        return mails.filter((mail) => mail.subject.includes(marker)).map((mail) => mail.subject);
      })
      .toEqual([`Detractor (2) from Acme Corp: “${marker}”`]);
    await expect.poll(() => chat.arrivals.filter((body) => body.includes(marker)).length, { timeout: 10_000 }).toBe(1);

    // Gone again, so that no other test's responses alert anyone.
    for (const name of ['My detractors', 'Team chat']) {
      await page.getByRole('button', { name: `Delete ${name}` }).click();
      await page.getByRole('button', { name: 'Delete the rule' }).click();
      await expect(list.getByRole('link', { name })).toHaveCount(0);
    }
  } finally {
    await chat.close();
  }
});
