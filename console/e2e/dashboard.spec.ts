import { expect, type Page, test } from '@playwright/test';
import { apiUrl, demoKeys } from '../../demo-site/e2e/demo-keys.ts';
import { openDashboard } from './demo-session.ts';

/** The dashboard's own request for the headline, asked again of the API directly. */
async function headlineFromApi(page: Page, trigger: () => Promise<unknown>) {
  const seen = page.waitForResponse((answer) => /\/v1\/scores\?/.test(answer.url()) && !/groupBy|interval/.test(answer.url()));
  await trigger();
  const url = new URL((await seen).url());
  const answer = await page.request.get(`${apiUrl}${url.pathname}${url.search}`, {
    headers: { Authorization: `Bearer ${demoKeys().secretKey}` },
  });
  return answer.json();
}

async function expectFiguresToMatch(page: Page, api: Record<string, number | null>) {
  await expect(page.getByTestId('headline-score')).toHaveText(String(api.nps));
  await expect(page.getByTestId('margin-of-error')).toHaveText(`± ${api.marginOfError}`);
  await expect(page.getByTestId('responses')).toHaveText(Number(api.responses).toLocaleString('en-US'));
  for (const name of ['promoters', 'passives', 'detractors'] as const)
    await expect(page.getByTestId(`count-${name}`)).toHaveText(String(api[name]));
  await expect(page.getByTestId('declines')).toHaveText(String(api.declines));
  await expect(page.getByTestId('response-rate')).toHaveText(`${Math.round(Number(api.responseRate) * 100)}%`);
  await expect(page.getByTestId('users-shown')).toHaveText(Number(api.usersShown).toLocaleString('en-US'));
}

test('the figures on screen are the API’s, for the sample data and for a shorter range', async ({ page }) => {
  const sixMonths = await headlineFromApi(page, () => openDashboard(page));
  expect(sixMonths.responses).toBeGreaterThan(2000);
  await expectFiguresToMatch(page, sixMonths);
  const thirtyDays = await headlineFromApi(page, () => page.getByRole('button', { name: '30 days' }).click());
  expect(thirtyDays.responses).toBeLessThan(sixMonths.responses);
  await expectFiguresToMatch(page, thirtyDays);
});

test('the date range and the interval change the trend chart', async ({ page }) => {
  await openDashboard(page);
  const trend = page.locator('section[aria-labelledby="trend-title"]');
  const points = async () => Number(await trend.getAttribute('data-points'));
  await expect.poll(points).toBeGreaterThan(25);
  const weeks = await points();
  await trend.getByRole('combobox').selectOption('day');
  await expect.poll(points).toBeGreaterThan(weeks * 6);
  await page.getByRole('button', { name: '30 days' }).click();
  await expect.poll(points).toBe(31);
  await trend.getByRole('combobox').selectOption('month');
  await expect.poll(points).toBeLessThanOrEqual(2);
  await expect(trend.locator('canvas')).toBeVisible();
});

test('the settings form shows the API’s validation message next to the field, then saves', async ({ page }) => {
  await openDashboard(page);
  // The CSAT sample survey, so that the widget's NPS tests keep their settings.
  await page.getByRole('combobox', { name: 'Survey' }).selectOption({ label: 'Support CSAT (CSAT)' });
  const settings = page.locator('section[aria-labelledby="settings-title"]');
  const sample = settings.getByRole('spinbutton', { name: 'Sample (% of users)' });
  await sample.fill('150');
  await settings.getByRole('button', { name: 'Save' }).click();
  await expect(sample).toHaveAttribute('aria-invalid', 'true');
  await expect(settings.getByRole('alert')).toHaveText(/^settings\.sampling\.percent: /);
  await sample.fill('40');
  await settings.getByRole('textbox', { name: 'Follow-up for low scores' }).fill('What went wrong with {product}?');
  await settings.getByRole('textbox', { name: /^Only users with/ }).fill('role = admin, owner');
  await settings.getByRole('button', { name: 'Save' }).click();
  await expect(settings.getByRole('status')).toHaveText('Saved.');
  const surveys = await (
    await page.request.get(`${apiUrl}/v1/surveys`, { headers: { Authorization: `Bearer ${demoKeys().secretKey}` } })
  ).json();
  const csat = surveys.data.find((survey: { name: string }) => survey.name === 'Support CSAT');
  expect(csat.settings.sampling.percent).toBe(40);
  expect(csat.settings.wording.en.followUp.low).toBe('What went wrong with {product}?');
  expect(csat.settings.targeting.include).toEqual([{ trait: 'role', values: ['admin', 'owner'] }]);
});

