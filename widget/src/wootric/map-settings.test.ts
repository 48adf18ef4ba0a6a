import { userSchema } from '@tenpoint/shared';
import { describe, expect, it } from 'vitest';
import { mapWootricSettings } from './map-settings.ts';

const snippet = {
  email: 'nps@example.com',
  external_id: 'abc123',
  created_at: 1234567890,
  account_token: 'NPS-xxxxxxxx',
  product_name: 'Ledgerly',
  language: 'nl',
  properties: { pricing_plan: 'pro', seats_amount: 12, company: 'Acme', signed_contract_date: 1350466020 },
};

describe("Wootric's settings as Tenpoint's identify()", () => {
  it('maps the documented snippet with nothing ignored', () => {
    expect(mapWootricSettings(snippet)).toEqual({
      user: {
        userId: 'abc123',
        email: 'nps@example.com',
        createdAt: 1234567890,
        locale: 'nl',
        traits: { pricing_plan: 'pro', seats_amount: 12, company: 'Acme', signed_contract_date: 1350466020, product_name: 'Ledgerly' },
      },
      ignored: [],
    });
  });

  it('takes the email as userId without an external id, and created_at given as a string of seconds', () => {
    const { user } = mapWootricSettings({ email: 'nps@example.com', created_at: '1528416000', account_token: 'NPS-x' });
    expect(user).toEqual({ userId: 'nps@example.com', email: 'nps@example.com', createdAt: 1528416000 });
  });

  it('keeps an identifier that is no email address as userId only', () => {
    expect(mapWootricSettings({ email: 'customer-42' }).user).toEqual({ userId: 'customer-42' });
  });

  it('names every setting it has no counterpart for, and properties that are not flat', () => {
    const { user, ignored } = mapWootricSettings({
      ...snippet,
      modal_theme: 'dark',
      aria: true,
      scale_color: 'gradient',
      twitter_account: 'acme',
      properties: { plan: 'pro', tags: ['a'], nested: { a: 1 }, none: null },
      created_at: 'last tuesday',
    });
    expect(user?.traits).toEqual({ plan: 'pro', product_name: 'Ledgerly' });
    expect(user && 'createdAt' in user).toBe(false);
    expect(ignored).toEqual(['created_at', 'properties.tags', 'properties.nested', 'modal_theme', 'scale_color', 'twitter_account']);
  });

  it('turns event_name into the event to track', () => {
    expect(mapWootricSettings({ email: 'a@b.co', event_name: 'on_purchase' })).toMatchObject({ event: 'on_purchase', ignored: [] });
  });

  it('turns wootric_survey_immediately into show(), and false into nothing', () => {
    expect(mapWootricSettings({ email: 'a@b.co', wootric_survey_immediately: true })).toMatchObject({ show: true, ignored: [] });
    expect(mapWootricSettings({ email: 'a@b.co', wootric_survey_immediately: false })).not.toHaveProperty('show');
  });

  it('has no user without an email or external id, and survives settings that are not an object', () => {
    expect(mapWootricSettings({ account_token: 'NPS-x' }).user).toBeUndefined();
    for (const settings of [undefined, null, 'email', 42]) expect(mapWootricSettings(settings)).toEqual({ ignored: [] });
  });
});

describe('what the API would refuse is left out and named, so the survey still runs', () => {
  const accepted = (settings: Record<string, unknown>) => {
    const { user, ignored } = mapWootricSettings({ external_id: 'abc123', ...settings });
    expect(userSchema.safeParse(user).error).toBeUndefined();
    return { user, ignored };
  };

  it('keeps the first 100 traits', () => {
    const properties = Object.fromEntries(Array.from({ length: 101 }, (_, index) => [`p${index}`, index]));
    const { user, ignored } = accepted({ properties, product_name: 'Ledgerly' });
    expect(Object.keys(user?.traits ?? {})).toHaveLength(100);
    expect(ignored).toEqual(['properties.p100', 'product_name']);
  });

  it('leaves out values and names the API refuses', () => {
    const long = 'x'.repeat(1001);
    const { user, ignored } = accepted({
      product_name: long,
      properties: { ok: 1, infinite: Infinity, nan: Number.NaN, '': 'a', ['n'.repeat(101)]: 'a', 'a\u0000b': 'a', long, lone: '\ud800' },
    });
    expect(user?.traits).toEqual({ ok: 1 });
    expect(ignored).toEqual([
      'product_name',
      'properties.infinite',
      'properties.nan',
      'properties.',
      `properties.${'n'.repeat(101)}`,
      'properties.a\u0000b',
      'properties.long',
      'properties.lone',
    ]);
  });

  it('has no user to identify with a userId over 200 characters', () => {
    expect(mapWootricSettings({ external_id: 'x'.repeat(201), email: 'a@b.co' })).toEqual({ ignored: [] });
    expect(mapWootricSettings({ email: `${'x'.repeat(200)}@b.co` })).toEqual({ ignored: [] });
    expect(mapWootricSettings({ external_id: 'x'.repeat(200) }).user).toEqual({ userId: 'x'.repeat(200) });
  });

  it('names properties given as an array and an external_id given as an object', () => {
    const { user, ignored } = mapWootricSettings({ email: 'a@b.co', external_id: { id: 1 }, properties: ['pro'] });
    expect(user).toEqual({ userId: 'a@b.co', email: 'a@b.co' });
    expect(ignored).toEqual(['external_id', 'properties']);
  });
});
