import { expect, type Page, test } from '@playwright/test';
import { userExportSchema } from '@tenpoint/shared';
import { demoKeys } from '../../demo-site/e2e/demo-keys.ts';
import { allowHostOrigin, apiUrl, hostOrigin } from './host-page.ts';

// Wootric's documented snippet, verbatim but for the script's address (docs/widget.md).
const wootricSnippet = (settings: string, after = "window.wootric('run');") => `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8" /><title>A vendor's page, once Wootric's</title><link rel="icon" href="data:," /></head>
  <body>
    <h1>A page that had Wootric</h1>
    <script type="text/javascript">
      window.wootricSettings = {
        ${settings}
      };
    </script>
    <script type="text/javascript" src="${apiUrl}/wootric.js"></script>
    <script type="text/javascript">${after}</script>
  </body>
</html>`;

const documentedSettings = `email: 'nps@example.com',        // required: unique identifier of the end user
        external_id: 'abc123',           // optional: the vendor's own id
        created_at: 1234567890,          // sign-up, Unix SECONDS
        account_token: 'NPS-xxxxxxxx',   // Wootric account token
        product_name: 'Ledgerly',        // optional
        language: 'nl',                  // optional
        properties: { pricing_plan: 'pro', seats_amount: 12, company: 'Acme' }, // optional end-user properties`;

