import AxeBuilder from '@axe-core/playwright';
import { type Browser, expect, type Page } from '@playwright/test';
import { apiUrl } from '../../demo-site/e2e/demo-keys.ts';
import { linkInLastEmailTo } from './mail.ts';

export const password = 'a long enough passphrase';

/**
 * Signs a new person up in the console (from the page they are on when it links to sign-up, else
 * from the sign-up page) and follows the confirmation the API emailed through the tests' SMTP server.
 */
export async function signUp(page: Page, name: string, email: string) {
  if (!/#\/sign-up/.test(page.url())) {
    const link = page.getByRole('link', { name: 'Make an account' });
    if (await link.count()) await link.click();
    else await page.goto(`${apiUrl}/app/#/sign-up`);
  }
  await page.getByLabel('Your name').fill(name);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Make my account' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Check your email' })).toBeVisible();
  await page.goto(await linkInLastEmailTo(email));
  // Confirmed and signed in: the console has left the link's page.
  await expect(page).not.toHaveURL(/verify-email/);
}

/** A page in a browser of its own (its own cookies), as another person would have. */
export async function newPage(browser: Browser) {
  return (await browser.newContext()).newPage();
}

/** No WCAG 2.2 AA violation that axe finds, and one h1. */
export async function expectAccessible(page: Page, name: string) {
  await expect(page.getByRole('heading', { level: 1 })).toHaveCount(1);
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  const found = results.violations.map((violation) => `${name}: ${violation.id} (${violation.nodes.map((node) => node.target).join(' ')})`);
  expect(found).toEqual([]);
}
