import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, test } from '@playwright/test';
import { apiUrl } from '../../demo-site/e2e/demo-keys.ts';
import { fakeApi } from './fake-api.ts';

// The console's pages against the contract (fake-api.ts), served by the real API under its content security policy.

const open = (page: Page, path: string) => page.goto(`${apiUrl}/app/#${path}`);

async function expectAccessible(page: Page, name: string) {
  await expect(page.getByRole('heading', { level: 1 })).toHaveCount(1);
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  const found = results.violations.map((violation) => `${name}: ${violation.id} (${violation.nodes.map((node) => node.target).join(' ')})`);
  expect(found).toEqual([]);
}

test('signing in: the API’s message by the form, then the site’s dashboard with its header, and signing out', async ({ page }) => {
  const api = await fakeApi(page, { signedIn: false });
  await open(page, '/sites/whatever/dashboard');
  await expect(page).toHaveURL(/#\/sign-in\?next=/);
  await expectAccessible(page, 'sign-in');
  await page.getByLabel('Email').fill('ana@acme.io');
  await page.getByLabel('Password').fill('wrong password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toHaveText('email or password: no account matches both');
  await page.getByLabel('Password').fill('correct horse battery');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible();
  await expect(page.getByText('This site has no survey.')).toBeVisible();
  const surveys = api.requests.find((request) => request.path === '/v1/surveys');
  expect(surveys?.site).toBe(api.sites[0]!.id);
  await expect(page.getByRole('banner')).toContainText('ana@acme.io');
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in to Tenpoint' })).toBeVisible();
});

test('sign-up: a short password is refused next to its field, then the page says to check the email', async ({ page }) => {
  await fakeApi(page, { signedIn: false });
  await open(page, '/sign-up');
  await page.getByLabel('Your name').fill('Ana Lima');
  await page.getByLabel('Email').fill('ana@acme.io');
  const password = page.getByLabel('Password');
  await password.fill('short');
  await page.getByRole('button', { name: 'Make my account' }).click();
  await expect(password).toHaveAttribute('aria-invalid', 'true');
  await expect(password).toHaveAccessibleDescription(/password: must be at least 10 characters/);
  await expectAccessible(page, 'sign-up with a problem');
  await password.fill('a long enough password');
  await page.getByRole('button', { name: 'Make my account' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Check your email' })).toBeVisible();
  await expect(page.getByRole('status')).toContainText('ana@acme.io');
});

test('a new user names the organization, makes a site, sees its secret once and watches the install check turn green', async ({ page }) => {
  await fakeApi(page, { withOrganization: false, withSite: false });
  await open(page, '/');
  await expect(page.getByRole('heading', { level: 1, name: 'Name your organization' })).toBeVisible();
  await expectAccessible(page, 'name your organization');
  await page.getByLabel('Organization name').fill('Acme');
  await page.getByRole('button', { name: 'Make the organization' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Sites' })).toBeVisible();
  await page.getByLabel('Name', { exact: true }).fill('Ledgerly');
  await page.getByLabel('Allowed origins').fill('https://app.ledgerly.example\nhttps://staging.ledgerly.example');
  await page.getByRole('button', { name: 'Make the site' }).click();
  await expect(page.getByRole('textbox', { name: 'Secret key', exact: true })).toHaveValue('sk_live_fake_0123456789abcdef');
  await expect(page.getByText('it is shown only this once')).toBeVisible();
  await expectAccessible(page, 'site made');
  await page.getByRole('link', { name: 'Install the widget' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Install the widget' })).toBeVisible();
  const snippet = page.getByTestId('snippet');
  await expect(snippet).toContainText(`${apiUrl}/widget.js`);
  await expect(snippet).toContainText(/data-site-key="pk_\w+"/);
  await expect(page.getByTestId('install-state')).toContainText('Waiting for the first call');
  await expectAccessible(page, 'install');
  await page.getByRole('tab', { name: 'Next.js' }).click();
  await expect(snippet).toContainText("'use client'");
  await page.getByRole('tab', { name: 'Next.js' }).press('ArrowRight');
  await expect(page.getByRole('tab', { name: 'Plain HTML' })).toBeFocused();
  await expect(page.getByTestId('install-state')).toContainText('Installed', { timeout: 8000 });
  await expect(page.getByRole('list', { name: 'Refused calls' })).toContainText('https://staging.ledgerly.example');
});

test('a viewer sees settings read-only and no buttons to manage keys or the team', async ({ page }) => {
  const api = await fakeApi(page, { role: 'viewer' });
  const siteId = api.sites[0]!.id;
  await open(page, `/sites/${siteId}/settings`);
  await expect(page.getByRole('heading', { level: 1, name: 'Site settings' })).toBeVisible();
  await expect(page.getByLabel('Name', { exact: true })).toBeDisabled();
  await expect(page.getByRole('switch', { name: 'Test mode' })).toBeDisabled();
  await expect(page.getByRole('button', { name: 'Save' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /Delete/ })).toHaveCount(0);
  await expectAccessible(page, 'settings as viewer');
  await page.getByRole('link', { name: 'Keys' }).click();
  await expect(page.getByText('Only admins and the owner see and manage')).toBeVisible();
  await expect(page.getByRole('button', { name: /Revoke|Rotate|Make the key/ })).toHaveCount(0);
  await page.getByRole('link', { name: 'Team' }).click();
  await expect(page.getByText('bo@acme.io')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Invite' })).toHaveCount(0);
  await expect(page.getByRole('combobox', { name: /Role of/ })).toHaveCount(0);
  await expect(page.getByRole('link', { name: /Outbox|Audit log/ })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Leave Acme' })).toBeVisible();
  expect(api.requests.filter((request) => request.path === '/v1/keys')).toEqual([]);
});

test('keys: a new key is shown once, and revoking asks first', async ({ page }) => {
  const api = await fakeApi(page);
  await open(page, `/sites/${api.sites[0]!.id}/keys`);
  await page.getByLabel('Name', { exact: true }).fill('CI');
  await page.getByLabel('Full access').check();
  await page.getByRole('button', { name: 'Make the key' }).click();
  await expect(page.getByRole('textbox', { name: 'Secret key', exact: true })).toHaveValue('sk_new_fake_key_abcdefghij');
  await page.getByRole('button', { name: 'Revoke CI' }).click();
  await page.getByRole('button', { name: 'Revoke the key' }).click();
  await expect(page.getByRole('list', { name: 'Keys' })).not.toContainText('CI');
  expect(api.requests.filter((request) => request.path.startsWith('/v1/keys')).every((request) => request.site === api.sites[0]!.id)).toBe(
    true,
  );
  await page.getByRole('link', { name: 'Audit log' }).click();
  await expect(page.getByRole('list', { name: /^Changes to Acme/ })).toContainText('testMode: false → true');
});

test('every page passes axe in light and dark, and fits a 360 px phone (screenshots kept with the results)', async ({ page }, testInfo) => {
  test.setTimeout(90_000);
  const api = await fakeApi(page);
  const siteId = api.sites[0]!.id;
  const paths = [
    `/sites/${siteId}/dashboard`,
    `/sites/${siteId}/install`,
    `/sites/${siteId}/settings`,
    `/sites/${siteId}/keys`,
    'sites',
    'team',
    'audit-log',
    'outbox',
  ];
  await open(page, paths[0]!);
  await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible();
  const organizationPath = (await page.getByRole('link', { name: 'Team' }).getAttribute('href'))!.replace(/^#/, '').replace(/team$/, '');
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    for (const path of paths) {
      await open(page, path.startsWith('/') ? path : `${organizationPath}${path}`);
      await expect(page.getByRole('navigation', { name: 'Console' })).toBeVisible();
      await expect(page.getByText(/^Loading/)).toHaveCount(0);
      await expectAccessible(page, `${path} ${colorScheme}`);
      await page.screenshot({ path: testInfo.outputPath(`${path.split('/').at(-1)}-${colorScheme}.png`), fullPage: true });
    }
  }
  await page.setViewportSize({ width: 360, height: 740 });
  for (const path of paths) {
    await open(page, path.startsWith('/') ? path : `${organizationPath}${path}`);
    await expect(page.getByText(/^Loading/)).toHaveCount(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(360);
    await page.screenshot({ path: testInfo.outputPath(`${path.split('/').at(-1)}-phone.png`), fullPage: true });
  }
});

test('the pages before the app pass axe, and a used sign-in link says what to do', async ({ page }) => {
  await fakeApi(page, { signedIn: false });
  for (const [path, title] of [
    ['/forgot-password', 'Reset your password'],
    ['/reset-password?token=t', 'Choose a new password'],
    ['/check-email', 'Check your email'],
    ['/invitation/6f1c2f9e-8f55-4d7b-9a59-5e0f0e8a1b2c', 'You are invited to Tenpoint'],
    ['/sign-in-link?token=used', 'This link did not work'],
  ] as const) {
    await open(page, path);
    await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
    await expectAccessible(page, path);
  }
  await expect(page.getByRole('alert')).toHaveText('token: this link is not valid or has expired');
  // The invitation opened before signing in waits: the sign-in link leads back to it.
  await open(page, '/sign-in-link?token=good');
  await expect(page.getByRole('heading', { level: 1, name: 'Join Globex' })).toBeVisible();
  await expect(page).not.toHaveURL(/token=/);
  await expectAccessible(page, 'invitation');
  await page.getByRole('button', { name: 'Accept the invitation' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Sites' })).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Organization' })).toHaveValue(/.+/);
});