const vendor = (method: string, path: string, body?: unknown) =>
  fetch(`${apiUrl}${path}`, {
    method,
    headers: { Authorization: `Bearer ${demoKeys().secretKey}`, 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

/** Serves the page from the test pages' origin (allowed on the demo site) and opens it, noting what the page says and throws. */
async function openPasted(page: Page, html: string) {
  const seen = { warnings: [] as string[], errors: [] as string[] };
  page.on('console', (message) => {
    if (message.type() === 'warning') seen.warnings.push(message.text());
  });
  page.on('pageerror', (error) => seen.errors.push(error.message));
  const path = await (await fetch(`${hostOrigin}/pasted`, { method: 'POST', body: html })).text();
  await page.goto(`${hostOrigin}${path}`);
  return seen;
}

test.beforeAll(async () => {
  await allowHostOrigin();
  // The demo site takes over the snippet's Wootric account token, as a vendor does on the Install page.
  const set = await vendor('PATCH', '/v1/site', { wootricAccountToken: 'NPS-xxxxxxxx' });
  expect(set.status, await set.text()).toBe(200);
});

test.beforeEach(async () => {
  // The snippet's user is always abc123: each test starts from a user never surveyed.
  await vendor('DELETE', '/v1/users/abc123');
});

test("Wootric's snippet pasted as it is shows the survey, and the response carries the user as Wootric described them", async ({
  page,
}) => {
  const seen = await openPasted(page, wootricSnippet(documentedSettings));
  const survey = page.getByRole('dialog');
  await expect(survey).toBeVisible();
  // In Dutch: the snippet's language.
  await expect(survey.getByRole('radiogroup')).toHaveAccessibleName(/^Hoe waarschijnlijk/);
  await survey.getByRole('radio', { name: '9 van 10' }).click();
  await expect(survey.getByRole('textbox')).toBeVisible();

  const stored = async () => userExportSchema.parse(await (await vendor('GET', '/v1/users/abc123')).json());
  await expect.poll(async () => (await stored()).responses.map((response) => response.score)).toEqual([9]);
  const { user, responses } = await stored();
  expect(user).toMatchObject({
    userId: 'abc123',
    email: 'nps@example.com',
    locale: 'nl',
    traits: { pricing_plan: 'pro', seats_amount: 12, company: 'Acme', product_name: 'Ledgerly' },
  });
  expect(new Date(user!.signedUpAt!).toISOString()).toBe(new Date(1234567890 * 1000).toISOString());
  expect(responses[0]!.userTraits).toMatchObject({ pricing_plan: 'pro', seats_amount: 12 });
  expect(seen.errors).toEqual([]);
  expect(seen.warnings.filter((text) => text.startsWith('[tenpoint]'))).toEqual([]);
});

test('settings Tenpoint has no counterpart for give one warning naming them all, and the survey still shows', async ({ page }) => {
  const seen = await openPasted(
    page,
    wootricSnippet(`${documentedSettings}\n modal_theme: 'dark', scale_color: 'gradient', twitter_account: 'acme',`),
  );
  await expect(page.getByRole('dialog')).toBeVisible();
  await page.evaluate(() => (window as unknown as { wootric: (command: string) => void }).wootric('run'));
  await page.waitForTimeout(300);
  expect(seen.warnings.filter((text) => text.startsWith('[tenpoint]'))).toEqual([
    '[tenpoint] these wootricSettings are ignored: modal_theme, scale_color, twitter_account',
  ]);
  expect(seen.errors).toEqual([]);
});

test("wootric('stop') removes a survey that is up", async ({ page }) => {
  await openPasted(page, wootricSnippet(documentedSettings));
  await expect(page.getByRole('dialog')).toBeVisible();
  await page.evaluate(() => (window as unknown as { wootric: (command: string) => void }).wootric('stop'));
  await expect(page.getByRole('dialog')).toHaveCount(0);
});

test('an account token no site has gives a warning that says what to do, and no page error', async ({ page }) => {
  const seen = await openPasted(page, wootricSnippet(documentedSettings.replace('NPS-xxxxxxxx', 'NPS-unknown1')));
  await expect
    .poll(() => seen.warnings.filter((text) => text.startsWith('[tenpoint]')))
    .toEqual([expect.stringMatching(/no Tenpoint site has the Wootric account token NPS-unknown1.*Install page/)]);
  await page.evaluate(() => (window as unknown as { wootric: (command: string) => void }).wootric('run'));
  await page.waitForTimeout(300);
  await expect(page.getByRole('dialog')).toHaveCount(0);
  expect(seen.errors).toEqual([]);
  expect(seen.warnings.filter((text) => text.startsWith('[tenpoint]'))).toHaveLength(1);
});

test('an account_token that is already the site key needs no Wootric token on the site', async ({ page }) => {
  const seen = await openPasted(page, wootricSnippet(documentedSettings.replace('NPS-xxxxxxxx', demoKeys().siteKey)));
  await expect(page.getByRole('dialog')).toBeVisible();
  expect(seen.errors).toEqual([]);
});

test("Wootric's async snippet, which runs it from the script's onload, works too", async ({ page }) => {
  const html = wootricSnippet(documentedSettings, '').replace(
    `src="${apiUrl}/wootric.js"></script>`,
    `src="${apiUrl}/wootric.js" async onload="WootricSurvey.run(wootricSettings)"></script>`,
  );
  expect(html).toContain('onload=');
  const seen = await openPasted(page, html);
  await expect(page.getByRole('dialog')).toBeVisible();
  expect(seen.errors).toEqual([]);
});

const tenpointWarnings = (seen: { warnings: string[] }) => seen.warnings.filter((text) => text.startsWith('[tenpoint]'));
const run = (page: Page) => page.evaluate(() => (window as unknown as { wootric: (command: string) => void }).wootric('run'));

test('a snippet without an account_token says so once', async ({ page }) => {
  const seen = await openPasted(page, wootricSnippet(documentedSettings.replace("account_token: 'NPS-xxxxxxxx',", '')));
  await expect.poll(() => tenpointWarnings(seen)).toEqual([expect.stringMatching(/^\[tenpoint\] wootricSettings\.account_token: /)]);
  await run(page);
  await page.waitForTimeout(300);
  expect(tenpointWarnings(seen)).toHaveLength(1);
  expect(seen.errors).toEqual([]);
});

test("a token lookup that failed is tried again on the next wootric('run')", async ({ page }) => {
  let lookups = 0;
  // The API answering 503 once, as it may under load.
  await page.route('**/v1/wootric/sites/**', (route) => (lookups++ ? route.continue() : route.fulfill({ status: 503 })));
  const seen = await openPasted(page, wootricSnippet(documentedSettings));
  await expect.poll(() => tenpointWarnings(seen)).toEqual([expect.stringMatching(/could not look up NPS-xxxxxxxx .*\(503\)/)]);
  await run(page);
  await expect(page.getByRole('dialog')).toBeVisible();
  expect(seen.errors).toEqual([]);
});

test('a page that requires Trusted Types gets a warning, not a page error', async ({ page }) => {
  const html = wootricSnippet(documentedSettings).replace(
    '<meta charset="utf-8" />',
    `<meta charset="utf-8" /><meta http-equiv="Content-Security-Policy" content="require-trusted-types-for 'script'" />`,
  );
  const seen = await openPasted(page, html);
  await expect.poll(() => tenpointWarnings(seen)).toEqual([expect.stringMatching(/TrustedScriptURL/)]);
  expect(seen.errors).toEqual([]);
});
