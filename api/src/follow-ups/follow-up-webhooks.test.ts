import { webhookEventSchemas } from '@tenpoint/shared';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ownerWithSite } from '../../test/console-session.ts';
import { startTestApp, type TestApp } from '../../test/test-app.ts';
import { answeringWith, webhookReceivers } from '../../test/webhook-receivers.ts';
import { createLogger } from '../observability/logger.ts';
import { startDeliveryWorker } from '../webhooks/delivery-worker.ts';
import { followUpKit } from './follow-ups-test-kit.ts';

let testApp: TestApp;
let kit: ReturnType<typeof followUpKit>;
beforeAll(async () => {
  testApp = await startTestApp({ allowPrivateWebhooks: true });
  kit = followUpKit(testApp);
}, 60_000);
afterAll(() => testApp.close());

const receivers = webhookReceivers();
const workers: Array<{ stop(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(workers.splice(0).map((worker) => worker.stop()));
  await receivers.closeAll();
});

const until = async (check: () => boolean, ms = 5000) => {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

describe('follow-up webhooks', () => {
  it('delivers response.assigned and response.closed with the follow-up, and nothing for unassigning', async () => {
    const setup = await ownerWithSite(testApp);
    const asOwner = kit.bySession(setup.owner.jar, setup.site.id);
    const receiver = await receivers.receiver(answeringWith([]));
    await kit.ok(await asOwner('POST', '/v1/webhooks', { url: receiver.url, events: ['response.assigned', 'response.closed'] }), 201);
    const { id, userId } = await kit.respond(setup.site.siteKey, 2, { comment: 'slow export' });
    const members = (await kit.ok(await asOwner('GET', `/v1/organizations/${setup.organization.id}/members`))) as unknown as {
      data: Array<{ id: string; email: string }>;
    };
    const owner = members.data[0]!;
    await kit.ok(await asOwner('PATCH', `/v1/responses/${id}/follow-up`, { ownerId: owner.id }));
    await kit.ok(await asOwner('PATCH', `/v1/responses/${id}/follow-up`, { ownerId: null }));
    await kit.ok(await asOwner('PATCH', `/v1/responses/${id}/follow-up`, { state: 'closed', resolution: 'Fixed in 4.2' }));
    workers.push(
      startDeliveryWorker(
        { db: testApp.db, now: () => new Date(), logger: createLogger('silent') },
        { allowPrivateAddresses: true, pollMs: 20 },
      ),
    );
    await until(() => receiver.arrivals.length >= 2);
    const bodies = receiver.arrivals.map((arrival) => JSON.parse(arrival.body) as { type: string });
    expect(bodies.map((body) => body.type)).toEqual(['response.assigned', 'response.closed']);
    const assigned = webhookEventSchemas['response.assigned'].parse(bodies[0]);
    expect(assigned.data).toMatchObject({
      response: { id, comment: 'slow export', category: 'detractor' },
      user: { userId },
      followUp: { owner: { memberId: owner.id, email: owner.email }, state: 'new' },
    });
    const closed = webhookEventSchemas['response.closed'].parse(bodies[1]);
    expect(closed.data.followUp).toMatchObject({ state: 'closed', resolution: 'Fixed in 4.2', owner: null });
    expect(receiver.arrivals[1]!.headers['tenpoint-event']).toBe('response.closed');
  });
});
