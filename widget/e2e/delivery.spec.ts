import { randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { apiUrl, createSurvey, openHostPage, responsesSoFar, scoresOf } from './host-page.ts';

const longAgo = '2025-01-31T10:00:00Z';

test('a response given offline waits in the browser and arrives exactly once when back online', async ({ page, context }) => {
  const before = await responsesSoFar(page);
  const acknowledged: number[] = [];
  page.on('response', (answer) => {
    if (answer.url() === `${apiUrl}/v1/responses`) acknowledged.push(answer.status());
  });
  await openHostPage(page, { userId: `u_${randomUUID()}`, createdAt: longAgo });
  const survey = page.getByRole('dialog');
  await expect(survey).toBeVisible();

  await context.setOffline(true);
  await survey.getByRole('radio', { name: '6 out of 10' }).click();
  await expect(survey.getByRole('textbox')).toBeVisible();
  const outbox = JSON.parse((await page.evaluate(() => localStorage.getItem('tenpoint:outbox'))) ?? '{}');
  expect(Object.values(outbox).map((entry) => JSON.parse((entry as { body: string }).body).score)).toEqual([6]);

  // The user leaves and comes back later, online.
  await context.setOffline(false);
  await page.reload();
  await expect.poll(() => page.evaluate(() => localStorage.getItem('tenpoint:outbox')), { timeout: 10_000 }).toBeNull();
  await expect.poll(() => responsesSoFar(page)).toBe(before + 1);
  expect(acknowledged.filter((status) => status === 201)).toHaveLength(1);
});

test('a user who is not eligible downloads only the loader, and route changes do not ask again', async ({ page }) => {
  const requested: string[] = [];
  page.on('request', (sent) => {
    if (sent.url().startsWith(apiUrl)) requested.push(new URL(sent.url()).pathname);
  });
  // Signed up today: the first survey comes 30 days later.
  await openHostPage(page, { userId: `u_${randomUUID()}`, createdAt: new Date().toISOString() });
  await expect.poll(() => requested).toContain('/v1/eligibility');
  for (let route = 0; route < 3; route++)
    await page.evaluate(() => (window as unknown as { tenpoint: (command: string) => void }).tenpoint('run'));
  await page.waitForTimeout(500);

  expect(requested).toEqual(['/widget.js', '/v1/eligibility']);
  await expect(page.getByRole('dialog')).toHaveCount(0);
  const loaderBytes = (await (await page.request.get(`${apiUrl}/widget.js`)).body()).length;
  expect(loaderBytes).toBeLessThan(4000);
});

test('run() on every route change of a single-page app never shows two surveys', async ({ page }) => {
  const asked: string[] = [];
  page.on('request', (sent) => {
    if (sent.url() === `${apiUrl}/v1/eligibility`) asked.push(sent.url());
  });
  await openHostPage(page, { userId: `u_${randomUUID()}`, createdAt: longAgo });
  await expect(page.getByRole('dialog')).toBeVisible();
  for (let route = 1; route <= 5; route++) {
    await page.evaluate((path) => {
      history.pushState(null, '', path);
      (window as unknown as { tenpoint: (command: string) => void }).tenpoint('run');
    }, `/page-${route}`);
  }
  await page.waitForTimeout(500);
  await expect(page.getByRole('dialog')).toHaveCount(1);
  expect(await page.locator('[data-tenpoint]').count()).toBe(1);
  // While a survey is up, route changes do not even ask.
  expect(asked).toHaveLength(1);
});

test('an eligible user downloads the loader and the survey chunk, compressed, within their budgets', async ({ page }) => {
  const downloads = new Map<string, number>();
  page.on('requestfinished', async (finished) => {
    const path = new URL(finished.url()).pathname;
    if (path.endsWith('.js') && finished.url().startsWith(apiUrl)) downloads.set(path, (await finished.sizes()).responseBodySize);
  });
  await openHostPage(page, { userId: `u_${randomUUID()}`, createdAt: longAgo });
  await expect(page.getByRole('dialog')).toBeVisible();
  await expect.poll(() => downloads.size).toBe(2);
  const [loader, ui] = [downloads.get('/widget.js')!, downloads.get('/widget-ui.js')!];
  console.log(`eligible user downloaded: widget.js ${loader} B, widget-ui.js ${ui} B (compressed)`);
  expect(loader).toBeLessThanOrEqual(1536);
  expect(ui).toBeLessThanOrEqual(10240);
});

test('a survey due after a delay shows after it, and is dropped, unrecorded, if the user has navigated away', async ({ page, request }) => {
  const survey = await createSurvey(request, { type: 'nps', settings: { appearance: { delaySeconds: 2 } } });
  await openHostPage(page, { userId: `u_${randomUUID()}`, createdAt: longAgo }, { survey });
  const dialog = page.getByRole('dialog');
  await page.waitForTimeout(1000);
  await expect(dialog).toHaveCount(0);
  await expect(dialog).toBeVisible({ timeout: 5000 });
  await expect.poll(async () => (await scoresOf(request, survey)).impressions).toBe(1);

  await openHostPage(page, { userId: `u_${randomUUID()}`, createdAt: longAgo }, { survey });
  await page.waitForTimeout(500);
  await page.evaluate(() => history.pushState(null, '', '/another-page'));
  await page.waitForTimeout(3000);
  await expect(dialog).toHaveCount(0);
  expect((await scoresOf(request, survey)).impressions).toBe(1);
  // The next run() on the new page may show it.
  await page.evaluate(
    (surveyId) => (window as unknown as { tenpoint: (...args: unknown[]) => void }).tenpoint('run', { surveyId }),
    survey,
  );
  await expect(dialog).toBeVisible({ timeout: 5000 });
});
