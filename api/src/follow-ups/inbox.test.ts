import { randomUUID } from 'node:crypto';
import { inboxPageSchema } from '@tenpoint/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ownerWithSite } from '../../test/console-session.ts';
import { expectError, startTestApp, type TestApp } from '../../test/test-app.ts';
import { followUpKit } from './follow-ups-test-kit.ts';

let testApp: TestApp;
let kit: ReturnType<typeof followUpKit>;
let clock = new Date('2026-03-01T10:00:00.000Z');
beforeAll(async () => {
  testApp = await startTestApp({ now: () => clock });
  kit = followUpKit(testApp);
}, 60_000);
afterAll(() => testApp.close());

const at = (day: number) => new Date(Date.UTC(2026, 2, day, 10));

async function seeded() {
  const setup = await ownerWithSite(testApp);
  const asOwner = kit.bySession(setup.owner.jar, setup.site.id);
  const asKey = kit.byKey(setup.secretKey);
  const made: Record<string, string> = {};
  // Given in this order, oldest first: the inbox must reorder them.
  const seeds: Array<[string, number, string | undefined, object | undefined]> = [
    ['promoter', 10, 'love it', { plan: 'pro' }],
    ['lowPlain', 1, undefined, { plan: 'free' }],
    ['lowComment', 2, 'broken export', { plan: 'pro' }],
    ['passive', 7, undefined, undefined],
    ['lowCommentLater', 0, 'slow', { plan: 'pro' }],
  ];
  for (const [index, [name, score, comment, traits]] of seeds.entries()) {
    clock = at(index + 1);
    made[name] = (await kit.respond(setup.site.siteKey, score, { ...(comment ? { comment } : {}), ...(traits ? { traits } : {}) })).id;
  }
  clock = at(10);
  const inbox = async (query = '', as = asOwner) => inboxPageSchema.parse(await kit.ok(await as('GET', `/v1/inbox${query}`)));
  return { setup, asOwner, asKey, made, inbox };
}

describe('GET /v1/inbox', () => {
  it('lists low scores with a comment first, then other low, then the rest, the longest waiting first', async () => {
    const { made, inbox } = await seeded();
    const page = await inbox();
    expect(page.data.map((item) => item.id)).toEqual([made.lowComment, made.lowCommentLater, made.lowPlain, made.promoter, made.passive]);
    expect(page.counts).toEqual({ open: 5, unassigned: 5, mine: 0 });
    expect(page.data[0]).toMatchObject({ comment: 'broken export', survey: { type: 'nps' }, followUp: { state: 'new', owner: null } });
  });

  it('pages with an opaque cursor, and refuses a tampered one with a 400', async () => {
    const { inbox } = await seeded();
    const whole = (await inbox()).data.map((item) => item.id);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await inbox(`?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.data.map((item) => item.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(whole);
    const first = (await inbox('?limit=2')).nextCursor!;
    const tampered = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(first, 'base64url').toString()), rank: 'x' })).toString(
      'base64url',
    );
    const { asOwner } = await seeded();
    for (const bad of [tampered, 'garbage', `${first}%00`])
      expect(await expectError(await asOwner('GET', `/v1/inbox?cursor=${bad}`), 400, 'invalid_request')).toMatch(/^cursor/);
    expect(await expectError(await asOwner('GET', `/v1/inbox?accountId=${'x'.repeat(201)}`), 400, 'invalid_request')).toBe(
      'accountId: must be at most 200 characters',
    );
  });

  it('filters by state, owner (me, none, a member), tag, category, comment, account, survey, dates and traits', async () => {
    const { made, inbox, asOwner, asKey, setup } = await seeded();
    const me = (await inbox()).counts.mine;
    expect(me).toBe(0);
    await kit.ok(await asOwner('PATCH', `/v1/responses/${made.lowPlain}/follow-up`, { ownerId: null, tags: ['Billing'] }));
    const ids = (page: { data: Array<{ id: string }> }) => page.data.map((item) => item.id);
    // An empty change changes nothing: the response stays untouched.
    expect(await kit.ok(await asOwner('PATCH', `/v1/responses/${made.lowComment}/follow-up`, {}))).toMatchObject({ updatedAt: null });
    const members = (await kit.ok(await asOwner('GET', `/v1/organizations/${setup.organization.id}/members`))) as unknown as {
      data: Array<{ id: string }>;
    };
    const ownerId = members.data[0]!.id;
    await kit.ok(await asOwner('PATCH', `/v1/responses/${made.lowComment}/follow-up`, { ownerId }));
    await kit.ok(await asOwner('PATCH', `/v1/responses/${made.promoter}/follow-up`, { state: 'closed', resolution: 'thanked' }));

    expect(ids(await inbox('?owner=me'))).toEqual([made.lowComment]);
    expect(ids(await inbox(`?owner=${ownerId}`))).toEqual([made.lowComment]);
    expect(ids(await inbox('?owner=none'))).toEqual([made.lowCommentLater, made.lowPlain, made.passive]);
    expect(ids(await inbox('?tag=billing'))).toEqual([made.lowPlain]);
    expect(ids(await inbox('?state=closed'))).toEqual([made.promoter]);
    expect(ids(await inbox('?state=all&category=promoter'))).toEqual([made.promoter]);
    expect(ids(await inbox('?category=detractor&hasComment=false'))).toEqual([made.lowPlain]);
    expect(ids(await inbox('?trait[plan]=pro'))).toEqual([made.lowComment, made.lowCommentLater]);
    expect(ids(await inbox('?from=2026-03-02&to=2026-03-03'))).toEqual([made.lowComment, made.lowPlain]);
    expect(ids(await inbox('?accountId=nobody'))).toEqual([]);
    expect(ids(await inbox(`?surveyId=${randomUUID()}`))).toEqual([]);
    const page = await inbox();
    expect(page.counts).toEqual({ open: 4, unassigned: 3, mine: 1 });

    const byKey = inboxPageSchema.parse(await kit.ok(await asKey('GET', '/v1/inbox')));
    expect(byKey.counts.mine).toBeNull();
    expect(await expectError(await asKey('GET', '/v1/inbox?owner=me'), 400, 'invalid_request')).toMatch(
      /^owner: me means the signed-in member/,
    );
    await expectError(await asOwner('GET', '/v1/inbox?owner=------------------------------------'), 400, 'invalid_request');
    await expectError(await asOwner('GET', '/v1/inbox?state=bogus'), 400, 'invalid_request');
    await expectError(await asOwner('GET', '/v1/inbox?trait[a%00b]=x'), 400, 'invalid_request');
  });
});
