import { expect, test } from '@playwright/test';
import { apiUrl } from '../../demo-site/e2e/demo-keys.ts';
import { openDashboard, signInAsDemoOwner } from './demo-session.ts';
import { expectAccessible } from './sign-up.ts';

// A member turns the weekly digest on and off, and the digest's HTML (MJML) is looked at in
// Chromium at phone and desktop width: the screenshots are the test's artifacts.

test('a member turns the weekly digest on and off, and its HTML reads at phone and desktop width', async ({ page, browser }, testInfo) => {
  test.setTimeout(60_000);
  await signInAsDemoOwner(page);
  await openDashboard(page);
  await page.getByRole('link', { name: 'Your notifications' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Your notifications' })).toBeVisible();
  const organizationId = /organizations\/([0-9a-f-]{36})\//.exec(page.url())![1]!;
  const digest = page.getByRole('checkbox', { name: 'Weekly digest by email' });
  await digest.check();
  await expect(page.getByText('The weekly digest is on.')).toBeVisible();
  await page.reload();
  await expect(digest).toBeChecked();
  await expect(page.getByText('set per site, on each site’s Alerts page', { exact: false })).toBeVisible();
  // Before the preview: axe cannot look into a sandboxed frame, where no script runs.
  await expectAccessible(page, 'notifications');
  await page.getByRole('button', { name: 'Preview this week’s digest' }).click();
  await expect(
    page
      .frameLocator('iframe[title="Digest preview"]')
      .getByText(/^(NPS|CSAT|CES) /)
      .first(),
  ).toBeVisible();
  await digest.uncheck();
  await expect(page.getByText('The weekly digest is off.')).toBeVisible();

  const answer = await page.request.get(`${apiUrl}/v1/organizations/${organizationId}/me/digest-preview`);
  expect(answer.status()).toBe(200);
  const html = await answer.text();
  for (const width of [375, 1200]) {
    const mail = await browser.newPage({ viewport: { width, height: 900 } });
    await mail.setContent(html);
    await expect(mail.getByText(/^(NPS|CSAT|CES) /).first()).toBeVisible();
    await expect(mail.getByRole('link', { name: 'Unsubscribe' })).toBeVisible();
    // Nothing wider than the screen: no sideways scrolling on a phone.
    expect(await mail.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    const path = testInfo.outputPath(`digest-${width}.png`);
    await mail.screenshot({ path, fullPage: true });
    await testInfo.attach(`digest at ${width}px`, { path, contentType: 'image/png' });
    await mail.close();
  }
});
