import { randomUUID } from 'node:crypto';
import { eligibilityAnswerSchema, surveySchema } from '@tenpoint/shared';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  aUser,
  expectError,
  expectStatus,
  newTestSite,
  postJson,
  sendWithKey,
  startTestApp,
  type TestApp,
} from '../../../test/test-app.ts';
import { queryRows } from '../../db/query-rows.ts';
import { impressions } from '../../db/schema/index.ts';
import { foldTallies } from '../../scores/tally-folder.ts';

let testApp: TestApp;
beforeAll(async () => {
  testApp = await startTestApp();
});
afterAll(() => testApp.close());

const send = (method: string, path: string, secretKey: string, body?: unknown) => sendWithKey(testApp, method, path, secretKey, body);

const askEligibility = async (body: unknown) =>
  eligibilityAnswerSchema.parse(await expectStatus(await postJson(testApp, '/v1/eligibility', body), 200));

describe('/v1/surveys', () => {
  it('lists the default survey first with every setting filled in, and reads one by id', async () => {
    const site = await newTestSite(testApp);
    const list = (await expectStatus(await send('GET', '/v1/surveys', site.secretKey), 200)) as { data: unknown[] };
    expect(list.data).toHaveLength(1);
    const survey = surveySchema.parse(list.data[0]);
    expect(survey).toMatchObject({ id: site.surveyId, type: 'nps', isDefault: true, enabled: true });
    expect(survey.settings.throttle.daysAfterResponse).toBe(90);
    expect(survey.settings.appearance).toEqual({ brandColor: '#4f46e5', theme: 'auto', position: 'bottom-right', delaySeconds: 0 });
    expect(surveySchema.parse(await expectStatus(await send('GET', `/v1/surveys/${site.surveyId}`, site.secretKey), 200)).id).toBe(
      site.surveyId,
    );
  });

  it('patches only what is given, object by object, and the widget gets the new wording and looks', async () => {
    const site = await newTestSite(testApp);
    const path = `/v1/surveys/${site.surveyId}`;
    await expectStatus(
      await send('PATCH', path, site.secretKey, {
        settings: { throttle: { daysAfterResponse: 60 }, appearance: { brandColor: '#fde047', position: 'modal' } },
      }),
      200,
    );
    const patched = surveySchema.parse(
      await expectStatus(
        await send('PATCH', path, site.secretKey, {
          productName: 'Ledgerly',
          settings: {
            wording: { nl: { question: 'Zou je {product} aanraden?', thanks: { high: 'Top!' } } },
            thankYouLinks: { high: { url: 'https://reviews.example/ledgerly', label: 'Write a review' } },
          },
        }),
        200,
      ),
    );
    expect(patched.settings.throttle).toMatchObject({ daysAfterResponse: 60, daysAfterDecline: 30 });
    expect(patched.settings.appearance).toMatchObject({ brandColor: '#fde047', position: 'modal', theme: 'auto' });

    const answer = await askEligibility({ siteKey: site.siteKey, user: { ...aUser(), locale: 'nl-BE' } });
    if (!answer.eligible) throw new Error(answer.reason);
    expect(answer.survey.strings.question).toBe('Zou je Ledgerly aanraden?');
    expect(answer.survey.strings.thanks.high).toBe('Top!');
    expect(answer.survey.strings.thanks.low).not.toBe('Top!');
    // A light brand colour gets dark text on it.
    expect(answer.survey.appearance).toMatchObject({ brandColor: '#fde047', onBrandColor: '#111827', position: 'modal' });
    expect(answer.survey.thankYouLinks.high).toEqual({ url: 'https://reviews.example/ledgerly', label: 'Write a review' });

    const removed = surveySchema.parse(
      await expectStatus(await send('PATCH', path, site.secretKey, { settings: { wording: { nl: null } } }), 200),
    );
    expect(removed.settings.wording).toEqual({});
  });

  it('removes one text of a locale with null, back to the built-in words, and keeps the others', async () => {
    const site = await newTestSite(testApp);
    const path = `/v1/surveys/${site.surveyId}`;
    const wording = { ar: { question: 'سؤال', submit: 'إرسال', thanks: { high: 'شكرا', low: 'آسفون' } } };
    await expectStatus(await send('PATCH', path, site.secretKey, { settings: { wording } }), 200);
    const patched = surveySchema.parse(
      await expectStatus(
        await send('PATCH', path, site.secretKey, { settings: { wording: { ar: { question: null, thanks: { low: null } } } } }),
        200,
      ),
    );
    expect(patched.settings.wording).toEqual({ ar: { submit: 'إرسال', thanks: { high: 'شكرا' } } });
  });

  it("puts a product name holding $ patterns ($$, $&, $`, $') into the vendor's wording and the built-in one as written", async () => {
    const site = await newTestSite(testApp);
    const productName = "Cash$$ & $& $` $' $1 Co";
    const wording = { en: { question: 'Would you recommend {product} to a friend?', thanks: { high: '{product}: {product}!' } } };
    await expectStatus(await send('PATCH', `/v1/surveys/${site.surveyId}`, site.secretKey, { productName, settings: { wording } }), 200);
    const answer = await askEligibility({ siteKey: site.siteKey, user: { ...aUser(), locale: 'en' } });
    if (!answer.eligible) throw new Error(answer.reason);
    expect(answer.survey.strings.question).toBe(`Would you recommend ${productName} to a friend?`);
    expect(answer.survey.strings.thanks.high).toBe(`${productName}: ${productName}!`);
    expect(answer.survey.strings.followUp.middle).toContain(productName);
  });

  it('refuses invalid settings with a message naming the field, and keeps what was stored', async () => {
    const site = await newTestSite(testApp);
    const path = `/v1/surveys/${site.surveyId}`;
    const before = await expectStatus(await send('GET', path, site.secretKey), 200);
    const cases: Array<[unknown, string]> = [
      [{ settings: { sampling: { percent: 150 } } }, 'settings.sampling.percent: '],
      [{ settings: { appearance: { brandColor: 'red' } } }, 'settings.appearance.brandColor: must be a colour written #rrggbb'],
      [
        { settings: { thankYouLinks: { high: { url: 'javascript:alert(1)', label: 'x' } } } },
        'settings.thankYouLinks.high.url: must be an http or https URL',
      ],
      [{ settings: { wording: { nl: { question: '' } } } }, 'settings.wording.nl.question: must not be empty'],
      [{ enabled: 'yes' }, 'enabled: must be true or false'],
      [{ colour: 'red' }, 'colour: is not a known field'],
      ['{"name":', 'body: must be valid JSON'],
      ['{"settings":{"__proto__":{"dailyCap":5}}}', 'settings.__proto__: is not a setting'],
      ['{"__proto__":{"enabled":false}}', '__proto__: is not a known field'],
    ];
    for (const [body, message] of cases) {
      expect(await expectError(await send('PATCH', path, site.secretKey, body), 400, 'invalid_request')).toContain(message);
    }
    expect(await expectStatus(await send('GET', path, site.secretKey), 200)).toEqual(before);
  });

  it('switches a survey off and on, and creates CSAT and CES surveys', async () => {
    const site = await newTestSite(testApp);
    await expectStatus(await send('PATCH', `/v1/surveys/${site.surveyId}`, site.secretKey, { enabled: false }), 200);
    expect(await askEligibility({ siteKey: site.siteKey, user: aUser() })).toMatchObject({ eligible: false, reason: 'survey_off' });
    const csat = surveySchema.parse(
      await expectStatus(
        await send('POST', '/v1/surveys', site.secretKey, { type: 'csat', name: 'Support CSAT', productName: 'our support' }),
        201,
      ),
    );
    expect(csat).toMatchObject({ type: 'csat', isDefault: false, enabled: true });
    const answer = await askEligibility({ siteKey: site.siteKey, surveyId: csat.id, user: aUser() });
    expect(answer.eligible && answer.survey.scale).toMatchObject({ min: 1, max: 5 });
    expect(
      await expectError(
        await send('POST', '/v1/surveys', site.secretKey, { type: 'ratings', name: 'x', productName: 'y' }),
        400,
        'invalid_request',
      ),
    ).toBe('type: must be one of nps, csat, ces');
  });

  it('records a delayed survey only when the widget asks again after the delay', async () => {
    const site = await newTestSite(testApp);
    await expectStatus(
      await send('PATCH', `/v1/surveys/${site.surveyId}`, site.secretKey, { settings: { appearance: { delaySeconds: 5 } } }),
      200,
    );
    const user = aUser();
    const first = await askEligibility({ siteKey: site.siteKey, user });
    expect(first.eligible && first.survey.appearance.delaySeconds).toBe(5);
    const shown = () =>
      testApp.db
        .select()
        .from(impressions)
        .where(and(eq(impressions.siteId, site.siteId), eq(impressions.userId, user.userId)));
    expect(await shown()).toHaveLength(0);
    const second = await askEligibility({ siteKey: site.siteKey, user, waited: true });
    expect(second.eligible).toBe(true);
    expect(await shown()).toHaveLength(1);
  });

  it("is another site's survey: not found, and unchanged", async () => {
    const [mine, theirs] = [await newTestSite(testApp), await newTestSite(testApp)];
    for (const [method, body] of [
      ['GET', undefined],
      ['PATCH', { enabled: false }],
    ] as const) {
      await expectError(await send(method, `/v1/surveys/${theirs.surveyId}`, mine.secretKey, body), 404, 'not_found');
    }
    await expectError(await send('GET', '/v1/surveys/not-a-uuid', mine.secretKey), 404, 'not_found');
    await expectError(await testApp.app.request('/v1/surveys'), 401, 'unauthorized');
    const stored = surveySchema.parse(await expectStatus(await send('GET', `/v1/surveys/${theirs.surveyId}`, theirs.secretKey), 200));
    expect(stored.enabled).toBe(true);
  });
});

