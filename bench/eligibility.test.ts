import { describe, expect, it } from 'vitest';
import { mixOf, planPopulation, stateOf, stateShares } from './eligibility-population.ts';
import { highestPassingRate } from './step-search.ts';
import { createVisitors, createWidgetMemory, dayMs, parseDuration, widgetCaps } from './widget-visitors.ts';

describe('highestPassingRate', () => {
  const upTo = (limit: number) => async (rate: number) => rate <= limit;

  it('doubles until a rate fails, then bisects between the last pass and that failure', async () => {
    const { rate, steps } = await highestPassingRate(upTo(1300), { start: 500, ceiling: 32_000, bisections: 3 });
    expect(steps.map((s) => s.rate)).toEqual([500, 1000, 2000, 1500, 1250, 1375]);
    expect(rate).toBe(1250);
  });

  it('answers 0 when even the lowest rate tried fails, and stops at the ceiling when nothing fails', async () => {
    expect((await highestPassingRate(upTo(10), { start: 500, ceiling: 32_000, bisections: 3 })).rate).toBe(0);
    const capped = await highestPassingRate(upTo(1e9), { start: 500, ceiling: 3000, bisections: 3 });
    expect(capped.steps.map((s) => s.rate)).toEqual([500, 1000, 2000, 3000]);
    expect(capped.rate).toBe(3000);
  });
});

describe('the widget memory', () => {
  it('keeps a "no" until retryAfter, an hour without one, at most the cap', () => {
    const memory = createWidgetMemory(widgetCaps.today);
    memory.rememberNo('short', 60, 0);
    memory.rememberNo('long', 90 * 86_400, 0);
    memory.rememberNo('never', undefined, 0);
    expect(memory.remembersNo('short', 59_000)).toBe(true);
    expect(memory.remembersNo('short', 60_000)).toBe(false);
    expect(memory.remembersNo('long', 29 * 60_000)).toBe(true);
    expect(memory.remembersNo('long', 30 * 60_000)).toBe(false);
    expect(memory.remembersNo('never', 29 * 60_000)).toBe(true);
    const aDay = createWidgetMemory(dayMs);
    aDay.rememberNo('untimed', undefined, 0);
    expect(aDay.remembersNo('untimed', 59 * 60_000)).toBe(true);
    expect(aDay.remembersNo('untimed', 60 * 60_000)).toBe(false);
  });

  it('reads the cap as minutes, hours, days or seconds', () => {
    expect(parseDuration('30m')).toBe(widgetCaps.today);
    expect(parseDuration('1d')).toBe(widgetCaps.proposed);
    expect(parseDuration('24h')).toBe(dayMs);
    expect(parseDuration('90')).toBe(90_000);
    expect(() => parseDuration('soon')).toThrow(/duration/);
  });
});

describe('the visitors', () => {
  const users = [{ userId: 'a' }, { userId: 'b' }];
  const visitorsWith = (capMs: number) => {
    let draw = 0;
    return createVisitors({
      siteKey: 'pk_benchbench',
      users,
      memory: createWidgetMemory(capMs),
      pagesPerSession: { min: 3, max: 3 },
      pageViewMs: 60_000,
      startAt: 0,
      shown: { respond: 0.5, decline: 0.5 },
      // Always the first user, and a draw that answers the survey.
      randomInt: () => draw++ * 0,
    });
  };
  const no = { eligible: false as const, reason: 'recently_responded' as const, retryAfter: 90 * 86_400 };

  it('asks on every page view while the API says nothing to remember, one call at a time per session', () => {
    const visitors = visitorsWith(dayMs);
    for (let i = 0; i < 3; i++) {
      const body = JSON.parse(visitors.nextCall());
      expect(body.user.userId).toBe('a');
      visitors.answered('a', { eligible: false, reason: 'busy', retryAfter: 0.001 });
    }
    expect(visitors.counts()).toMatchObject({ pageViews: 3, calls: 3 });
  });

  it('asks once for many page views after a "no" with retryAfter, and again once the cap has passed', () => {
    const halfHour = visitorsWith(widgetCaps.today);
    halfHour.nextCall();
    halfHour.answered('a', no);
    halfHour.nextCall();
    // 1 call, then 29 page views a minute apart remembered, and the 30th asks again.
    expect(halfHour.counts()).toMatchObject({ calls: 2, pageViews: 31 });
    const oneDay = visitorsWith(widgetCaps.proposed);
    oneDay.nextCall();
    oneDay.answered('a', no);
    oneDay.nextCall();
    expect(oneDay.counts()).toMatchObject({ calls: 2, pageViews: 1 + 24 * 60 });
  });

  it('answers or dismisses a survey shown, through the endpoint the widget uses', () => {
    const visitors = visitorsWith(dayMs);
    visitors.nextCall();
    const survey = { id: '00000000-0000-4000-8000-000000000001', impressionId: '00000000-0000-4000-8000-000000000002' };
    const followUp = visitors.answered('a', { eligible: true, survey } as never);
    expect(followUp?.path).toBe('/v1/responses');
    expect(JSON.parse(followUp!.body)).toMatchObject({ siteKey: 'pk_benchbench', surveyId: survey.id, user: { userId: 'a' } });
    expect(visitors.counts().shown).toEqual({ respond: 1, decline: 0, ignore: 0 });
  });
});

describe('the population', () => {
  it('gives each state its share at any size', () => {
    const counts = new Map<string, number>();
    for (let i = 0; i < 1000; i++) counts.set(stateOf(i), (counts.get(stateOf(i)) ?? 0) + 1);
    expect(Object.fromEntries(counts)).toEqual(Object.fromEntries(Object.entries(stateShares).map(([s, share]) => [s, share * 10])));
  });

  it('leaves the sampled-out users outside the survey sample and a few percent eligible, each "no" with its retryAfter', () => {
    const plan = planPopulation(10_000, '00000000-0000-4000-8000-000000000003', 10, new Date('2026-06-15T12:00:00Z'));
    const mix = mixOf(plan);
    expect(mix['sampled out'] + mix.eligible).toBe(5000);
    expect(mix.eligible / 10_000).toBeGreaterThan(0.03);
    expect(mix.eligible / 10_000).toBeLessThan(0.07);
    for (const user of plan) {
      if (user.state === 'eligible') expect(user.retryAfter).toBeUndefined();
      else expect(user.retryAfter).toBeGreaterThan(0);
    }
    const answered = plan.find((p) => p.state === 'answered')!;
    expect(answered.retryAfter).toBeLessThanOrEqual(90 * 86_400);
  });
});
