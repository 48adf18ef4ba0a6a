import { beforeEach, describe, expect, it, vi } from 'vitest';
import { type Answer, heldAnswers, installApi, installStorage, type Sent, settle } from '../test/fake-browser.ts';
import { createCommands } from './commands.ts';

const api = 'https://api.test';
const hour = 3600;
const tooNew: Answer = { status: 200, body: { eligible: false, reason: 'too_new', retryAfter: 6 * hour, detail: 'signed up today' } };
const user = {
  userId: 'u_1',
  createdAt: '2026-12-03T10:00:00Z',
  traits: { plan: 'pro' },
  account: { id: 'acme', traits: { tier: 'gold' } },
};

let warnings: string[];

/** A page load of the host app: a fresh widget over the same browser storage. */
function pageLoad(search = '') {
  vi.stubGlobal('location', { href: `https://app.test/invoices${search}`, search, origin: 'https://app.test' });
  vi.stubGlobal('navigator', { language: 'nl-NL' });
  const tenpoint = createCommands({ siteKey: 'pk_test12345', apiUrl: api, uiUrl: `${api}/widget-ui.js` });
  return async (...args: [string, ...unknown[]]) => {
    tenpoint(...args);
    await settle();
  };
}

const asked = (sent: Sent[]) => sent.filter((call) => call.path === '/v1/eligibility').length;
const later = (seconds: number) => vi.setSystemTime(Date.now() + seconds * 1000);

/** The user is told "no" on a first page load; the answer is the API's from then on. */
async function toldNo(answer: Answer = tooNew) {
  const sent = installApi(() => answer);
  const tenpoint = pageLoad();
  await tenpoint('identify', user);
  await tenpoint('run');
  expect(asked(sent)).toBe(1);
  return sent;
}

beforeEach(() => {
  installStorage();
  vi.useFakeTimers({ toFake: ['Date'] });
  warnings = [];
  vi.spyOn(console, 'warn').mockImplementation((message: string) => void warnings.push(message));
});

describe('a "no" with retryAfter', () => {
  it('makes run() on later page loads ask nothing until then', async () => {
    const sent = await toldNo();
    later(5 * hour);
    const tenpoint = pageLoad();
    // The same user and traits, as a new object: the digest is the same.
    await tenpoint('identify', { ...user, traits: { plan: 'pro' } });
    await tenpoint('run');
    await tenpoint('run');
    expect(asked(sent)).toBe(1);
    later(hour);
    const sixHoursOn = pageLoad();
    await sixHoursOn('identify', user);
    await sixHoursOn('run');
    expect(asked(sent)).toBe(2);
    expect(warnings).toEqual([]);
  });

  it('is asked again at once when identify() brings other traits, account or email, on this page or a later one', async () => {
    const sent = await toldNo();
    const tenpoint = pageLoad();
    await tenpoint('identify', { ...user, traits: { plan: 'enterprise' } });
    await tenpoint('run');
    expect(asked(sent)).toBe(2);
    await tenpoint('run');
    expect(asked(sent)).toBe(2);
    await tenpoint('identify', { ...user, traits: { plan: 'enterprise' }, account: { id: 'acme', traits: { tier: 'silver' } } });
    await tenpoint('run');
    await tenpoint('identify', {
      ...user,
      traits: { plan: 'enterprise' },
      account: { id: 'acme', traits: { tier: 'silver' } },
      email: 'a@b.io',
    });
    await tenpoint('run');
    expect(asked(sent)).toBe(4);
  });

  it('does not hold back track(event), which may make a survey eligible', async () => {
    const sent = await toldNo();
    const tenpoint = pageLoad();
    await tenpoint('identify', user);
    await tenpoint('track', 'invoice_sent');
    await tenpoint('run');
    expect(sent.filter((call) => call.path === '/v1/eligibility').map((call) => call.body.event)).toEqual([undefined, 'invoice_sent']);
  });

  it('is forgotten by reset(), on this page and the next', async () => {
    const sent = await toldNo();
    let tenpoint = pageLoad();
    await tenpoint('identify', user);
    await tenpoint('reset');
    await tenpoint('identify', user);
    await tenpoint('run');
    expect(asked(sent)).toBe(2);
    await tenpoint('reset');
    tenpoint = pageLoad();
    await tenpoint('identify', user);
    await tenpoint('run');
    expect(asked(sent)).toBe(3);
  });

  it('that comes back after reset() (sign-out) is not remembered', async () => {
    const held = heldAnswers();
    const sent = installApi(held.answer);
    const tenpoint = pageLoad();
    await tenpoint('identify', user);
    await tenpoint('track', 'invoice_sent');
    await tenpoint('reset');
    held.give(tooNew);
    await settle();
    await tenpoint('identify', user);
    await tenpoint('run');
    expect(asked(sent)).toBe(2);
  });

  it('is ignored in debug mode, from the address or tenpoint("debug")', async () => {
    const sent = await toldNo();
    const fromAddress = pageLoad('?tenpoint_debug=1');
    vi.spyOn(console, 'info').mockImplementation(() => {});
    await fromAddress('identify', user);
    await fromAddress('run');
    expect(asked(sent)).toBe(2);
    const fromConsole = pageLoad();
    await fromConsole('identify', user);
    await fromConsole('debug');
    await fromConsole('run');
    expect(asked(sent)).toBe(3);
    await fromConsole('debug', false);
    await fromConsole('run');
    expect(asked(sent)).toBe(3);
  });
});

describe('a "busy" answer (the API shedding load)', () => {
  it('is respected until its retryAfter, without a warning about the unknown reason', async () => {
    const sent = await toldNo({ status: 200, body: { eligible: false, reason: 'busy', retryAfter: 60, detail: 'not now' } });
    const tenpoint = pageLoad();
    await tenpoint('identify', user);
    later(59);
    await tenpoint('run');
    expect(asked(sent)).toBe(1);
    later(1);
    await tenpoint('run');
    expect(asked(sent)).toBe(2);
    expect(warnings).toEqual([]);
  });
});

describe('a "no" without retryAfter (not targeted, no trigger, survey off)', () => {
  it('holds an hour for the same traits, and is asked again at once for others', async () => {
    const sent = await toldNo({ status: 200, body: { eligible: false, reason: 'not_targeted', detail: 'targets admins' } });
    const tenpoint = pageLoad();
    await tenpoint('identify', user);
    later(hour - 1);
    await tenpoint('run');
    expect(asked(sent)).toBe(1);
    await tenpoint('identify', { ...user, traits: { plan: 'pro', role: 'admin' } });
    await tenpoint('run');
    expect(asked(sent)).toBe(2);
  });
});

describe('without storage', () => {
  it('every run() asks the API', async () => {
    installStorage('blocked');
    const sent = await toldNo();
    const tenpoint = pageLoad();
    await tenpoint('identify', user);
    await tenpoint('run');
    await tenpoint('run');
    expect(asked(sent)).toBe(3);
    expect(warnings).toEqual([]);
  });
});
