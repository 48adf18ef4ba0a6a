import { randomUUID } from 'node:crypto';
import { responseAnswerSchema } from '@tenpoint/shared';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aUser, expectError, expectStatus, newTestSite, postJson, startTestApp, type TestApp } from '../../../test/test-app.ts';
import { accounts, responses, surveys, users } from '../../db/schema/index.ts';

let testApp: TestApp;
beforeAll(async () => {
  testApp = await startTestApp();
});
afterAll(() => testApp.close());

const storedResponses = (siteId: string) => testApp.db.select().from(responses).where(eq(responses.siteId, siteId));

describe('POST /v1/responses', () => {
  it('stores a score once and adds the comment sent later to the same response', async () => {
    const site = await newTestSite(testApp);
    const sent = { siteKey: site.siteKey, id: randomUUID(), user: { userId: 'u_1', traits: { plan: 'pro' } }, score: 9 };

    const first = responseAnswerSchema.parse(await expectStatus(await postJson(testApp, '/v1/responses', sent), 201));
    expect(first).toMatchObject({ surveyId: site.surveyId, score: 9, category: 'promoter' });
    await expectStatus(await postJson(testApp, '/v1/responses', sent), 200);
    await expectStatus(await postJson(testApp, '/v1/responses', { ...sent, comment: 'Fast invoicing' }), 200);
    // A late retry of the first send must not wipe the comment.
    await expectStatus(await postJson(testApp, '/v1/responses', sent), 200);

    const rows = await storedResponses(site.siteId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ score: 9, band: 'high', comment: 'Fast invoicing', userTraits: { plan: 'pro' } });
  });

  it('takes a UUID written in capitals (as Swift writes them) as the same id, in every field', async () => {
    const site = await newTestSite(testApp);
    const id = randomUUID();
    const answer = { siteKey: site.siteKey, surveyId: site.surveyId.toUpperCase(), id: id.toUpperCase(), user: aUser(), score: 3 };
    const first = responseAnswerSchema.parse(await expectStatus(await postJson(testApp, '/v1/responses', answer), 201));
    expect(first.id).toBe(id);
    await expectStatus(await postJson(testApp, '/v1/responses', { ...answer, comment: 'Later' }), 200);
    await expectStatus(await postJson(testApp, '/v1/responses', { ...answer, id }), 200);
    const rows = await storedResponses(site.siteId);
    expect(rows.map(({ id, score, comment }) => ({ id, score, comment }))).toEqual([{ id, score: 3, comment: 'Later' }]);
  });

  it('refuses a locale that is not a language tag, as it would become a segment', async () => {
    const site = await newTestSite(testApp);
    for (const locale of ['<b>\u202ex', 'nl_NL', '']) {
      const body = { siteKey: site.siteKey, id: randomUUID(), user: aUser(), score: 8, locale };
      const message = await expectError(await postJson(testApp, '/v1/responses', body), 400, 'invalid_request');
      expect(message).toBe('locale: must be a BCP 47 language tag such as nl or nl-BE');
    }
    expect(await storedResponses(site.siteId)).toHaveLength(0);
  });

  it('keeps the last score sent for the same response', async () => {
    const site = await newTestSite(testApp);
    const sent = { siteKey: site.siteKey, id: randomUUID(), user: aUser(), score: 3 };
    await expectStatus(await postJson(testApp, '/v1/responses', sent), 201);
    const changed = responseAnswerSchema.parse(await expectStatus(await postJson(testApp, '/v1/responses', { ...sent, score: 7 }), 200));
    expect(changed.category).toBe('passive');
    expect((await storedResponses(site.siteId)).map((row) => row.score)).toEqual([7]);
  });

  it('accepts application/json as well as text/plain', async () => {
    const site = await newTestSite(testApp);
    const sent = { siteKey: site.siteKey, id: randomUUID(), user: aUser(), score: 0 };
    await expectStatus(await postJson(testApp, '/v1/responses', sent, { 'Content-Type': 'application/json' }), 201);
  });

  it('refuses a score off the scale, naming the field, and stores nothing', async () => {
    const site = await newTestSite(testApp);
    const message = await expectError(
      await postJson(testApp, '/v1/responses', { siteKey: site.siteKey, id: randomUUID(), user: aUser(), score: 11 }),
      400,
      'invalid_request',
    );
    expect(message).toBe('score: must be an integer from 0 to 10');
    expect(await storedResponses(site.siteId)).toHaveLength(0);
  });

  it("checks the score against the survey's own scale", async () => {
    const site = await newTestSite(testApp);
    const csatId = randomUUID();
    await testApp.db.insert(surveys).values({ id: csatId, siteId: site.siteId, type: 'csat', name: 'CSAT', productName: 'Ledgerly' });
    const send = (score: number) =>
      postJson(testApp, '/v1/responses', { siteKey: site.siteKey, surveyId: csatId, id: randomUUID(), user: aUser(), score });
    for (const offScale of [6, 11, 0, -1]) {
      expect(await expectError(await send(offScale), 400, 'invalid_request')).toBe('score: must be an integer from 1 to 5');
    }
    expect(responseAnswerSchema.parse(await expectStatus(await send(2), 201)).category).toBe('low');
  });

  it('refuses bodies that are not JSON, too large, or lack fields', async () => {
    const site = await newTestSite(testApp);
    expect(await expectError(await postJson(testApp, '/v1/responses', '{"score":'), 400, 'invalid_request')).toBe(
      'body: must be valid JSON',
    );
    const deep = `{"siteKey":"${site.siteKey}","user":${'['.repeat(7000)}${']'.repeat(7000)}}`;
    expect(await expectError(await postJson(testApp, '/v1/responses', deep), 400, 'invalid_request')).toMatch(
      /^(body: is nested too deeply|user: must be an object)/,
    );
    expect(
      await expectError(await postJson(testApp, '/v1/responses', { siteKey: site.siteKey, score: 5 }), 400, 'invalid_request'),
    ).toMatch(/^user: /);
    const huge = { siteKey: site.siteKey, id: randomUUID(), user: aUser(), score: 5, comment: 'x'.repeat(20_000) };
    await expectError(await postJson(testApp, '/v1/responses', huge), 413, 'payload_too_large');
    const long = { ...huge, comment: 'x'.repeat(5001) };
    expect(await expectError(await postJson(testApp, '/v1/responses', long), 400, 'invalid_request')).toBe(
      'comment: must be at most 5000 characters',
    );
    expect(await storedResponses(site.siteId)).toHaveLength(0);
  });

  it("refuses an id already used by another user's response, leaving that one as it was", async () => {
    const site = await newTestSite(testApp);
    const id = randomUUID();
    await expectStatus(await postJson(testApp, '/v1/responses', { siteKey: site.siteKey, id, user: aUser('u_a'), score: 10 }), 201);
    await expectError(
      await postJson(testApp, '/v1/responses', { siteKey: site.siteKey, id, user: aUser('u_b'), score: 0 }),
      409,
      'conflict',
    );
    const rows = await testApp.db
      .select()
      .from(responses)
      .where(and(eq(responses.siteId, site.siteId), eq(responses.id, id)));
    expect(rows.map((row) => [row.userId, row.score])).toEqual([['u_a', 10]]);
  });

  it('records nothing of a user whose response is refused as a conflict', async () => {
    const site = await newTestSite(testApp);
    const id = randomUUID();
    await expectStatus(
      await postJson(testApp, '/v1/responses', { siteKey: site.siteKey, id, user: { userId: 'owner', traits: { plan: 'pro' } }, score: 5 }),
      201,
    );
    const before = await testApp.db.select().from(users).where(eq(users.siteId, site.siteId));
    const intruder = { userId: 'intruder', traits: { t: 1 }, account: { id: 'evil' } };
    await expectError(await postJson(testApp, '/v1/responses', { siteKey: site.siteKey, id, user: intruder, score: 0 }), 409, 'conflict');
    const otherSurveyId = randomUUID();
    await testApp.db.insert(surveys).values({ id: otherSurveyId, siteId: site.siteId, type: 'nps', name: 'Other', productName: 'Other' });
    const owner = { userId: 'owner', traits: { plan: 'changed' } };
    await expectError(
      await postJson(testApp, '/v1/responses', { siteKey: site.siteKey, surveyId: otherSurveyId, id, user: owner, score: 1 }),
      409,
      'conflict',
    );
    expect(await testApp.db.select().from(users).where(eq(users.siteId, site.siteId))).toEqual(before);
    expect(await testApp.db.select().from(accounts).where(eq(accounts.siteId, site.siteId))).toEqual([]);
  });

  it('refuses unknown site keys and origins the site does not allow', async () => {
    const site = await newTestSite(testApp);
    const sent = { siteKey: 'pk_doesnotexist000', id: randomUUID(), user: aUser(), score: 8 };
    expect(await expectError(await postJson(testApp, '/v1/responses', sent), 401, 'unauthorized')).toMatch(/data-site-key/);
    const elsewhere = await postJson(testApp, '/v1/responses', { ...sent, siteKey: site.siteKey }, { Origin: 'https://evil.example' });
    expect(await expectError(elsewhere, 403, 'forbidden')).toMatch(/^Origin: https:\/\/evil\.example is not allowed/);
    expect(await storedResponses(site.siteId)).toHaveLength(0);
  });
});

