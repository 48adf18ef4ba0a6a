import { expect, type Page, test } from '@playwright/test';
import { apiUrl, demoKeys } from '../../demo-site/e2e/demo-keys.ts';
import { openDashboard } from './demo-session.ts';
import { expectAccessible } from './sign-up.ts';

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
  const rate = api.previous.responseRate === null ? '–' : `${Math.round(api.previous.responseRate * 100)}%`;
  await expect(page.getByTestId('previous-response-rate')).toHaveText(`before: ${rate}`);
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
  expect(api.groups.length, JSON.stringify(api)).toBeGreaterThan(0);
  const table = page.getByRole('table', { name: 'Segments' });
  for (const group of api.groups.slice(0, 3)) {
    const row = table.getByRole('row').filter({ has: page.getByRole('cell', { name: group.key, exact: true }) });
    const words = group.change ? `${group.change.words} (± ${group.change.marginOfError})` : `not compared: ${group.changeReason}`;
    await expect(row.getByRole('cell').last()).toHaveText(words);
  }
  await picker.selectOption({ label: `Trait: ${name}` });
  await expect(picker).toHaveValue(`trait:${name}`);
});

test('several surveys of one type make one score, the API’s for the same surveyIds', async ({ page }) => {
  const keys = demoKeys();
  const name = `Second NPS ${crypto.randomUUID().slice(0, 8)}`;
  const created = await page.request.post(`${apiUrl}/v1/surveys`, {
    headers: { Authorization: `Bearer ${keys.secretKey}` },
    data: { type: 'nps', name, productName: 'Ledgerly', enabled: false },
  });
  expect(created.status(), await created.text()).toBe(201);
  const surveyId = (await created.json()).id as string;
  for (const [index, score] of [10, 10, 0].entries()) {
    const posted = await page.request.post(`${apiUrl}/v1/responses`, {
      headers: { 'Content-Type': 'text/plain', Origin: `http://127.0.0.1:${process.env.E2E_DEMO_PORT}` },
      data: JSON.stringify({ siteKey: keys.siteKey, surveyId, id: crypto.randomUUID(), user: { userId: `u_second_${index}` }, score }),
    });
    expect(posted.status(), await posted.text()).toBe(201);
  }
  await openDashboard(page);
  const alone = Number(((await page.getByTestId('responses').textContent()) ?? '').replace(/,/g, ''));
  const api = await asApiAnswers(
    page,
    (url) => isHeadline(url) && url.searchParams.get('surveyIds')?.includes(surveyId) === true,
    () => page.getByRole('group', { name: 'Count in one score with' }).getByRole('checkbox', { name }).check(),
  );
  expect(api.surveyIds).toEqual([keys.surveyId, surveyId]);
  expect(api.responses).toBe(alone + 3);
  await expect(page.getByTestId('responses')).toHaveText(api.responses.toLocaleString('en-US'));
  await expect(page.getByTestId('headline-score')).toHaveText(String(api.nps));
  await expect(page.getByTestId('change')).toContainText(api.change ? api.change.words : String(api.changeReason));
  // The picker of several surveys and the change words pass axe in both schemes, and fit a phone.
  await expect(page.getByText(/^Loading/)).toHaveCount(0);
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await expectAccessible(page, `dashboard with surveyIds ${colorScheme}`);
  }
  await page.setViewportSize({ width: 360, height: 740 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
});
