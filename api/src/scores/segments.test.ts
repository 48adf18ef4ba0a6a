import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/test-app.ts';
import { queryRows, type RawRow } from '../db/query-rows.ts';
import { isSegmentValue, maxSegmentValueLength } from './segments.ts';

let testApp: TestApp;
beforeAll(async () => {
  testApp = await startTestApp();
});
afterAll(() => testApp.close());

// The rule of docs/contract.md, "Segments", as the tally fold applies it.
async function segmentsOf(response: {
  score: number;
  accountId: string | null;
  locale: string | null;
  userTraits: string;
  accountTraits: string | null;
  names: string | null;
}) {
  const rows = await queryRows(
    testApp.db,
    sql`select dimension, value from tenpoint_segments(${response.score}, ${response.accountId}, ${response.locale},
      ${response.userTraits}::jsonb, ${response.accountTraits}::jsonb, ${response.names}::jsonb)`,
    (row): RawRow => row,
  );
  return rows.map((row) => `${String(row.dimension)}=${String(row.value)}`).sort();
}

describe('the segments a response counts in', () => {
  it('are its score, account, locale and each listed trait with a short flat value', async () => {
    const long = 'x'.repeat(maxSegmentValueLength + 1);
    const longest = 'é'.repeat(maxSegmentValueLength);
    const segments = await segmentsOf({
      score: 7,
      accountId: 'acme',
      locale: 'nl',
      // `__proto__` is a name like any other; `account.tier` spelled as a user trait is the account's.
      userTraits: JSON.stringify({
        plan: 'pro',
        seats: 3,
        admin: true,
        role: 'owner',
        'account.tier': 'mine',
        long,
        longest,
        gone: null,
        5: 'five',
      }).replace(/^\{/, '{"__proto__": "a",'),
      accountTraits: JSON.stringify({ tier: 'smb', plan: 'team' }),
      // Listed twice, or not as text: counted once, or not at all.
      names: JSON.stringify(['plan', 'seats', 'admin', '__proto__', 'account.tier', 'long', 'longest', 'gone', 'plan', 5]),
    });
    expect(segments).toEqual(
      [
        'score=7',
        'account=acme',
        'locale=nl',
        'trait:plan=pro',
        'trait:seats=3',
        'trait:admin=true',
        'trait:__proto__=a',
        'trait:account.tier=smb',
        `trait:longest=${longest}`,
      ].sort(),
    );
  });

  it('are its score alone without an account, a locale or listed traits', async () => {
    expect(
      await segmentsOf({ score: 0, accountId: null, locale: null, userTraits: '{"plan":"pro"}', accountTraits: null, names: null }),
    ).toEqual(['score=0']);
  });

  it('keep a value of 200 characters, as Postgres counts them, and no longer one, as the API checks', async () => {
    for (const value of ['é'.repeat(200), '😀'.repeat(200), 'x'.repeat(201), '😀'.repeat(101)]) {
      const segments = await segmentsOf({
        score: 1,
        accountId: null,
        locale: null,
        userTraits: JSON.stringify({ plan: value }),
        accountTraits: null,
        names: '["plan"]',
      });
      expect(segments.includes(`trait:plan=${value}`), value).toBe(isSegmentValue(value));
    }
  });
});
