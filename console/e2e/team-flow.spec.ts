import { randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { apiUrl } from '../../demo-site/e2e/demo-keys.ts';
import { linkInLastEmailTo } from './mail.ts';
import { expectAccessible, newPage, signUp } from './sign-up.ts';

// The story, on the real API and its real SMTP server: a team signs up, makes a site, pastes
// the snippet into a page of its own, watches the install check, reads the first answer, and
// invites a viewer who can read but not change.

const vendorHost = `http://127.0.0.1:${process.env.E2E_HOST_PORT}`;

test('a team signs up, makes a site, installs the snippet, reads the first answer and invites a read-only viewer', async ({ browser }) => {
  test.setTimeout(120_000);
  const page = await newPage(browser);
  const ownerEmail = `owner-${randomUUID().slice(0, 8)}@acme.test`;
  await signUp(page, 'Ana Lima', ownerEmail);
  await expect(page.getByRole('heading', { level: 1, name: 'Name your organization' })).toBeVisible();
  await page.getByLabel('Organization name').fill('Acme');
  await page.getByRole('button', { name: 'Make the organization' }).click();

  await expect(page.getByRole('heading', { level: 1, name: 'Sites' })).toBeVisible();
  await page.getByLabel('Name', { exact: true }).fill('Invoicing');
  await page.getByLabel('Allowed origins').fill(vendorHost);
  await page.getByRole('button', { name: 'Make the site' }).click();
  await expect(page.getByRole('textbox', { name: 'Secret key', exact: true })).toHaveValue(/^sk_\w{40}$/);
  await expectAccessible(page, 'site made');

  await page.getByRole('link', { name: 'Install the widget' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Install the widget' })).toBeVisible();
  await expect(page.getByTestId('install-state')).toContainText('Waiting for the first call');
  const snippet = (await page.getByTestId('snippet').textContent())!;
  expect(snippet).toContain(`${apiUrl}/widget.js`);

  // The vendor's own page, on another port, with the snippet pasted in as it was copied.
  const vendor = await newPage(browser);
  const html = `<!doctype html><html lang="en"><head><title>Vendor app</title></head><body><h1>App</h1>${snippet}</body></html>`;
  const pastedPath = await (await fetch(`${vendorHost}/pasted`, { method: 'POST', body: html })).text();
  await vendor.goto(`${vendorHost}${pastedPath}`);
  await expect(page.getByTestId('install-state')).toContainText('Installed', { timeout: 15_000 });

  const survey = vendor.getByRole('dialog');
  await survey.getByRole('radio', { name: '9 out of 10', exact: true }).click({ timeout: 15_000 });
  await survey.getByRole('button', { name: 'Send' }).click();
  await expect(survey.getByRole('status').filter({ hasText: /thank/i })).toBeVisible();
  await page.getByRole('link', { name: 'Dashboard' }).click();
  await expect(page.getByTestId('responses')).toHaveText('1', { timeout: 15_000 });
  await expect(page.getByTestId('low-sample')).toContainText('few responses');

  // A call from an origin the site does not allow shows under the refused calls, with what to change.
  const siteKey = /data-site-key="(pk_\w+)"/.exec(snippet)![1]!;
  await page.request.post(`${apiUrl}/v1/eligibility`, {
    headers: { Origin: 'https://not-allowed.example', 'Content-Type': 'text/plain' },
    data: JSON.stringify({ siteKey, user: { userId: 'u_2' } }),
  });
  await page.getByRole('link', { name: 'Install' }).click();
  const refused = page.getByRole('list', { name: 'Refused calls' });
  await expect(refused).toContainText('https://not-allowed.example', { timeout: 15_000 });
  await expect(refused).toContainText(/allowed origins/i);

  // A teammate invited as a viewer, the email caught by the tests' SMTP server.
  await page.getByRole('link', { name: 'Team' }).click();
  const viewerEmail = `viewer-${randomUUID().slice(0, 8)}@acme.test`;
  await page.getByLabel('Invite by email').fill(viewerEmail);
  await page.getByLabel('Role').selectOption('viewer');
  await page.getByRole('button', { name: 'Invite' }).click();
  await expect(page.getByRole('list', { name: 'Pending invitations' })).toContainText(viewerEmail);
  const invitation = await linkInLastEmailTo(viewerEmail);

  const viewer = await newPage(browser);
  await signUp(viewer, 'Bo Chen', viewerEmail);
  await viewer.goto(invitation);
  await viewer.getByRole('button', { name: 'Accept the invitation' }).click();
  await expect(viewer.getByRole('heading', { level: 1, name: 'Sites' })).toBeVisible();
  await viewer.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Settings' }).click();
  await expect(viewer.getByRole('heading', { level: 1, name: 'Site settings' })).toBeVisible();
  await expect(viewer.getByLabel('Name', { exact: true })).toBeDisabled();
  await expect(viewer.getByRole('switch', { name: 'Test mode' })).toBeDisabled();
  await expect(viewer.getByRole('button', { name: 'Save' })).toHaveCount(0);
  await expectAccessible(viewer, 'settings as a viewer');
  const siteId = /#\/sites\/([0-9a-f-]{36})\//.exec(viewer.url())![1]!;
  const nav = viewer.getByRole('navigation', { name: 'Console' });
  await nav.getByRole('link', { name: 'Keys' }).click();
  await expect(viewer.getByText('Only admins and the owner see and manage')).toBeVisible();
  await expect(viewer.getByRole('button', { name: /Revoke|Rotate|Make the key/ })).toHaveCount(0);
  await nav.getByRole('link', { name: 'Team' }).click();
  await expect(viewer.getByText(ownerEmail)).toBeVisible();
  await expect(viewer.getByRole('button', { name: 'Invite' })).toHaveCount(0);
  // The API refuses the same change, whatever the page shows.
  const forced = await viewer.request.patch(`${apiUrl}/v1/site`, {
    headers: { Origin: apiUrl, 'Tenpoint-Site': siteId },
    data: { testMode: true },
  });
  expect(forced.status()).toBe(403);
  expect(await forced.json()).toMatchObject({ error: { code: 'forbidden' } });

  // The owner's audit log lists each change, newest first.
  await page.getByRole('link', { name: 'Audit log' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Audit log' })).toBeVisible();
  for (const action of ['member.joined', 'member.invited', 'site.created', 'organization.created'])
    await expect(page.getByText(action, { exact: false }).first()).toBeVisible();
  await expectAccessible(page, 'audit log');
});
