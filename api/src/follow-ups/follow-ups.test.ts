import { randomUUID } from 'node:crypto';
import { followUpBulkAnswerSchema, followUpEntrySchema, followUpSchema, memberSchema, responseDetailSchema } from '@tenpoint/shared';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleRequest, joinAs, ownerWithSite } from '../../test/console-session.ts';
import { expectError, newTestSite, startTestApp, type TestApp } from '../../test/test-app.ts';
import { auditEvents, followUpEntries, followUps } from '../db/schema/index.ts';
import { followUpKit } from './follow-ups-test-kit.ts';

let testApp: TestApp;
let kit: ReturnType<typeof followUpKit>;
const clock = { now: new Date('2026-03-02T10:00:00.000Z') };
beforeAll(async () => {
  testApp = await startTestApp({ now: () => clock.now });
  kit = followUpKit(testApp);
}, 60_000);
afterAll(() => testApp.close());

async function team() {
  const setup = await ownerWithSite(testApp);
  const viewer = await joinAs(testApp, setup.owner.jar, setup.organization.id, 'viewer');
  const analyst = await joinAs(testApp, setup.owner.jar, setup.organization.id, 'analyst');
  const listed = await consoleRequest(testApp, setup.owner.jar, 'GET', `/v1/organizations/${setup.organization.id}/members`);
  const members = memberSchema.array().parse(((await listed.json()) as { data: unknown }).data);
  const memberId = (email: string) => members.find((member) => member.email === email)!.id;
  return {
    ...setup,
    asOwner: kit.bySession(setup.owner.jar, setup.site.id),
    asViewer: kit.bySession(viewer.jar, setup.site.id),
    asAnalyst: kit.bySession(analyst.jar, setup.site.id),
    asKey: kit.byKey(setup.secretKey),
    ownerId: memberId(setup.owner.email),
    analystId: memberId(analyst.email),
  };
}

