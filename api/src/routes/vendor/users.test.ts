import { randomUUID } from 'node:crypto';
import { scoresAnswerSchema } from '@tenpoint/shared';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { expectError, expectStatus, getWithKey, newTestSite, postJson, startTestApp, type TestApp } from '../../../test/test-app.ts';
import { queryRows } from '../../db/query-rows.ts';
import { webhookDeliveries, webhooks } from '../../db/schema/index.ts';
import { foldTallies } from '../../scores/tally-folder.ts';

let testApp: TestApp;
beforeAll(async () => {
  testApp = await startTestApp();
});
afterAll(() => testApp.close());

const erase = (path: string, secretKey: string) =>
  testApp.app.request(path, { method: 'DELETE', headers: { Authorization: `Bearer ${secretKey}` } });

describe('/v1/users/:userId', () => {
  it('exports everything stored about a user, then erases it and its responses leave every score', async () => {
    const site = await newTestSite(testApp);
    const ann = { userId: 'ann@acme/1', email: 'ann@acme.io', traits: { plan: 'pro' }, account: { id: 'acme' } };
    const eligibility = await expectStatus(await postJson(testApp, '/v1/eligibility', { siteKey: site.siteKey, user: ann }), 200);
    expect(eligibility).toMatchObject({ eligible: true });
    await expectStatus(
      await postJson(testApp, '/v1/responses', { siteKey: site.siteKey, id: randomUUID(), user: ann, score: 2, comment: 'Too slow' }),
      201,
    );
    await expectStatus(
      await postJson(testApp, '/v1/responses', { siteKey: site.siteKey, id: randomUUID(), user: { userId: 'bob' }, score: 10 }),
      201,
    );
    const path = `/v1/users/${encodeURIComponent(ann.userId)}`;

    const exported = (await expectStatus(await getWithKey(testApp, path, site.secretKey), 200)) as Record<string, unknown[]> & {
      user: unknown;
    };
    expect(exported.user).toMatchObject({ userId: ann.userId, email: 'ann@acme.io', accountId: 'acme', traits: { plan: 'pro' } });
    expect(exported.responses).toMatchObject([{ score: 2, category: 'detractor', comment: 'Too slow' }]);
    expect(exported.impressions).toHaveLength(1);

    const scores = async (query = '') =>
      scoresAnswerSchema.parse(await expectStatus(await getWithKey(testApp, `/v1/scores${query}`, site.secretKey), 200));
    expect(await scores()).toMatchObject({ responses: 2, nps: 0 });
    expect(await expectStatus(await erase(path, site.secretKey), 200)).toEqual({
      erased: { responses: 1, declines: 0, impressions: 1, webhookDeliveries: 0 },
    });
    expect(await scores()).toMatchObject({ responses: 1, nps: 100, impressions: 0 });
    expect((await scores('?groupBy=account')).groups).toEqual([]);
    expect((await scores('?trait.plan=pro')).responses).toBe(0);
    const listed = (await expectStatus(await getWithKey(testApp, '/v1/responses', site.secretKey), 200)) as {
      data: Array<{ user: { userId: string } }>;
    };
    expect(listed.data.map((response) => response.user.userId)).toEqual(['bob']);
    await expectError(await getWithKey(testApp, path, site.secretKey), 404, 'not_found');
    await expectError(await erase(path, site.secretKey), 404, 'not_found');
  });

  it('leaves no tally segment keyed by a value of the erased user, even one the vendor made a segment', async () => {
    const site = await newTestSite(testApp);
    await testApp.db.execute(
      sql`update surveys set settings = settings || '{"segmentTraits": ["plan", "email"]}' where site_id = ${site.siteId}`,
    );
    const ann = { userId: `u_${randomUUID()}`, traits: { email: 'ann@acme.io', plan: 'pro' }, account: { id: 'acme-ann-only' } };
    const bob = { userId: `u_${randomUUID()}`, traits: { email: 'bob@globex.io', plan: 'pro' } };
    for (const user of [ann, ann, bob]) {
      await expectStatus(await postJson(testApp, '/v1/responses', { siteKey: site.siteKey, id: randomUUID(), user, score: 9 }), 201);
    }
    await foldTallies(testApp.db);
    const holding = async (value: string) =>
      (
        await queryRows(
          testApp.db,
          sql`select dimension from daily_tallies where site_id = ${site.siteId} and value = ${value}
          union all select dimension from weekly_tallies where site_id = ${site.siteId} and value = ${value}
          union all select kind from tally_changes
            where site_id = ${site.siteId} and (user_traits ->> 'email' = ${value} or account_id = ${value})`,
          z.object({ dimension: z.unknown() }),
        )
      ).length;
    expect(await holding('ann@acme.io')).toBe(2);
    expect(await holding('acme-ann-only')).toBe(2);
    await expectStatus(await erase(`/v1/users/${ann.userId}`, site.secretKey), 200);
    expect(await holding('ann@acme.io')).toBe(0);
    expect(await holding('acme-ann-only')).toBe(0);
    expect(await holding('bob@globex.io')).toBe(2);
    expect(await holding('pro')).toBe(2);
  });
});

