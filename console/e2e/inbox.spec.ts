import { expect, type Page, test } from '@playwright/test';
import { apiUrl, demoKeys } from '../../demo-site/e2e/demo-keys.ts';
import { signInAsDemoOwner } from './demo-session.ts';
import { emailsTo, linkInLastEmailTo } from './mail.ts';
import { expectAccessible, newPage, signUp } from './sign-up.ts';

// The inbox on the real API, with the demo's site: responses of one fresh account, so that other specs' rows stay apart.

const siteId = () => (demoKeys() as ReturnType<typeof demoKeys> & { siteId: string }).siteId;
const withKey = { headers: { Authorization: `Bearer ${demoKeys().secretKey}` } };

async function respond(page: Page, account: string, score: number, comment?: string, email?: string) {
  const id = crypto.randomUUID();
  const posted = await page.request.post(`${apiUrl}/v1/responses`, {
    headers: { 'Content-Type': 'text/plain', Origin: `http://127.0.0.1:${process.env.E2E_DEMO_PORT}` },
    data: JSON.stringify({
      siteKey: demoKeys().siteKey,
      id,
      user: { userId: `u_${id.slice(0, 6)}`, account: { id: account }, ...(email ? { email } : {}) },
      score,
      comment,
    }),
  });
  expect(posted.status(), await posted.text()).toBe(201);
  return id;
}

async function openInbox(page: Page, account: string) {
  await page.goto(`${apiUrl}/app/#/sites/${siteId()}/inbox`);
  await expect(page.getByRole('heading', { level: 1, name: 'Inbox' })).toBeVisible();
  await page.getByLabel('Account').fill(account);
  await page.getByRole('button', { name: 'Filter' }).click();
}

test('a detractor with a comment comes first and unassigned; keys assign, tag, note and close; bulk assign; a viewer reads', async ({
  page,
  browser,
}) => {
  test.setTimeout(90_000);
  const account = `inbox-${crypto.randomUUID().slice(0, 8)}`;
  const promoter = await respond(page, account, 10);
  const quiet = await respond(page, account, 2);
  const loud = await respond(page, account, 1, 'The <b>export</b> keeps failing');
  await signInAsDemoOwner(page);
  await openInbox(page, account);

  const rows = page.getByRole('list', { name: 'Responses to follow up' }).getByRole('listitem');
  await expect(rows).toHaveCount(3);
  await expect(rows.first()).toContainText('The <b>export</b> keeps failing');
  await expect(rows.first()).toContainText('Unassigned');
  await expectAccessible(page, 'inbox');

  // Keyboard: next and back, `a` assigns to me.
  await page.keyboard.press('j');
  await expect(rows.nth(1)).toHaveAttribute('aria-current', 'true');
  await page.keyboard.press('k');
  await expect(rows.first()).toHaveAttribute('aria-current', 'true');
  await page.keyboard.press('a');
  await expect(rows.first()).not.toContainText('Unassigned');
  await page.keyboard.press('Enter');
  const pane = page.getByRole('region', { name: 'The response' });
  await expect(pane).toContainText('The <b>export</b> keeps failing');

  // Typing in a field never fires a shortcut.
  await pane.getByRole('textbox', { name: 'Add a tag' }).fill('ack');
  await pane.getByRole('button', { name: 'Add tag' }).click();
  await expect(pane.getByRole('button', { name: 'Remove the tag ack' })).toBeVisible();
  await pane.getByLabel('Note (only your team sees it)').fill('Called, they are on 4.1');
  await pane.getByRole('button', { name: 'Add note' }).click();
  await expect(pane.getByRole('list', { name: 'Notes and replies' })).toContainText('Called, they are on 4.1');

  await page.locator('body').click({ position: { x: 1, y: 1 } });
  await page.keyboard.press('c');
  await expect(pane.getByLabel('Resolution (how it was resolved)')).toBeFocused();
  await page.keyboard.type('Fixed in 4.2');
  await pane.getByRole('button', { name: 'Close', exact: true }).click();
  await expect(rows).toHaveCount(2);

  const detail = await (await page.request.get(`${apiUrl}/v1/responses/${loud}`, withKey)).json();
  expect(detail.followUp).toMatchObject({ state: 'closed', resolution: 'Fixed in 4.2', tags: ['ack'] });
  expect(detail.followUp.owner.email).toBe('demo@example.com');
  expect(detail.thread.map((entry: { body: string }) => entry.body)).toEqual(['Called, they are on 4.1']);

  // Bulk: the two left, assigned at once.
  for (const row of [rows.nth(0), rows.nth(1)]) await row.getByRole('checkbox').check();
  await page.getByLabel('Assign to').selectOption({ index: 1 });
  await page.getByRole('button', { name: 'Assign selected' }).click();
  await expect(rows.filter({ hasText: 'Unassigned' })).toHaveCount(0);
  for (const id of [promoter, quiet]) {
    const each = await (await page.request.get(`${apiUrl}/v1/responses/${id}`, withKey)).json();
    expect(each.followUp.owner).not.toBeNull();
  }

  const me = await (await page.request.get(`${apiUrl}/v1/me`)).json();
  const organizationId: string = me.organizations[0].id;
  await page.goto(`${apiUrl}/app/#/organizations/${organizationId}/audit-log`);
  await expect(page.getByText('response.closed').first()).toBeVisible();

  // A viewer sees the inbox, and no control they could not use; the API refuses their changes.
  const email = `viewer-${crypto.randomUUID().slice(0, 8)}@acme.example`;
  const invited = await page.request.post(`${apiUrl}/v1/organizations/${organizationId}/invitations`, {
    data: { email, role: 'viewer' },
    headers: { Origin: apiUrl },
  });
  expect(invited.status(), await invited.text()).toBe(201);
  const viewer = await newPage(browser);
  await viewer.goto(await linkInLastEmailTo(email));
  await signUp(viewer, 'Vi Ewer', email);
  await viewer.getByRole('button', { name: 'Accept the invitation' }).click();
  await expect(viewer.getByRole('heading', { level: 1, name: 'Sites' })).toBeVisible();
  await openInbox(viewer, account);
  const viewerRows = viewer.getByRole('list', { name: 'Responses to follow up' }).getByRole('listitem');
  await expect(viewerRows).toHaveCount(2);
  await expect(viewer.getByRole('checkbox')).toHaveCount(0);
  await viewerRows.first().getByRole('button').click();
  const viewerPane = viewer.getByRole('region', { name: 'The response' });
  await expect(viewerPane).toBeVisible();
  await expect(viewerPane.getByRole('button')).toHaveCount(0);
  await expect(viewerPane.getByRole('textbox')).toHaveCount(0);
  const refused = await viewer.request.patch(`${apiUrl}/v1/responses/${quiet}/follow-up`, {
    data: { state: 'in_progress' },
    headers: { Origin: apiUrl, 'Tenpoint-Site': siteId() },
  });
  expect(refused.status()).toBe(403);
});