test('a comment written as HTML shows as its characters and runs nothing', async ({ page }) => {
  const keys = demoKeys();
  const comment = '<img src=x onerror="document.title=\'pwned\'"> <script>alert(1)</script> <b>bold?</b>';
  const posted = await page.request.post(`${apiUrl}/v1/responses`, {
    headers: { 'Content-Type': 'text/plain', Origin: `http://127.0.0.1:${process.env.E2E_DEMO_PORT}` },
    data: JSON.stringify({ siteKey: keys.siteKey, id: crypto.randomUUID(), user: { userId: 'u_mallory' }, score: 1, comment }),
  });
  expect(posted.status()).toBe(201);
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await openDashboard(page);
  const comments = page.getByRole('list', { name: 'Comments' });
  await page.getByRole('searchbox', { name: 'Containing' }).fill('onerror');
  await expect(comments.getByText(comment, { exact: true })).toBeVisible();
  await expect(comments.locator('img, script, b')).toHaveCount(0);
  expect(await page.title()).not.toBe('pwned');
  expect(dialogs).toEqual([]);
});

for (const [name, viewport] of [
  ['desktop', { width: 1366, height: 900 }],
  ['mobile', { width: 390, height: 844 }],
] as const) {
  test(`looks right on ${name}, light and dark (screenshots kept with the results)`, async ({ page }, testInfo) => {
    await page.setViewportSize(viewport);
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      await openDashboard(page);
      await expect(page.getByTestId('headline-score')).not.toHaveText('–');
      await expect(page.locator('section[aria-labelledby="trend-title"] canvas')).toBeVisible();
      await expect(page.getByRole('list', { name: 'Comments' }).getByRole('listitem').first()).toBeVisible();
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
      const path = testInfo.outputPath(`dashboard-${name}-${colorScheme}.png`);
      await page.screenshot({ path, fullPage: true });
      await testInfo.attach(`dashboard-${name}-${colorScheme}`, { path, contentType: 'image/png' });
    }
  });
}

/** A survey of its own on the demo site, with exactly these scores, chosen in the dashboard. */
async function surveyWithScores(page: Page, scores: number[]) {
  const keys = demoKeys();
  const name = `Few responses ${crypto.randomUUID().slice(0, 8)}`;
  const created = await page.request.post(`${apiUrl}/v1/surveys`, {
    headers: { Authorization: `Bearer ${keys.secretKey}` },
    data: { type: 'nps', name, productName: 'Ledgerly' },
  });
  expect(created.status(), await created.text()).toBe(201);
  const surveyId = (await created.json()).id as string;
  for (const [index, score] of scores.entries()) {
    const posted = await page.request.post(`${apiUrl}/v1/responses`, {
      headers: { 'Content-Type': 'text/plain', Origin: `http://127.0.0.1:${process.env.E2E_DEMO_PORT}` },
      data: JSON.stringify({
        siteKey: keys.siteKey,
        surveyId,
        id: crypto.randomUUID(),
        user: { userId: `u_few_${index}`, traits: { plan: 'pro' } },
        score,
      }),
    });
    expect(posted.status(), await posted.text()).toBe(201);
  }
  await openDashboard(page);
  await page.getByRole('combobox', { name: 'Survey' }).selectOption({ label: `${name} (NPS)` });
  return surveyId;
}

test('category percentages add up to 100, and a score of few responses says so', async ({ page }) => {
  // One of each: 33.3% three times, shown as 34 + 33 + 33.
  await surveyWithScores(page, [10, 8, 0]);
  await expect(page.getByTestId('responses')).toHaveText('3');
  const shares = await page.locator('ul.legend li').allInnerTexts();
  const percents = shares.map((text) => Number(/\((\d+)%\)/.exec(text)?.[1]));
  expect(
    percents.reduce((sum, value) => sum + value, 0),
    shares.join(' | '),
  ).toBe(100);
  await expect(page.getByTestId('low-sample')).toHaveText('few responses (3 of the 30 needed for a firm score)');
  const segments = page.getByRole('table', { name: 'Segments' });
  await expect(segments.getByRole('row', { name: /pro/ })).toContainText('few responses');
});

