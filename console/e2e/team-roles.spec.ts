import { expect, test } from '@playwright/test';
import { apiUrl } from '../../demo-site/e2e/demo-keys.ts';
import { linkInLastEmailTo } from './mail.ts';
import { expectAccessible, newPage, signUp } from './sign-up.ts';

// The whole team story against the real API: emails come through the tests' SMTP server.

test('an owner makes an organization and a site and invites an analyst, who joins by the emailed link and only reads', async ({
  browser,
}) => {
  test.setTimeout(60_000);
  const stamp = crypto.randomUUID().slice(0, 8);
  const ana = await newPage(browser);
  const anaEmail = `ana-${stamp}@acme.example`;
  await ana.goto(`${apiUrl}/app/#/sign-up`);
  await signUp(ana, 'Ana Lima', anaEmail);
  await expect(ana.getByRole('heading', { level: 1, name: 'Name your organization' })).toBeVisible();
  await ana.getByLabel('Organization name').fill(`Acme ${stamp}`);
  await ana.getByRole('button', { name: 'Make the organization' }).click();

  await ana.getByLabel('Name', { exact: true }).fill('Ledgerly');
  await ana.getByLabel('Allowed origins').fill('https://app.ledgerly.example');
  await ana.getByRole('button', { name: 'Make the site' }).click();
  await expect(ana.getByRole('textbox', { name: 'Secret key', exact: true })).toHaveValue(/^sk_/);
  await expectAccessible(ana, 'step 1');

  const boEmail = `bo-${stamp}@acme.example`;
  await ana.getByRole('link', { name: 'Team' }).click();
  await ana.getByLabel('Invite by email').fill(boEmail);
  await ana.getByLabel('Role').selectOption('analyst');
  await ana.getByRole('button', { name: 'Invite' }).click();
  await expect(ana.getByRole('list', { name: 'Pending invitations' })).toContainText(boEmail);
  await expectAccessible(ana, 'step 2');

  const bo = await newPage(browser);
  await bo.goto(await linkInLastEmailTo(boEmail));
  await expect(bo.getByRole('heading', { level: 1, name: 'You are invited to Tenpoint' })).toBeVisible();
  await signUp(bo, 'Bo Chen', boEmail);
  // The confirmation link leads back to the invitation, before any "name your organization".
  await expect(bo.getByRole('heading', { level: 1, name: `Join Acme ${stamp}` })).toBeVisible();
  await bo.getByRole('button', { name: 'Accept the invitation' }).click();
  await expect(bo.getByRole('heading', { level: 1, name: 'Sites' })).toBeVisible();
  await expect(bo.getByRole('banner')).toContainText('(analyst)');

  await bo.getByRole('link', { name: 'Dashboard', exact: true }).click();
  await expect(bo.getByRole('button', { name: 'Export CSV' })).toBeVisible();
  await expect(bo.locator('section[aria-labelledby="settings-title"]').getByRole('button', { name: 'Save' })).toHaveCount(0);
  await expect(bo.getByRole('link', { name: 'Audit log' })).toHaveCount(0);
  await bo.getByRole('link', { name: 'Settings' }).click();
  await expect(bo.getByLabel('Name', { exact: true })).toBeDisabled();
  await bo.getByRole('link', { name: 'People' }).click();
  await bo.getByLabel('User id', { exact: true }).fill('nobody-here');
  await bo.getByRole('button', { name: 'Look up' }).click();
  await expect(bo.getByTestId('person-not-found')).toBeVisible();

  await ana.reload();
  const changed = ana.waitForResponse((answer) => answer.request().method() === 'PATCH' && /\/members\//.test(answer.url()));
  await ana.getByLabel('Role of Bo Chen').selectOption('viewer');
  expect((await changed).status()).toBe(200);
  await bo.reload();
  await bo.getByRole('link', { name: 'Dashboard', exact: true }).click();
  await expect(bo.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible();
  await expect(bo.getByRole('banner')).toContainText('(viewer)');
  await expect(bo.getByRole('button', { name: 'Export CSV' })).toHaveCount(0);
  await bo.getByRole('link', { name: 'People' }).click();
  await expect(bo.getByText("A person's record is personal data")).toBeVisible();
  await expect(bo.getByRole('button', { name: 'Look up' })).toHaveCount(0);

  // Webhooks: the owner makes one; the viewer sees it and its log, and no button they could not use.
  const hookUrl = 'http://127.0.0.1:9/ledgerly-hooks';
  await ana.getByRole('link', { name: 'Webhooks' }).click();
  await ana.getByRole('link', { name: 'New webhook' }).click();
  await ana.getByLabel('URL', { exact: true }).fill(hookUrl);
  await ana.getByRole('button', { name: 'Make the webhook' }).click();
  await expect(ana.locator('#webhook-new-secret')).toHaveValue(/^whsec_/);
  await bo.getByRole('link', { name: 'Webhooks' }).click();
  await expect(bo.getByRole('link', { name: 'New webhook' })).toHaveCount(0);
  await bo.getByRole('link', { name: hookUrl }).click();
  await expect(bo.getByRole('heading', { level: 2, name: 'Delivery log' })).toBeVisible();
  await expect(bo.getByText(/This one ends whsec_…/)).toBeVisible();
  for (const name of ['Pause', 'Send a test', 'Delete', 'Show the secret', 'Rotate the secret', 'Save changes'])
    await expect(bo.getByRole('button', { name, exact: true })).toHaveCount(0);
  await expectAccessible(bo, 'webhook as a viewer');
});