describe('erasure and webhook deliveries', () => {
  it('lists the deliveries about a user in the export, drops the pending ones and redacts the sent ones on erasure', async () => {
    const site = await newTestSite(testApp);
    const webhookId = randomUUID();
    // Paused, as a subscription whose receiver failed for a day is: its deliveries wait to be resumed.
    await testApp.db.insert(webhooks).values({
      siteId: site.siteId,
      id: webhookId,
      url: 'https://hooks.example.test/in',
      events: ['response.created', 'response.updated', 'decline.created'],
      secret: 'whsec_test',
      pausedAt: new Date(),
    });
    const ann = { userId: 'ann.erased', traits: { plan: 'enterprise-ann' }, account: { id: 'acme' } };
    const sent = { siteKey: site.siteKey, id: randomUUID(), user: ann, score: 3 };
    await expectStatus(await postJson(testApp, '/v1/responses', sent), 201);
    await expectStatus(await postJson(testApp, '/v1/responses', { ...sent, comment: 'Secret complaint' }), 200);
    await expectStatus(await postJson(testApp, '/v1/declines', { siteKey: site.siteKey, user: ann }), 202);
    await expectStatus(
      await postJson(testApp, '/v1/responses', { siteKey: site.siteKey, id: randomUUID(), user: { userId: 'bob' }, score: 9 }),
      201,
    );
    // The first one went out before the receiver started failing.
    await testApp.db.execute(sql`update webhook_deliveries set status = 'delivered', delivered_at = now()
      where site_id = ${site.siteId} and event = 'response.created' and payload -> 'user' ->> 'userId' = 'ann.erased'`);
    const path = `/v1/users/${ann.userId}`;

    const exported = (await expectStatus(await getWithKey(testApp, path, site.secretKey), 200)) as {
      webhookDeliveries: Array<Record<string, unknown>>;
    };
    expect(exported.webhookDeliveries.map((delivery) => `${delivery.event}:${delivery.status}`).sort()).toEqual([
      'decline.created:pending',
      'response.created:delivered',
      'response.updated:pending',
    ]);
    expect(exported.webhookDeliveries[0]).toMatchObject({ webhookId, url: 'https://hooks.example.test/in' });
    expect(JSON.stringify(exported.webhookDeliveries)).toContain('Secret complaint');

    expect(await expectStatus(await erase(path, site.secretKey), 200)).toMatchObject({
      erased: { responses: 1, declines: 1, webhookDeliveries: 3 },
    });
    const left = await testApp.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.siteId, site.siteId));
    // Bob's delivery still waits; of Ann's, only the record that one was sent remains, without her data.
    expect(left.map((delivery) => `${delivery.event}:${delivery.status}`).sort()).toEqual([
      'response.created:delivered',
      'response.created:pending',
    ]);
    const stored = JSON.stringify(left);
    for (const personal of ['ann.erased', 'enterprise-ann', 'Secret complaint', sent.id]) expect(stored).not.toContain(personal);
    expect(stored).toContain('bob');
  });
});