test('the weeks that the range cuts are drawn as partial', async ({ page }) => {
  const seen = page.waitForResponse((answer) => /\/v1\/scores\?.*interval=week/.test(answer.url()));
  await openDashboard(page);
  const series = ((await (await seen).json()) as { series: Array<{ start: string; partial: boolean }> }).series;
  const partial = series.filter((point) => point.partial).map((point) => point.start);
  // 182 days from a weekday to the same weekday: at least one end cuts a week.
  expect(partial.length).toBeGreaterThan(0);
  const trend = page.locator('section[aria-labelledby="trend-title"]');
  await expect(trend.getByRole('img')).toHaveAttribute('aria-label', new RegExp(`partial: ${partial.join(', ')}`));
  await expect(trend.getByText('Dashed: a week the range cuts, with only some of its days')).toBeVisible();
});

test.describe('far from UTC', () => {
  test.use({ timezoneId: 'Pacific/Kiritimati' });

  test('the default range ends today in the browser’s zone, the zone the queries use', async ({ page }) => {
    // 12:00 UTC on 1 March is already 02:00 on 2 March in Kiritimati (UTC+14).
    await page.clock.setFixedTime(new Date('2026-03-01T12:00:00Z'));
    const seen = page.waitForRequest((request) => /\/v1\/scores\?/.test(request.url()));
    await openDashboard(page);
    const asked = new URL((await seen).url()).searchParams;
    expect(asked.get('tz')).toBe('Pacific/Kiritimati');
    expect(asked.get('to')).toBe('2026-03-02');
    await expect(page.getByLabel('To', { exact: true })).toHaveValue('2026-03-02');
    await page.getByRole('button', { name: '30 days' }).click();
    await expect(page.getByLabel('From', { exact: true })).toHaveValue('2026-01-31');
    await expect(page.getByLabel('To', { exact: true })).toHaveValue('2026-03-02');
  });
});

test('runs under its content security policy, which it never breaks', async ({ page }) => {
  const refused: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') refused.push(message.text());
  });
  await openDashboard(page);
  await expect(page.getByTestId('headline-score')).toBeVisible();
  // The chart, the comments and the settings have all drawn.
  await expect(page.locator('section[aria-labelledby="trend-title"] canvas')).toBeVisible();
  await expect(page.locator('section[aria-labelledby="settings-title"]').getByRole('button', { name: 'Save' })).toBeVisible();
  expect(refused).toEqual([]);
});

test('a survey without responses says what comes next instead of showing empty figures', async ({ page }) => {
  await surveyWithScores(page, []);
  const empty = page.getByTestId('no-responses');
  await expect(empty).toContainText('No responses in this range yet');
  await expect(empty).toContainText('not been shown to anyone');
  await expect(page.getByTestId('headline-score')).toHaveCount(0);
});

test('the follow-up figures are those of GET /v1/scores, with the way to the open detractors in the inbox', async ({ page }) => {
  const api = await headlineFromApi(page, () => openDashboard(page));
  const figures = api.followUp as {
    lowScores: number;
    followedUp: number;
    followedUpShare: number | null;
    medianHoursToFirstFollowUp: number | null;
    openByAge: Record<'underADay' | 'oneToSevenDays' | 'sevenToThirtyDays' | 'older', number>;
  };
  expect(figures.lowScores).toBe(api.detractors);
  const share = figures.followedUpShare === null ? '' : ` (${Math.round(figures.followedUpShare * 100)}%)`;
  await expect(page.getByTestId('followed-up')).toHaveText(`Detractors followed up: ${figures.followedUp} of ${figures.lowScores}${share}`);
  await expect(page.getByTestId('median-follow-up')).toContainText('Median time to first follow-up:');
  const ages = page.getByTestId('open-by-age');
  for (const [words, key] of [
    ['under a day', 'underADay'],
    ['1–7 days', 'oneToSevenDays'],
    ['7–30 days', 'sevenToThirtyDays'],
    ['older', 'older'],
  ] as const)
    await expect(ages.locator('div', { has: page.locator('dt', { hasText: words }) }).locator('dd')).toHaveText(
      String(figures.openByAge[key]),
    );
  const inbox = page.getByRole('link', { name: 'Open detractors in the inbox' });
  await expect(inbox).toHaveAttribute('href', /#\/sites\/[0-9a-f-]{36}\/inbox\?state=open&category=detractor$/);
});
