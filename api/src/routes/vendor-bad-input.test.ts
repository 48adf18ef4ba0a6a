import { randomUUID } from 'node:crypto';
import { scoresAnswerSchema } from '@tenpoint/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError, expectStatus, newTestSite, postJson, startTestApp, type TestApp } from '../../test/test-app.ts';

let testApp: TestApp;
let site: Awaited<ReturnType<typeof newTestSite>>;
beforeAll(async () => {
  testApp = await startTestApp();
  site = await newTestSite(testApp);
  for (let score = 0; score <= 10; score++) {
    const user = { userId: `u_${score}`, traits: { plan: 'pro' } };
    await expectStatus(
      await postJson(testApp, '/v1/responses', { siteKey: site.siteKey, id: randomUUID(), user, score, comment: `comment ${score}` }),
      201,
    );
  }
});
afterAll(() => testApp.close());

const send = (method: string, path: string, body?: unknown, contentType = 'application/json') =>
  testApp.app.request(path, {
    method,
    headers: { Authorization: `Bearer ${site.secretKey}`, ...(body === undefined || !contentType ? {} : { 'Content-Type': contentType }) },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
const get = (path: string) => send('GET', path);

/** Asserts a 400 whose message starts with the field's name. */
async function expectFieldError(response: Response, field: string) {
  const message = await expectError(response, 400, 'invalid_request');
  expect(message.startsWith(`${field}: `), message).toBe(true);
  return message;
}

const cursorOf = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('strings Postgres cannot store', () => {
  it('are refused in query strings with the parameter named', async () => {
    await expectFieldError(await get('/v1/scores?trait.plan=%00'), 'trait.plan');
    await expectFieldError(await get('/v1/scores?groupBy=trait:%00'), 'groupBy');
    await expectFieldError(await get('/v1/scores?trait.pl%00an=pro'), 'trait.pl\u0000an'.replace('\u0000', '\\u0000'));
    await expectFieldError(await get('/v1/responses?q=%00'), 'q');
    await expectFieldError(await get('/v1/responses.csv?q=a%00b'), 'q');
    await expectFieldError(await get('/v1/accounts?tz=%00'), 'tz');
    await expectFieldError(await get('/v1/responses?category=%00'), 'category');
  });

  it('a parameter the endpoint does not take is refused naming it, never ignored', async () => {
    const paths = [
      '/v1/scores?form=2030-01-01',
      '/v1/scores?groupby=account',
      '/v1/responses?catgory=promoter',
      '/v1/responses.csv?limt=5',
      '/v1/accounts?interval=day',
      '/v1/accounts?groupBy=locale',
      '/v1/users?userId=u_1&user=u_2',
      '/v1/webhooks/00000000-0000-4000-8000-000000000000/deliveries?limt=5',
      '/v1/surveys?type=csat',
      '/v1/site?x=1',
    ];
    for (const path of paths) {
      const name = /[?&]([^=&]+)=[^&]*$/.exec(path)![1]!;
      expect(await expectError(await get(path), 400, 'invalid_request'), path).toMatch(new RegExp(`^${name}: is not a parameter of`));
    }
    // A HEAD is read as the GET it stands for; a parameter without a name is no parameter.
    expect((await send('HEAD', '/v1/responses.csv?hasComents=true')).status).toBe(400);
    expect(await expectError(await get('/v1/scores?=pro'), 400, 'invalid_request')).toMatch(/^query: /);
    // The ones they take still work, trait filters included.
    expect((await get('/v1/scores?from=2026-01-01&trait.plan=pro&minSample=5')).status).toBe(200);
    expect((await get('/v1/responses?category=promoter&trait.plan=pro&limit=5')).status).toBe(200);
  });

  it('a limit that is not a whole number in range is refused, as the document says', async () => {
    const created = (await expectStatus(
      await send('POST', '/v1/webhooks', { url: 'https://1.0.0.1/hook', events: ['response.created'] }),
      201,
    )) as { id: string };
    for (const limit of ['1.5', 'abc', '0', '-1', '201', ''])
      await expectFieldError(await get(`/v1/webhooks/${created.id}/deliveries?limit=${limit}`), 'limit');
    await expectStatus(await get(`/v1/webhooks/${created.id}/deliveries?limit=200`), 200);
  });

  it('a parameter given twice is refused naming it, never read as one of its values', async () => {
    for (const path of [
      '/v1/scores?from=2026-01-01&from=2026-02-01',
      '/v1/responses?trait.plan=x&trait.plan=pro',
      '/v1/accounts?tz=UTC&tz=Asia/Tokyo',
      '/v1/responses.csv?q=a&q=b',
    ]) {
      const name = /\?([^=]+)=/.exec(path)![1]!;
      expect(await expectError(await get(path), 400, 'invalid_request'), path).toMatch(new RegExp(`^${name.replace('.', '\\.')}: `));
    }
  });

  it('a percent escape that is not UTF-8 is refused, never read as the literal text', async () => {
    await expectFieldError(await get('/v1/users?userId=%ED%A0%80'), 'userId');
    await expectFieldError(await send('DELETE', '/v1/users?userId=%ED%A0%80'), 'userId');
    await expectFieldError(await get('/v1/responses?q=%FF'), 'q');
    await expectFieldError(await get('/v1/scores?trait.plan=100%'), 'trait.plan');
    await expectFieldError(await get('/v1/users/a%E0b'), 'userId');
    await expectFieldError(await send('DELETE', '/v1/users/%C0%AF'), 'userId');
    // A well-formed escape is read as always.
    expect((await get('/v1/responses?q=caf%C3%A9%20100%25')).status).toBe(200);
  });

  it('are refused in path parameters with the parameter named', async () => {
    await expectFieldError(await get('/v1/users/a%00b'), 'userId');
    await expectFieldError(await send('DELETE', '/v1/users/a%00b'), 'userId');
    await expectFieldError(await get('/v1/surveys/%00'), 'id');
    await expectFieldError(await get('/v1/webhooks/%00/deliveries'), 'id');
  });

  it('are refused anywhere in vendor JSON with the field named, and nothing changes', async () => {
    const create = { type: 'csat', name: 'Onboarding', productName: 'Acme' };
    await expectFieldError(await send('POST', '/v1/surveys', { ...create, name: 'a\u0000b' }), 'name');
    await expectFieldError(await send('POST', '/v1/surveys', { ...create, productName: 'x\ud800' }), 'productName');
    await expectFieldError(
      await send('PATCH', `/v1/surveys/${site.surveyId}`, { settings: { wording: { nl: { question: 'Hoe\udc00?' } } } }),
      'settings.wording.nl.question',
    );
    await expectFieldError(
      await send('PATCH', `/v1/surveys/${site.surveyId}`, {
        settings: { targeting: { include: [{ trait: 'plan', values: ['pro', 'a\u0000'] }] } },
      }),
      'settings.targeting.include.0.values.1',
    );
    await expectFieldError(
      await send('PATCH', `/v1/surveys/${site.surveyId}`, { settings: { targeting: { include: [{ trait: 'p\u0000', values: ['x'] }] } } }),
      'settings.targeting.include.0.trait',
    );
    await expectFieldError(
      await send('PATCH', `/v1/surveys/${site.surveyId}`, { settings: { triggerEvent: '\ud83d' } }),
      'settings.triggerEvent',
    );
    await expectFieldError(
      await send('POST', '/v1/webhooks', { url: 'https://hooks.example.test/\u0000', events: ['response.created'] }),
      'url',
    );
    const surveys = (await expectStatus(await get('/v1/surveys'), 200)) as {
      data: Array<{ name: string; settings: { triggerEvent: string | null } }>;
    };
    expect(surveys.data).toHaveLength(1);
    expect(surveys.data[0]!.settings.triggerEvent).toBeNull();
  });

  it('a key holding one is named by where it is', async () => {
    const message = await expectFieldError(
      await send('PATCH', `/v1/surveys/${site.surveyId}`, { settings: { wording: { 'n\u0000l': { question: 'x' } } } }),
      'settings.wording',
    );
    expect(message).toMatch(/key/);
  });

  it('well-formed pairs and other unusual characters still work', async () => {
    const created = await expectStatus(
      await send('POST', '/v1/surveys', { type: 'ces', name: 'Émoji 🙂 \u200b', productName: 'Ünïcode' }),
      201,
    );
    expect(created).toMatchObject({ name: 'Émoji 🙂 \u200b' });
    await expectStatus(await get(`/v1/responses?q=${encodeURIComponent('🙂')}`), 200);
  });
});

describe('forged cursors', () => {
  it('answer 400 naming the cursor, whatever was forged', async () => {
    const forged = [
      { createdAt: '2026-01-01T00:00:00.000000Z', id: 'not-a-uuid' },
      { createdAt: '2026-01-01T00:00:00.000000Z', id: randomUUID(), score: 'abc' },
      { createdAt: '2026-01-01T00:00:00.000000Z', id: randomUUID(), score: 1e300 },
      { createdAt: '+275760-09-13T00:00:00.000Z', id: randomUUID() },
      { createdAt: '0000-01-01T00:00:00Z', id: randomUUID() },
      { createdAt: '9999-12-31T23:59:59.999999Z', id: randomUUID(), score: 5 },
      { createdAt: '2026-01-01', id: `${randomUUID()}\u0000` },
      null,
      [],
    ];
    for (const cursor of forged) {
      for (const sort of ['newest', 'score']) {
        await expectFieldError(await get(`/v1/responses?sort=${sort}&cursor=${cursorOf(cursor)}`), 'cursor');
      }
    }
  });

  it('a genuine cursor still pages on', async () => {
    for (const sort of ['newest', 'score']) {
      const first = (await expectStatus(await get(`/v1/responses?sort=${sort}&limit=4`), 200)) as { nextCursor: string };
      const next = (await expectStatus(await get(`/v1/responses?sort=${sort}&limit=4&cursor=${first.nextCursor}`), 200)) as {
        data: unknown[];
      };
      expect(next.data).toHaveLength(4);
    }
  });
});

describe('dates', () => {
  it('outside 1900-01-01 to 2199-12-31 answer 400 naming the field', async () => {
    await expectFieldError(await get('/v1/scores?from=0001-01-01&to=9999-12-31&interval=day'), 'from');
    await expectFieldError(await get('/v1/scores?from=0001-01-01'), 'from');
    await expectFieldError(await get('/v1/scores?from=1899-12-31'), 'from');
    await expectFieldError(await get('/v1/scores?to=2200-01-01'), 'to');
    await expectFieldError(await get('/v1/responses?to=9999-12-31T00:00:00Z'), 'to');
    await expectFieldError(await get('/v1/accounts?from=0099-01-01'), 'from');
  });

  it('at the edges of the range are read as written, not as 19xx', async () => {
    const result = scoresAnswerSchema.parse(
      await expectStatus(await get('/v1/scores?from=1900-01-01&to=1900-03-31&interval=month&tz=UTC'), 200),
    );
    expect(result.series.map((point) => point.start)).toEqual(['1900-01-01', '1900-02-01', '1900-03-01']);
    const late = scoresAnswerSchema.parse(await expectStatus(await get('/v1/scores?from=2199-11-01&to=2199-12-31&interval=month'), 200));
    expect(late.series.map((point) => point.start)).toEqual(['2199-11-01', '2199-12-01']);
  });

  it('a series of too many points is refused with what to ask instead, never cut short', async () => {
    const message = await expectFieldError(await get('/v1/scores?from=1900-01-01&to=2100-12-31&interval=day'), 'interval');
    expect(message).toMatch(/week or month|shorter range/);
    await expectFieldError(await get('/v1/scores?from=1900-01-01&interval=day'), 'interval');
    const monthly = scoresAnswerSchema.parse(await expectStatus(await get('/v1/scores?from=1900-01-01&to=2100-12-31&interval=month'), 200));
    expect(monthly.series).toHaveLength(201 * 12);
    expect(monthly.series.at(-1)!.start).toBe('2100-12-01');
    expect(monthly.responses).toBe(11);
  });
});

describe('unknown keys in vendor bodies', () => {
  it('a misspelt setting at any depth answers 400 naming it, and nothing changes', async () => {
    const path = `/v1/surveys/${site.surveyId}`;
    const before = await expectStatus(await get(path), 200);
    const message = await expectFieldError(
      await send('PATCH', path, { settings: { throtle: { daysAfterResponse: 10 } } }),
      'settings.throtle',
    );
    expect(message).toMatch(/throttle/);
    await expectFieldError(
      await send('PATCH', path, { settings: { throttle: { daysAfterResponce: 10 } } }),
      'settings.throttle.daysAfterResponce',
    );
    await expectFieldError(
      await send('PATCH', path, { settings: { targeting: { include: [{ trait: 'plan', values: ['pro'], value: 'x' }] } } }),
      'settings.targeting.include.0.value',
    );
    await expectFieldError(
      await send('PATCH', path, {
        settings: { thankYouLinks: { high: { url: 'https://a.example', label: 'Rate us', target: '_blank' } } },
      }),
      'settings.thankYouLinks.high.target',
    );
    await expectFieldError(
      await send('PATCH', path, { settings: { accountCap: { users: 1, days: 2, weeks: 3 } } }),
      'settings.accountCap.weeks',
    );
    await expectFieldError(await send('PATCH', path, { nmae: 'x' }), 'nmae');
    await expectFieldError(
      await send('POST', '/v1/surveys', { type: 'nps', name: 'x', productName: 'y', settings: { samplng: { percent: 5 } } }),
      'settings.samplng',
    );
    expect(await expectStatus(await get(path), 200)).toEqual(before);
  });

  it('in webhook bodies answers 400 naming the key', async () => {
    const url = 'https://1.0.0.1/hook';
    await expectFieldError(await send('POST', '/v1/webhooks', { url, events: ['response.created'], secret: 'mine' }), 'secret');
    await expectFieldError(
      await send('POST', '/v1/webhooks', { url, events: ['response.created'], filter: { category: ['detractor'] } }),
      'filter.category',
    );
    const created = (await expectStatus(await send('POST', '/v1/webhooks', { url, events: ['response.created'] }), 201)) as { id: string };
    await expectFieldError(await send('PATCH', `/v1/webhooks/${created.id}`, { pause: true }), 'pause');
    await expectFieldError(await send('PATCH', `/v1/webhooks/${created.id}`, { filter: { surveyID: site.surveyId } }), 'filter.surveyID');
  });
});

describe('the media type of vendor bodies', () => {
  it('anything but application/json answers 415 in the one error shape, and nothing changes', async () => {
    const path = `/v1/surveys/${site.surveyId}`;
    const before = await expectStatus(await get(path), 200);
    for (const type of [
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'text/json',
      'application/jsonp',
      '',
    ]) {
      const body = JSON.stringify({ name: 'Renamed' });
      const message = await expectError(await send('PATCH', path, body, type), 415, 'unsupported_media_type');
      expect(message).toMatch(/^Content-Type: .*application\/json/);
      await expectError(
        await send('POST', '/v1/surveys', { type: 'nps', name: 'x', productName: 'y' }, type),
        415,
        'unsupported_media_type',
      );
      await expectError(
        await send('POST', '/v1/webhooks', { url: 'https://1.0.0.1/x', events: ['response.created'] }, type),
        415,
        'unsupported_media_type',
      );
    }
    expect(await expectStatus(await get(path), 200)).toEqual(before);
    expect(await expectStatus(await send('PATCH', path, { name: 'Renamed' }, 'application/json; charset=utf-8'), 200)).toMatchObject({
      name: 'Renamed',
    });
    expect(await expectStatus(await send('PATCH', path, { name: 'Again' }, 'Application/JSON'), 200)).toMatchObject({ name: 'Again' });
  });
});