describe('settings.segmentTraits', () => {
  it('chooses which traits the tallies keep as segments, made again from the responses when it changes', async () => {
    const site = await newTestSite(testApp);
    for (const [tier, plan] of [
      ['gold', 'pro'],
      ['gold', 'free'],
      ['tin', 'pro'],
    ]) {
      const user = { ...aUser(), traits: { tier, plan } };
      await expectStatus(await postJson(testApp, '/v1/responses', { siteKey: site.siteKey, id: randomUUID(), user, score: 10 }), 201);
    }
    await foldTallies(testApp.db);
    const dimensions = async () =>
      (
        await queryRows(
          testApp.db,
          sql`select distinct dimension from daily_tallies where site_id = ${site.siteId} and dimension like 'trait:%' order by 1`,
          z.object({ dimension: z.unknown() }),
        )
      ).map((row) => row.dimension);
    expect(await dimensions()).toEqual(['trait:plan']);
    const patched = surveySchema.parse(
      await expectStatus(
        await send('PATCH', `/v1/surveys/${site.surveyId}`, site.secretKey, { settings: { segmentTraits: ['tier'] } }),
        200,
      ),
    );
    expect(patched.settings.segmentTraits).toEqual(['tier']);
    expect(await dimensions()).toEqual(['trait:tier']);
    const byTier = (await expectStatus(await send('GET', '/v1/scores?groupBy=trait:tier', site.secretKey), 200)) as {
      groups: Array<{ key: string; responses: number }>;
    };
    expect(byTier.groups.map((group) => [group.key, group.responses])).toEqual([
      ['gold', 2],
      ['tin', 1],
    ]);
    const tooMany = Array.from({ length: 21 }, (_, index) => `t${index}`);
    expect(
      await expectError(
        await send('PATCH', `/v1/surveys/${site.surveyId}`, site.secretKey, { settings: { segmentTraits: tooMany } }),
        400,
        'invalid_request',
      ),
    ).toBe('settings.segmentTraits: must list at most 20 traits');
  });
});
