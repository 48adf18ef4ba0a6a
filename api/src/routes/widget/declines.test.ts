import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError, expectStatus, newTestSite, postJson, startTestApp, type TestApp, testOrigin } from '../../../test/test-app.ts';
import { declines, responses } from '../../db/schema/index.ts';

let testApp: TestApp;
beforeAll(async () => {
  testApp = await startTestApp();
});
afterAll(() => testApp.close());

describe('snapshots of who declined or responded', () => {
  it('keeps the traits and locale of the moment with a decline and a response', async () => {
    const site = await newTestSite(testApp);
    const user = { userId: 'u_snap', locale: 'nl-BE', traits: { plan: 'trial' }, account: { id: 'acme', traits: { seats: 3 } } };
    await expectStatus(await postJson(testApp, '/v1/declines', { siteKey: site.siteKey, user }), 202);
    await expectStatus(await postJson(testApp, '/v1/responses', { siteKey: site.siteKey, id: randomUUID(), user, score: 6 }), 201);
    // The user upgrades later: what they were when they declined or responded must not change.
    const upgraded = { userId: 'u_snap', traits: { plan: 'pro' }, account: { id: 'acme', traits: { seats: 40 } } };
    await expectStatus(await postJson(testApp, '/v1/eligibility', { siteKey: site.siteKey, user: upgraded }), 200);

    const [decline] = await testApp.db.select().from(declines).where(eq(declines.siteId, site.siteId));
    expect(decline).toMatchObject({ locale: 'nl-BE', userTraits: { plan: 'trial' }, accountTraits: { seats: 3 }, accountId: 'acme' });
    const [response] = await testApp.db.select().from(responses).where(eq(responses.siteId, site.siteId));
    expect(response).toMatchObject({ locale: 'nl-BE', userTraits: { plan: 'trial' }, accountTraits: { seats: 3 }, accountId: 'acme' });
  });

  it('refuses a decline for a survey the site does not have, recording nothing', async () => {
    const site = await newTestSite(testApp);
    await expectError(
      await postJson(testApp, '/v1/declines', { siteKey: site.siteKey, surveyId: randomUUID(), user: { userId: 'u_x' } }),
      404,
      'not_found',
    );
    expect(await testApp.db.select().from(declines).where(eq(declines.siteId, site.siteId))).toHaveLength(0);
  });
});

describe('a body that arrives slowly', () => {
  it('is waited for, and the time it took never counts as the database failing to answer', async () => {
    const site = await newTestSite(testApp);
    const text = JSON.stringify({ siteKey: site.siteKey, user: { userId: 'u_slow_upload' } });
    const bytes = new TextEncoder().encode(text);
    // Half the body now and the rest after longer than a widget call may take (a slow mobile upload).
    const body = new ReadableStream<Uint8Array>({
      async start(controller) {
        controller.enqueue(bytes.slice(0, 10));
        await new Promise((resolve) => setTimeout(resolve, 2000));
        controller.enqueue(bytes.slice(10));
        controller.close();
      },
    });
    const response = await testApp.app.request('/v1/declines', {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain', Origin: testOrigin, 'Content-Length': String(bytes.length) },
      body,
      duplex: 'half',
    } as RequestInit);
    await expectStatus(response, 202);
    expect(await testApp.db.select().from(declines).where(eq(declines.siteId, site.siteId))).toHaveLength(1);
  });
});