test('a reply from the inbox reaches the respondent from the member, with Reply-To the owner, and stays in the thread', async ({
  page,
}) => {
  const account = `reply-${crypto.randomUUID().slice(0, 8)}`;
  const respondent = `ann-${crypto.randomUUID().slice(0, 8)}@contoso.example`;
  const other = `bo-${crypto.randomUUID().slice(0, 8)}@contoso.example`;
  await respond(page, account, 3, 'Someone else’s secret complaint', other);
  const id = await respond(page, account, 2, 'Bank sync drops every Monday', respondent);
  await signInAsDemoOwner(page);
  await openInbox(page, account);
  const rows = page.getByRole('list', { name: 'Responses to follow up' }).getByRole('listitem');
  await rows.filter({ hasText: 'Bank sync drops every Monday' }).getByRole('button').first().click();
  const pane = page.getByRole('region', { name: 'The response' });
  await expect(pane.getByTestId('reply-to')).toHaveText(`To: ${respondent}`);
  await pane.getByLabel('Message').fill('Thanks, Ann: we found the Monday bug and fixed it today.');
  await pane.getByRole('button', { name: 'Send reply' }).click();
  await expect(pane.getByTestId('reply-outcome')).toContainText(/sent/i);
  const thread = pane.getByRole('list', { name: 'Notes and replies' });
  await expect(thread).toContainText('we found the Monday bug');
  await expect(thread).toContainText(`Sent to ${respondent}.`);

  await expect.poll(async () => (await emailsTo(respondent)).length, { timeout: 10_000 }).toBe(1);
  const [mail] = await emailsTo(respondent);
  expect(mail!.from).toMatch(/^"?Demo owner at .+"? <[^>]+>$/);
  expect(mail!.replyTo).toBe('demo@example.com');
  expect(mail!.text).toContain('we found the Monday bug');
  expect(mail!.text).toContain('Bank sync drops every Monday');
  expect(mail!.text).not.toContain('secret complaint');
  expect(await emailsTo(other)).toEqual([]);

  // The link an alert carries opens the inbox on that response.
  await page.goto(`${apiUrl}/app/#/sites/${siteId()}/inbox?response=${id}&accountId=${account}`);
  await page.reload();
  await expect(page.getByRole('region', { name: 'The response' })).toContainText('Bank sync drops every Monday');
  await expect(page.getByRole('list', { name: 'Responses to follow up' }).getByRole('listitem')).toHaveCount(2);

  const detail = await (await page.request.get(`${apiUrl}/v1/responses/${id}`, withKey)).json();
  expect(detail.thread).toMatchObject([{ kind: 'reply', sentTo: respondent, delivery: 'sent' }]);
  expect(detail.followUp.owner.email).toBe('demo@example.com');
});