describe('POST /v1/responses under concurrency', () => {
  it('stores many responses sent at once, each acknowledged once', async () => {
    const site = await newTestSite(testApp);
    const sends = Array.from({ length: 60 }, (_, i) =>
      postJson(testApp, '/v1/responses', {
        siteKey: site.siteKey,
        id: randomUUID(),
        user: { userId: `u_${i % 7}`, account: { id: `a_${i % 3}` } },
        score: i % 11,
      }),
    );
    const statuses = await Promise.all(sends.map(async (send) => (await send).status));
    expect(statuses).toEqual(Array(60).fill(201));
    expect(await storedResponses(site.siteId)).toHaveLength(60);
  });

  it('turns the same response sent many times at once into one response with its comment', async () => {
    const site = await newTestSite(testApp);
    const sent = { siteKey: site.siteKey, id: randomUUID(), user: aUser(), score: 4 };
    const sends = Array.from({ length: 10 }, (_, i) =>
      postJson(testApp, '/v1/responses', i === 5 ? { ...sent, comment: 'Too slow' } : sent),
    );
    const statuses = (await Promise.all(sends)).map((response) => response.status).sort();
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 200, 201]);
    const rows = await storedResponses(site.siteId);
    expect(rows.map((row) => [row.score, row.comment])).toEqual([[4, 'Too slow']]);
  });

  it('refuses text that Postgres cannot store: U+0000 and lone surrogates', async () => {
    const site = await newTestSite(testApp);
    for (const comment of ['a\u0000b', 'a\ud800b', '\udc00']) {
      const body = JSON.stringify({ siteKey: site.siteKey, id: randomUUID(), user: aUser(), score: 5, comment });
      expect(await expectError(await postJson(testApp, '/v1/responses', body), 400, 'invalid_request')).toBe(
        'comment: must be well-formed Unicode text without the character U+0000',
      );
    }
    const emoji = { siteKey: site.siteKey, id: randomUUID(), user: aUser(), score: 5, comment: 'Great 🙂 ✓ 日本語' };
    await expectStatus(await postJson(testApp, '/v1/responses', emoji), 201);
    expect((await storedResponses(site.siteId)).map((row) => row.comment)).toEqual(['Great 🙂 ✓ 日本語']);
  });
});
