import { expect, type Page, test } from '@playwright/test';
import { apiUrl, demoKeys } from '../../demo-site/e2e/demo-keys.ts';
import { openDashboard } from './demo-session.ts';

const withKey = () => ({ headers: { Authorization: `Bearer ${demoKeys().secretKey}` } });

/** The API's answer to the dashboard's own scores request (the one that `matches`), asked again with the site's key. */
async function asApiAnswers(page: Page, matches: (url: URL) => boolean, trigger: () => Promise<unknown>) {
  const seen = page.waitForResponse((answer) => /\/v1\/scores\?/.test(answer.url()) && matches(new URL(answer.url())));
  await trigger();
  const url = new URL((await seen).url());
  return (await page.request.get(`${apiUrl}${url.pathname}${url.search}`, withKey())).json();
}

const isHeadline = (url: URL) => !url.searchParams.has('groupBy') && !url.searchParams.has('interval');

test('the change against the previous period on screen is the API’s, in its words and with its margin', async ({ page }) => {
  await openDashboard(page);
  await expect(page.getByTestId('change')).toBeVisible();
  const api = await asApiAnswers(page, isHeadline, () => page.getByRole('button', { name: '30 days' }).click());
  // The sample answers span months, so the 30 days before have answers too: a real comparison.
  expect(api.change, JSON.stringify(api)).not.toBeNull();
  await expect(page.getByTestId('change-words')).toHaveText(api.change.words);
  await expect(page.getByTestId('change-margin')).toHaveText(`(± ${api.change.marginOfError})`);
  await expect(page.getByTestId('previous-score')).toHaveText(String(api.previous.nps));
  await expect(page.getByTestId('previous-responses')).toHaveText(api.previous.responses.toLocaleString('en-US'));
});

test('the segment picker lists the traits the site sent, segment traits first, and each segment shows the API’s change', async ({
  page,
}) => {
  await openDashboard(page);
  const traits = (await (await page.request.get(`${apiUrl}/v1/traits`, withKey())).json()) as { data: Array<{ name: string }> };
  const picker = page.locator('section[aria-labelledby="segments-title"]').getByRole('combobox', { name: 'By' });
  await expect(picker.locator('option')).toHaveText(['Account', 'Language', ...traits.data.map((trait) => `Trait: ${trait.name}`)]);
  const name = traits.data[0]!.name;
  const api = await asApiAnswers(
    page,
    (url) => url.searchParams.get('groupBy') === 'locale',
    () => picker.selectOption({ label: 'Language' }),
  );
  const table = page.getByRole('table', { name: 'Segments' });
  for (const group of api.groups.slice(0, 3)) {
    const row = table.getByRole('row').filter({ has: page.getByRole('cell', { name: group.key, exact: true }) });
    const words = group.change ? `${group.change.words} (± ${group.change.marginOfError})` : `No comparison: ${group.changeReason}`;
    await expect(row.getByRole('cell').last()).toHaveText(words);
  }
  await picker.selectOption({ label: `Trait: ${name}` });
  await expect(picker).toHaveValue(`trait:${name}`);
});
