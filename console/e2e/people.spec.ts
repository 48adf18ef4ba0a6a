import { expect, type Page, test } from '@playwright/test';
import { apiUrl, demoKeys } from '../../demo-site/e2e/demo-keys.ts';
import { signInAsDemoOwner } from './demo-session.ts';
import { expectAccessible } from './sign-up.ts';

// The demo's u_ines answered the NPS survey ten days before the run's data was made (scripts/demo-people.ts).

const demoSiteId = () => (demoKeys() as ReturnType<typeof demoKeys> & { siteId: string }).siteId;
const withKey = { headers: { Authorization: `Bearer ${demoKeys().secretKey}` } };
const dayMs = 24 * 3600 * 1000;

async function openPeople(page: Page) {
  await signInAsDemoOwner(page);
  await page.goto(`${apiUrl}/app/#/sites/${demoSiteId()}/people`);
  await expect(page.getByRole('heading', { level: 1, name: 'People' })).toBeVisible();
}

async function lookUp(page: Page, by: 'User id' | 'Email', value: string) {
  await page.getByLabel('Look up by').selectOption({ label: by });
  await page.getByLabel(by, { exact: true }).fill(value);
  await page.getByRole('button', { name: 'Look up' }).click();
}

test('a person who answered 10 days ago: why they are not asked, from when they will be, then erased and gone', async ({
  page,
}, testInfo) => {
  await openPeople(page);
  await lookUp(page, 'Email', 'Ines.Vos@contoso.example');
  await expect(page.getByRole('heading', { level: 2, name: 'u_ines' })).toBeVisible();

  const fromApi = await (await page.request.get(`${apiUrl}/v1/users/u_ines/eligibility`, withKey)).json();
  const nps = fromApi.surveys.find((survey: { type: string }) => survey.type === 'nps');
  expect(nps.reason).toBe('recently_responded');
  const answeredAt = new Date(nps.lastResponseAt);
  expect(Math.round((Date.now() - answeredAt.getTime()) / dayMs)).toBe(10);
  const surveys = await (await page.request.get(`${apiUrl}/v1/surveys`, withKey)).json();
  const days = surveys.data.find((survey: { id: string }) => survey.id === nps.surveyId).settings.throttle.daysAfterResponse;
  const askedAgain = new Date(answeredAt.getTime() + days * dayMs);
  expect(nps.changesAt).toBe(askedAgain.toISOString());
  const day = (date: Date) => date.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

  const decision = page.locator(`[data-survey-id="${nps.surveyId}"]`);
  await expect(decision.getByTestId('decision-words')).toHaveText(
    `Answered 10 days ago (${day(answeredAt)}): asked again from ${day(askedAgain)}.`,
  );
  await expect(page.getByTestId('history-response')).toContainText('Answered 9 (promoter)');
  await expect(page.getByTestId('history-response')).toContainText('The new invoice templates saved me an afternoon.');
  await expect(page.getByTestId('history-response')).toContainText('https://app.ledgerly.example/invoices/new');
  await expectAccessible(page, 'people, u_ines');
  await page.screenshot({ path: testInfo.outputPath('people-u_ines.png'), fullPage: true });

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download their data (JSON)' }).click();
  const exported = JSON.parse(await (await (await download).createReadStream()).toArray().then((parts) => Buffer.concat(parts).toString()));
  expect(exported.user.userId).toBe('u_ines');
  expect(exported.responses).toHaveLength(1);

  await page.locator('summary', { hasText: 'Erase this person' }).click();
  const erase = page.getByRole('button', { name: 'Erase this person' });
  await expect(erase).toBeDisabled();
  await page.getByLabel(/^Type u_ines to delete/).fill('u_ines');
  await erase.click();
  await expect(page.getByRole('status')).toHaveText('Erased u_ines: 1 answer, no dismissals, 1 showing, no webhook deliveries.');
  expect((await page.request.get(`${apiUrl}/v1/users/u_ines`, withKey)).status()).toBe(404);
  expect((await page.request.get(`${apiUrl}/v1/users/u_ines/eligibility`, withKey)).status()).toBe(404);

  await lookUp(page, 'User id', 'u_ines');
  await expect(page.getByTestId('person-not-found')).toContainText('u_ines');
  await lookUp(page, 'Email', 'ines.vos@contoso.example');
  await expect(page.getByTestId('person-not-found')).toContainText('ines.vos@contoso.example');
});

test('a person who closed the survey: the dismissal in the history, and the date they are asked again', async ({ page }) => {
  await openPeople(page);
  await lookUp(page, 'User id', 'u_otto');
  await expect(page.getByTestId('history-decline')).toContainText('Closed without answering');
  await expect(page.getByTestId('history-decline')).toContainText('on https://app.ledgerly.example/reports');
  await expect(page.getByTestId('decision-words').first()).toHaveText(
    /^Closed the survey without answering 3 days ago \(.+\): asked again from .+\.$/,
  );
  await expect(page.locator('dl.facts')).toContainText(/Contoso \(acct_1\) · tier: \w+/);
});
