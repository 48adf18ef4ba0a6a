import { randomUUID } from 'node:crypto';
import { expect, type Page, test } from '@playwright/test';
import { apiUrl, demoKeys } from '../../demo-site/e2e/demo-keys.ts';
import { demoOwner, signInAsDemoOwner } from './demo-session.ts';
import { expectAccessible } from './sign-up.ts';

// The console's pages on the real API (the demo's organization and its sample data), served under
// the console's content security policy.

const open = (page: Page, path: string) => page.goto(`${apiUrl}/app/#${path}`);
const shotName = (path: string) =>
  path
    .split('/')
    .at(-1)!
    .replace(/\?id=.*/, (query) => (query === '?id=new' ? '-new' : '-one'));
const demoSiteId = () => (demoKeys() as ReturnType<typeof demoKeys> & { siteId: string }).siteId;

test('signing in: the API’s message by the form, then the site’s dashboard, and signing out', async ({ page }) => {
  await signInAsDemoOwner(page);
  await page.request.delete(`${apiUrl}/v1/session`, { headers: { Origin: apiUrl } });
  await open(page, `/sites/${demoSiteId()}/dashboard`);
  await expect(page).toHaveURL(/#\/sign-in\?next=/);
  await expectAccessible(page, 'sign-in');
  await page.getByLabel('Email').fill(demoOwner.email);
  await page.getByLabel('Password').fill('not the password at all');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toHaveText('email or password: no account matches both');
  await page.getByLabel('Password').fill(demoOwner.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible();
  await expect(page.getByRole('banner')).toContainText(demoOwner.email);
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in to Tenpoint' })).toBeVisible();
  expect((await page.request.get(`${apiUrl}/v1/me`)).status()).toBe(401);
});

test('sign-up: a short password is refused next to its field, then the page says to check the email', async ({ page }) => {
  await open(page, '/sign-up');
  const email = `ana-${randomUUID().slice(0, 8)}@acme.test`;
  await page.getByLabel('Your name').fill('Ana Lima');
  await page.getByLabel('Email').fill(email);
  const password = page.getByLabel('Password');
  await password.fill('short');
  await page.getByRole('button', { name: 'Make my account' }).click();
  await expect(password).toHaveAttribute('aria-invalid', 'true');
  await expect(password).toHaveAccessibleDescription(/password: must be at least 10 characters/);
  await expectAccessible(page, 'sign-up with a problem');
  await password.fill('a long enough password');
  await page.getByRole('button', { name: 'Make my account' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Check your email' })).toBeVisible();
  await expect(page.getByRole('status')).toContainText(email);
});

test('keys: a new key is shown once and works, and revoking asks first, after which it does not', async ({ page }) => {
  await signInAsDemoOwner(page);
  await open(page, `/sites/${demoSiteId()}/keys`);
  const name = `CI ${randomUUID().slice(0, 4)}`;
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByLabel('Full access').check();
  await page.getByRole('button', { name: 'Make the key' }).click();
  const secretKey = await page.getByRole('textbox', { name: 'Secret key', exact: true }).inputValue();
  expect(secretKey).toMatch(/^sk_\w{40}$/);
  expect((await fetch(`${apiUrl}/v1/site`, { headers: { Authorization: `Bearer ${secretKey}` } })).status).toBe(200);
  await page.getByRole('button', { name: `Revoke ${name}` }).click();
  await page.getByRole('button', { name: 'Revoke the key' }).click();
  await expect(page.getByRole('list', { name: 'Keys' })).not.toContainText(name);
  expect((await fetch(`${apiUrl}/v1/site`, { headers: { Authorization: `Bearer ${secretKey}` } })).status).toBe(401);
});

test('every page passes axe in light and dark, and fits a 360 px phone (screenshots kept with the results)', async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  await signInAsDemoOwner(page);
  const siteId = demoSiteId();
  const surveyId = demoKeys().surveyId;
  const paths = [`/sites/${siteId}/dashboard`, `/sites/${siteId}/install`, `/sites/${siteId}/settings`, `/sites/${siteId}/keys`];
  // A webhook to show, at an address where nothing listens; deleted at the end.
  const hook = await fetch(`${apiUrl}/v1/webhooks`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${demoKeys().secretKey}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ url: 'http://127.0.0.1:9/axe-hooks', events: ['response.created'] }),
  });
  expect(hook.status).toBe(201);
  const hookId = ((await hook.json()) as { id: string }).id;
  paths.push(...['webhooks', 'webhooks?id=new', `webhooks?id=${hookId}`].map((page) => `/sites/${siteId}/${page}`));
  paths.push(`/sites/${siteId}/people?userId=u_otto`, `/sites/${siteId}/inbox`);
  paths.push(`/sites/${siteId}/alerts`, `/sites/${siteId}/alerts?id=new`);
  paths.push(`/sites/${siteId}/surveys`, `/sites/${siteId}/surveys?id=${surveyId}`);
  await open(page, paths[0]!);
  await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible();
  const organizationPath = (await page.getByRole('link', { name: 'Team' }).getAttribute('href'))!.replace(/^#/, '').replace(/team$/, '');
  paths.push(...['sites', 'team', 'audit-log', 'outbox', 'notifications'].map((page) => `${organizationPath}${page}`));
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    for (const path of paths) {
      await open(page, path);
      await expect(page.getByRole('navigation', { name: 'Console' })).toBeVisible();
      await expect(page.getByText(/^Loading/)).toHaveCount(0);
      await expectAccessible(page, `${path} ${colorScheme}`);
      await page.screenshot({ path: testInfo.outputPath(`${shotName(path)}-${colorScheme}.png`), fullPage: true });
    }
  }
  await page.setViewportSize({ width: 360, height: 740 });
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    for (const path of paths) {
      await open(page, path);
      await expect(page.getByText(/^Loading/)).toHaveCount(0);
      expect(await page.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(360);
      await page.screenshot({ path: testInfo.outputPath(`${shotName(path)}-phone-${colorScheme}.png`), fullPage: true });
    }
  }
  const deleted = await fetch(`${apiUrl}/v1/webhooks/${hookId}`, {
    method: 'DELETE',
    headers: { Authorization: `Bearer ${demoKeys().secretKey}` },
  });
  expect(deleted.status).toBe(204);
});

test('the pages before the app pass axe, and a used or made-up link says what to do', async ({ page }) => {
  for (const [path, title] of [
    ['/forgot-password', 'Reset your password'],
    ['/reset-password?token=t', 'Choose a new password'],
    ['/check-email', 'Check your email'],
    [`/invitation/${randomUUID()}`, 'You are invited to Tenpoint'],
    ['/sign-in-link?token=made-up', 'This link did not work'],
  ] as const) {
    await open(page, path);
    await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
    await expectAccessible(page, path);
  }
  await expect(page.getByRole('alert')).toHaveText('token: this sign-in link was used already or has expired');
});
