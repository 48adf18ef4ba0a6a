import { expect, test } from '@playwright/test';

const apiUrl = `http://127.0.0.1:${process.env.E2E_API_PORT}`;
const isOwn = (url: string) => url.startsWith(`${apiUrl}/`) || /^(data|blob):/.test(url);

test('the reference at /docs renders the whole API from the API alone, with search and samples', async ({ page }) => {
  // A megabyte of renderer laying out every operation: slower than a page of the product.
  test.setTimeout(90_000);
  const answeredElsewhere: string[] = [];
  const triedElsewhere: string[] = [];
  page.on('response', (response) => {
    if (!isOwn(response.url())) answeredElsewhere.push(response.url());
  });
  page.on('requestfailed', (request) => {
    if (!isOwn(request.url())) triedElsewhere.push(`${request.url()} ${request.failure()?.errorText}`);
  });

  await page.goto(`${apiUrl}/docs`);
  await expect(page.getByRole('heading', { name: 'Tenpoint API (1.0.0)' })).toBeVisible({ timeout: 60_000 });
  await expect(page.getByRole('heading', { name: 'Headline score, series and segments' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'A user responded' })).toBeAttached();

  // Search finds an operation by its words.
  await page.getByPlaceholder('Search...').fill('signing secret');
  await expect(page.getByRole('menuitem', { name: 'Reveal the signing secret' })).toBeVisible();

  // Operations show request and answer samples.
  await expect(page.getByText('Request samples').first()).toBeAttached();
  await expect(page.getByText('Response samples').first()).toBeAttached();

  // Nothing came from elsewhere: the one image Redoc asks of its CDN is stopped by the page's policy.
  expect(answeredElsewhere).toEqual([]);
  expect(triedElsewhere.filter((attempt) => !attempt.endsWith(' csp'))).toEqual([]);
});