describe('PATCH /v1/responses/{id}/follow-up', () => {
  it('assigns, tags and closes with a resolution, stamps the first follow-up and the closing, and reopens', async () => {
    const t = await team();
    const { id } = await kit.respond(t.site.siteKey, 2, { comment: 'Export is broken' });
    const untouched = responseDetailSchema.parse(await kit.ok(await t.asOwner('GET', `/v1/responses/${id}`)));
    expect(untouched.followUp).toEqual({
      state: 'new',
      owner: null,
      resolution: null,
      tags: [],
      firstFollowUpAt: null,
      closedAt: null,
      updatedAt: null,
    });

    const assigned = followUpSchema.parse(
      await kit.ok(
        await t.asAnalyst('PATCH', `/v1/responses/${id}/follow-up`, { ownerId: t.analystId, tags: ['Billing', 'billing ', 'EXPORT'] }),
      ),
    );
    expect(assigned).toMatchObject({ state: 'new', owner: { memberId: t.analystId }, tags: ['Billing', 'EXPORT'] });
    expect(assigned.firstFollowUpAt).toBe(clock.now.toISOString());

    const refused = await expectError(
      await t.asOwner('PATCH', `/v1/responses/${id}/follow-up`, { state: 'closed' }),
      400,
      'invalid_request',
    );
    expect(refused).toMatch(/^resolution: closing needs a resolution/);

    const tagged = followUpSchema.parse(
      await kit.ok(await t.asOwner('PATCH', `/v1/responses/${id}/follow-up`, { addTags: ['billing', 'called'], removeTags: ['export'] })),
    );
    expect(tagged.tags).toEqual(['Billing', 'called']);

    const first = assigned.firstFollowUpAt;
    clock.now = new Date('2026-03-03T10:00:00.000Z');
    const closed = followUpSchema.parse(
      await kit.ok(
        await t.asOwner('PATCH', `/v1/responses/${id}/follow-up`, { state: 'closed', resolution: 'Called back; fixed in 4.2.' }),
      ),
    );
    expect(closed).toMatchObject({
      state: 'closed',
      resolution: 'Called back; fixed in 4.2.',
      closedAt: clock.now.toISOString(),
      firstFollowUpAt: first,
    });

    const reopened = followUpSchema.parse(await kit.ok(await t.asKey('PATCH', `/v1/responses/${id}/follow-up`, { state: 'in_progress' })));
    expect(reopened).toMatchObject({ state: 'in_progress', closedAt: null, resolution: 'Called back; fixed in 4.2.' });
    // Closing again takes the stored resolution.
    expect(followUpSchema.parse(await kit.ok(await t.asKey('PATCH', `/v1/responses/${id}/follow-up`, { state: 'closed' }))).state).toBe(
      'closed',
    );
    expect(followUpSchema.parse(await kit.ok(await t.asKey('PATCH', `/v1/responses/${id}/follow-up`, { ownerId: null }))).owner).toBeNull();
  });

  it("refuses another organization's member, another site's response, bad ids, NUL and too many tags", async () => {
    const t = await team();
    const other = await team();
    const { id } = await kit.respond(t.site.siteKey, 3);
    const { id: elsewhere } = await kit.respond(other.site.siteKey, 3);
    expect(
      await expectError(await t.asOwner('PATCH', `/v1/responses/${id}/follow-up`, { ownerId: other.ownerId }), 400, 'invalid_request'),
    ).toMatch(/^ownerId: no member of this site's organization/);
    await expectError(await t.asOwner('PATCH', `/v1/responses/${elsewhere}/follow-up`, { state: 'in_progress' }), 404, 'not_found');
    await expectError(await t.asOwner('PATCH', `/v1/responses/${randomUUID()}/follow-up`, { state: 'in_progress' }), 404, 'not_found');
    await expectError(await t.asOwner('PATCH', '/v1/responses/not-an-id/follow-up', { state: 'in_progress' }), 404, 'not_found');
    await expectError(await t.asOwner('PATCH', `/v1/responses/${id}/follow-up`, { tags: ['a\u0000b'] }), 400, 'invalid_request');
    const many = Array.from({ length: 10_000 }, (_, index) => `t${index}`);
    const tooMany = await t.asOwner('PATCH', `/v1/responses/${id}/follow-up`, { tags: many });
    expect([400, 413], await tooMany.clone().text()).toContain(tooMany.status);
    await kit.ok(await t.asOwner('PATCH', `/v1/responses/${id}/follow-up`, { addTags: Array.from({ length: 20 }, (_, i) => `x${i}`) }));
    await expectError(await t.asOwner('PATCH', `/v1/responses/${id}/follow-up`, { addTags: ['one-more'] }), 400, 'invalid_request');
    await expectError(await t.asOwner('PATCH', `/v1/responses/${id}/follow-up`, { state: 'done' }), 400, 'invalid_request');
    await expectError(await t.asOwner('PATCH', `/v1/responses/${id}/follow-up`, { mood: 'sad' }), 400, 'invalid_request');
    // Nothing of the other site changed.
    expect(await testApp.db.select().from(followUps).where(eq(followUps.siteId, other.site.id))).toEqual([]);
  });

  it('lets viewers and read-only keys read but not write (403 on every write)', async () => {
    const t = await team();
    const { id } = await kit.respond(t.site.siteKey, 1, { comment: 'meh', email: 'meh@acme.io' });
    // A viewer reads the response but not the user's address (as on the People page).
    expect(responseDetailSchema.parse(await kit.ok(await t.asViewer('GET', `/v1/responses/${id}`))).email).toBeNull();
    expect(responseDetailSchema.parse(await kit.ok(await t.asOwner('GET', `/v1/responses/${id}`))).email).toBe('meh@acme.io');
    await kit.ok(await t.asViewer('GET', '/v1/inbox'));
    await expectError(await t.asViewer('PATCH', `/v1/responses/${id}/follow-up`, { state: 'in_progress' }), 403, 'forbidden');
    await expectError(await t.asViewer('POST', `/v1/responses/${id}/notes`, { body: 'hi' }), 403, 'forbidden');
    await expectError(
      await t.asViewer('POST', '/v1/follow-ups/bulk', { responseIds: [id], change: { state: 'in_progress' } }),
      403,
      'forbidden',
    );
    const created = await kit.ok(await t.asOwner('POST', '/v1/keys', { name: 'reader', access: 'read' }), 201);
    const reader = kit.byKey((created as unknown as { secretKey: string }).secretKey);
    await kit.ok(await reader('GET', `/v1/responses/${id}`));
    await expectError(await reader('PATCH', `/v1/responses/${id}/follow-up`, { state: 'in_progress' }), 403, 'forbidden');
    await expectError(await reader('POST', `/v1/responses/${id}/notes`, { body: 'hi' }), 403, 'forbidden');
    expect(await testApp.db.select().from(followUps).where(eq(followUps.siteId, t.site.id))).toEqual([]);
  });
});

describe('notes and the thread', () => {
  it('adds notes by member name or key name, oldest first, and keeps their words out of the audit log', async () => {
    const t = await team();
    const { id } = await kit.respond(t.site.siteKey, 0, { comment: 'Call me at 555-0100', email: 'ann@acme.io' });
    const note = followUpEntrySchema.parse(
      await kit.ok(await t.asOwner('POST', `/v1/responses/${id}/notes`, { body: '  Ann says <b>555-0100</b>  ' }), 201),
    );
    expect(note).toMatchObject({ kind: 'note', body: 'Ann says <b>555-0100</b>', author: { memberId: t.ownerId } });
    clock.now = new Date(clock.now.getTime() + 1000);
    const byKey = followUpEntrySchema.parse(await kit.ok(await t.asKey('POST', `/v1/responses/${id}/notes`, { body: 'second' }), 201));
    expect(byKey.author).toEqual({ memberId: null, name: expect.stringMatching(/^key "/) });
    const detail = responseDetailSchema.parse(await kit.ok(await t.asOwner('GET', `/v1/responses/${id}`)));
    expect(detail.thread.map((entry) => entry.body)).toEqual(['Ann says <b>555-0100</b>', 'second']);
    expect(detail.replyable).toBe(true);
    expect(detail.email).toBe('ann@acme.io');
    expect(detail.followUp.firstFollowUpAt).toBe(note.createdAt);
    expect(detail.comment).toBe('Call me at 555-0100');

    await expectError(await t.asOwner('POST', `/v1/responses/${id}/notes`, { body: '   ' }), 400, 'invalid_request');
    await expectError(await t.asOwner('POST', `/v1/responses/${id}/notes`, { body: 'x'.repeat(5001) }), 400, 'invalid_request');
    const huge = await t.asOwner('POST', `/v1/responses/${id}/notes`, { body: 'x'.repeat(100_000) });
    expect(huge.status, await huge.clone().text()).toBe(413);
    const other = await newTestSite(testApp);
    const { id: elsewhere } = await kit.respond(other.siteKey, 1);
    await expectError(await t.asOwner('POST', `/v1/responses/${elsewhere}/notes`, { body: 'hi' }), 404, 'not_found');
    await expectError(await t.asOwner('GET', `/v1/responses/${elsewhere}`), 404, 'not_found');

    const audit = await testApp.db.select().from(auditEvents).where(eq(auditEvents.siteId, t.site.id));
    expect(audit.filter((event) => event.action === 'response.note_added')).toHaveLength(2);
    const written = JSON.stringify(audit);
    for (const secret of ['555-0100', 'second', 'ann@acme.io']) expect(written).not.toContain(secret);
  });
});

describe('POST /v1/follow-ups/bulk', () => {
  it('assigns many at once, lists the unknown ones, and changes none when one change is invalid', async () => {
    const t = await team();
    const a = await kit.respond(t.site.siteKey, 2);
    const b = await kit.respond(t.site.siteKey, 9);
    const other = await newTestSite(testApp);
    const foreign = await kit.respond(other.siteKey, 2);
    const answer = followUpBulkAnswerSchema.parse(
      await kit.ok(
        await t.asOwner('POST', '/v1/follow-ups/bulk', {
          responseIds: [a.id, b.id, foreign.id],
          change: { ownerId: t.analystId, addTags: ['q1'] },
        }),
      ),
    );
    expect(answer.updated.sort()).toEqual([a.id, b.id].sort());
    expect(answer.notFound).toEqual([foreign.id]);
    for (const { id } of [a, b])
      expect(responseDetailSchema.parse(await kit.ok(await t.asOwner('GET', `/v1/responses/${id}`))).followUp).toMatchObject({
        owner: { memberId: t.analystId },
        tags: ['q1'],
      });

    await kit.ok(await t.asOwner('PATCH', `/v1/responses/${a.id}/follow-up`, { state: 'closed', resolution: 'done' }));
    const refused = await t.asOwner('POST', '/v1/follow-ups/bulk', {
      responseIds: [a.id, b.id],
      change: { state: 'closed', addTags: ['x'] },
    });
    await expectError(refused, 400, 'invalid_request');
    expect(responseDetailSchema.parse(await kit.ok(await t.asOwner('GET', `/v1/responses/${a.id}`))).followUp.tags).toEqual(['q1']);
    await expectError(
      await t.asOwner('POST', '/v1/follow-ups/bulk', { responseIds: Array.from({ length: 201 }, () => randomUUID()), change: {} }),
      400,
      'invalid_request',
    );
    await expectError(await t.asOwner('POST', '/v1/follow-ups/bulk', { responseIds: [], change: {} }), 400, 'invalid_request');
  });
});

describe('audit', () => {
  it('records assignments, state changes and tags with before and after, by whom', async () => {
    const t = await team();
    const { id } = await kit.respond(t.site.siteKey, 2, { comment: 'private words' });
    await kit.ok(await t.asOwner('PATCH', `/v1/responses/${id}/follow-up`, { ownerId: t.ownerId, tags: ['vip'] }));
    await kit.ok(await t.asOwner('PATCH', `/v1/responses/${id}/follow-up`, { state: 'closed', resolution: 'Refunded Ann' }));
    const events = await testApp.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.siteId, t.site.id), eq(auditEvents.target, `response ${id}`)));
    expect(events.map(({ action, before, after, actor }) => ({ action, before, after, actor }))).toEqual(
      expect.arrayContaining([
        { action: 'response.assigned', before: { ownerMemberId: null }, after: { ownerMemberId: t.ownerId }, actor: t.owner.email },
        { action: 'response.tagged', before: { tags: [] }, after: { tags: ['vip'] }, actor: t.owner.email },
        { action: 'response.closed', before: { state: 'new' }, after: { state: 'closed' }, actor: t.owner.email },
      ]),
    );
    expect(JSON.stringify(events)).not.toMatch(/private words|Refunded Ann/);
    const log = JSON.stringify(await kit.ok(await t.asOwner('GET', '/v1/audit-log')));
    expect(log).toContain('response.closed');
  });
});

describe('erasure', () => {
  it("takes an erased user's follow-up and thread with their responses", async () => {
    const t = await team();
    const { id, userId } = await kit.respond(t.site.siteKey, 1, { comment: 'bad' });
    await kit.ok(await t.asOwner('PATCH', `/v1/responses/${id}/follow-up`, { ownerId: t.ownerId }));
    await kit.ok(await t.asOwner('POST', `/v1/responses/${id}/notes`, { body: 'called them' }), 201);
    const erased = await t.asKey('DELETE', `/v1/users/${userId}`);
    expect(erased.status, await erased.clone().text()).toBeLessThan(300);
    await expectError(await t.asOwner('GET', `/v1/responses/${id}`), 404, 'not_found');
    expect(await testApp.db.select().from(followUps).where(eq(followUps.responseId, id))).toEqual([]);
    expect(await testApp.db.select().from(followUpEntries).where(eq(followUpEntries.responseId, id))).toEqual([]);
    const audit = JSON.stringify(await testApp.db.select().from(auditEvents).where(eq(auditEvents.siteId, t.site.id)));
    expect(audit).not.toContain(userId);
  });
});
