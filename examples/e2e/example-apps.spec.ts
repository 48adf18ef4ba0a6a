import { randomUUID } from 'node:crypto';
import { expect, type Page, test } from '@playwright/test';
import { userExportSchema } from '@tenpoint/shared';
import { apiUrl, demoKeys } from '../../demo-site/e2e/demo-keys.ts';
import { exampleOrigins, nextjsServerLog } from './example-apps.ts';

// Each app is the packed @tenpoint/widget in a framework's own template; the same user journeys run in all three.
const apps = [
  { name: 'React Router (Vite)', origin: exampleOrigins.reactVite, links: ['Invoices', 'Settings', 'Dashboard', 'Invoices'] },
  { name: 'Vue Router (Vite)', origin: exampleOrigins.vueVite, links: ['Invoices', 'Settings', 'Dashboard', 'Invoices'] },
  { name: 'Next.js App Router', origin: exampleOrigins.nextjs, links: ['Invoices', 'Dashboard', 'Invoices', 'Dashboard'] },
];

let problems: string[] = [];
test.beforeEach(({ page }) => {
  problems = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(`${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
});
test.afterEach(() => {
  expect(problems, 'nothing on the console').toEqual([]);
});

/** Opens the app signed in as a new user, who is eligible at once (no sign-up date, so no wait). */
async function signInAsNewUser(page: Page, origin: string): Promise<string> {
  const userId = `u_${randomUUID()}`;
  await page.goto(`${origin}/?user=${userId}`);
  await expect(page.getByRole('heading', { name: 'Dashboard' })).toBeVisible();
  return userId;
}

async function storedAbout(userId: string) {
  const answer = await fetch(`${apiUrl}/v1/users/${encodeURIComponent(userId)}`, {
    headers: { Authorization: `Bearer ${demoKeys().secretKey}` },
  });
  expect(answer.status, await answer.clone().text()).toBe(200);
  return userExportSchema.parse(await answer.json());
}

for (const app of apps) {
  test.describe(app.name, () => {
    test('a signed-in user is asked, and their score is stored with the page it was given on', async ({ page }) => {
      const userId = await signInAsNewUser(page, app.origin);
      const survey = page.getByRole('dialog');
      await expect(survey).toBeVisible();

      await survey.getByRole('radio', { name: '9 out of 10' }).click();
      await expect(survey.getByRole('textbox')).toBeVisible();
      await expect
        .poll(async () => (await storedAbout(userId)).responses.map(({ score, url }) => ({ score, url: url && new URL(url).origin })))
        .toEqual([{ score: 9, url: app.origin }]);
    });

    test('moving between pages never stacks a second survey', async ({ page }) => {
      await signInAsNewUser(page, app.origin);
      await expect(page.getByRole('dialog')).toBeVisible();

      for (const link of app.links) {
        await page.getByRole('link', { name: link }).click();
        await expect(page.getByRole('heading', { name: link })).toBeVisible();
      }
      await page.waitForTimeout(500);
      await expect(page.getByRole('dialog')).toHaveCount(1);
      await expect(page.locator('[data-tenpoint]')).toHaveCount(1);
    });

    test('signing out takes the survey away, and it stays away on the next pages', async ({ page }) => {
      const userId = await signInAsNewUser(page, app.origin);
      await expect(page.getByRole('dialog')).toBeVisible();

      await page.getByRole('button', { name: `Sign out ${userId}` }).click();
      await expect(page.getByRole('dialog')).toHaveCount(0);
      await page.getByRole('link', { name: 'Invoices' }).click();
      await expect(page.getByRole('heading', { name: 'Invoices' })).toBeVisible();
      await page.waitForTimeout(500);
      await expect(page.getByRole('dialog')).toHaveCount(0);
    });
  });
}

test('Next.js renders its pages on the server, with no error in the browser or in its log', async ({ page, request }) => {
  const html = await request.get(`${exampleOrigins.nextjs}/invoices?user=u_server`);
  const text = (await html.text()).replaceAll('<!-- -->', '');
  expect(html.status(), text).toBe(200);
  // The invoices and the signed-in user's button are in the HTML the server sent, before any script ran.
  expect(text).toContain('INV-1001: Acme BV');
  expect(text).toContain('Sign out u_server');

  await page.goto(`${exampleOrigins.nextjs}/invoices?user=u_${randomUUID()}`);
  await expect(page.getByRole('dialog')).toBeVisible();
  expect(nextjsServerLog()).not.toMatch(/error|warn|⨯/i);
});
