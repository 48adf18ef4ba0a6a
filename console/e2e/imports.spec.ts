import { expect, test } from '@playwright/test';
import { apiUrl, demoKeys } from '../../demo-site/e2e/demo-keys.ts';
import { signInAsDemoOwner } from './demo-session.ts';

// The demo's site, with an answer of one fresh account dated years back: other specs' figures stay as they were.
const siteId = () => (demoKeys() as ReturnType<typeof demoKeys> & { siteId: string }).siteId;

test('an imported answer says where it came from in the inbox, where it waits closed rather than open', async ({ page }) => {
  const account = `imported-${crypto.randomUUID().slice(0, 8)}`;
  const imported = await page.request.post(`${apiUrl}/v1/imports/responses`, {
    headers: { Authorization: `Bearer ${demoKeys().secretKey}`, 'Content-Type': 'text/csv' },
    data: `id,user_id,score,comment,created_at,account_id\n${account}-1,u_${account},3,Old but true,2023-01-05T10:00:00Z,${account}\n`,
  });
  expect(imported.status(), await imported.text()).toBe(200);

  await signInAsDemoOwner(page);
  await page.goto(`${apiUrl}/app/#/sites/${siteId()}/inbox`);
  await page.getByLabel('Account').fill(account);
  await page.getByRole('button', { name: 'Filter' }).click();
  const rows = page.getByRole('list', { name: 'Responses to follow up' }).getByRole('listitem');
  await expect(rows).toHaveText(['Nothing to follow up here.']);

  await page.getByLabel('State').selectOption('all');
  await page.getByRole('button', { name: 'Filter' }).click();
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('Old but true');
  await expect(rows.first()).toContainText('imported from a CSV file');
  await expect(rows.first()).toContainText('Closed');
});
