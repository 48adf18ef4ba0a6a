import { randomBytes } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { apiUrl, demoKeys } from '../../demo-site/e2e/demo-keys.ts';
import { signInAsDemoOwner } from './demo-session.ts';

test("the Install page takes the site's Wootric account token and shows the one line of the snippet to change", async ({ page }) => {
  const { siteId, secretKey } = demoKeys() as ReturnType<typeof demoKeys> & { siteId: string };
  await signInAsDemoOwner(page);
  await page.goto(`${apiUrl}/app/#/sites/${siteId}/install`);
  const part = page.getByRole('region', { name: 'Switching from Wootric' });
  await expect(part.getByTestId('wootric-line')).toHaveText(`<script type="text/javascript" src="${apiUrl}/wootric.js"></script>`);

  const field = part.getByRole('textbox', { name: 'Wootric account token' });
  await field.fill('my token');
  await part.getByRole('button', { name: 'Save' }).click();
  await expect(field).toHaveAccessibleDescription(/must be a Wootric account token/);

  const token = `NPS-${randomBytes(4).toString('hex')}`;
  await field.fill(token);
  await part.getByRole('button', { name: 'Save' }).click();
  await expect(part.locator('form').getByRole('status')).toHaveText('Saved.');
  const site = await (await fetch(`${apiUrl}/v1/site`, { headers: { Authorization: `Bearer ${secretKey}` } })).json();
  expect(site.wootricAccountToken).toBe(token);
  const found = await fetch(`${apiUrl}/v1/wootric/sites/${token}`);
  expect(await found.json()).toEqual({ siteKey: demoKeys().siteKey });
});
