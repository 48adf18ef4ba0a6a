import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MountOptions, UiModule } from '../shared-types.ts';
import { outboxKey } from '../storage/outbox-key.ts';
import { type Answer, type FakeStorage, installApi, installStorage, type Sent, settle } from '../test/fake-browser.ts';

const api = 'https://api.test';
type Tenpoint = ((...args: unknown[]) => void) & { q?: IArguments[] };
type PageWindow = { tenpoint: Tenpoint };

const eligible: Answer = { status: 200, body: { eligible: true, survey: { id: 'survey-1' } } };
const notEligible: Answer = { status: 200, body: { eligible: false, reason: 'too_new', detail: 'signed up today' } };

let page: PageWindow;
let storage: FakeStorage;
let warnings: string[];
let shown: MountOptions[];
let ui: UiModule;

/** A host page on https://app.test with the widget's script tag, before the script has run. */
function openPage(
  scriptTag: { src: string; dataset: Record<string, string>; nonce?: string } = {
    src: `${api}/widget.js`,
    dataset: { siteKey: 'pk_test12345' },
  },
) {
  page = {} as PageWindow;
  vi.stubGlobal('window', page);
  vi.stubGlobal('location', { href: 'https://app.test/invoices', search: '', origin: 'https://app.test' });
  vi.stubGlobal('navigator', { language: 'nl-NL' });
  vi.stubGlobal('document', { currentScript: scriptTag, querySelector: () => null });
}

/** The snippet a vendor pastes above the script tag (docs/contract.md §1): calls wait in `tenpoint.q`. */
function pasteSnippet() {
  const w = page;
  w.tenpoint =
    w.tenpoint ||
    function () {
      (w.tenpoint.q = w.tenpoint.q || []).push(arguments);
    };
}

/** The async script tag finishes loading and runs. */
async function loaderRuns() {
  vi.resetModules();
  vi.doMock(`${api}/widget-ui.js`, () => ui);
  await import('./index.ts');
  await settle();
}

const tenpoint = (...args: unknown[]) => page.tenpoint(...args);
const asked = (sent: Sent[]) => sent.filter((call) => call.path === '/v1/eligibility');

beforeEach(() => {
  storage = installStorage();
  warnings = [];
  vi.spyOn(console, 'warn').mockImplementation((message: string) => void warnings.push(message));
  shown = [];
  ui = {
    mount: vi.fn((options: MountOptions) => {
      shown.push(options);
      options.emit('shown', { surveyId: options.survey.id });
      return () => {};
    }),
    sendOutbox: vi.fn(),
  };
  openPage();
});

afterEach(() => {
  vi.doUnmock(`${api}/widget-ui.js`);
});

describe('calls made before the script loads', () => {
  it('are replayed once it loads, in the order they were made', async () => {
    const sent = installApi(() => eligible);
    const heard: unknown[] = [];
    pasteSnippet();
    tenpoint('identify', { userId: 'u_1', traits: { plan: 'pro' } });
    tenpoint('on', 'shown', (payload: unknown) => heard.push(payload));
    tenpoint('run');
    tenpoint('identify', { userId: 'u_2' });
    expect(sent).toEqual([]);

    await loaderRuns();
    expect(asked(sent)).toHaveLength(1);
    expect(asked(sent)[0]!.body).toMatchObject({
      siteKey: 'pk_test12345',
      user: { userId: 'u_1', traits: { plan: 'pro' }, locale: 'nl-NL' },
      url: 'https://app.test/invoices',
    });
    expect(shown.map((options) => options.request.user.userId)).toEqual(['u_1']);
    expect(heard).toEqual([{ surveyId: 'survey-1' }]);
    expect(warnings).toEqual([]);
  });

  it('a run() queued before identify() asks nothing and says what to call first', async () => {
    const sent = installApi(() => eligible);
    pasteSnippet();
    tenpoint('run');
    tenpoint('identify', { userId: 'u_1' });
    await loaderRuns();
    expect(sent).toEqual([]);
    expect(warnings).toEqual(['[tenpoint] call tenpoint("identify", { userId }) before "run"']);
    // Called again in the right order, it works.
    tenpoint('run');
    await settle();
    expect(asked(sent)).toHaveLength(1);
  });

  it('are not replayed twice when the page has the script tag twice', async () => {
    const sent = installApi(() => notEligible);
    pasteSnippet();
    tenpoint('identify', { userId: 'u_1' });
    tenpoint('track', 'invoice_sent');
    await loaderRuns();
    const first = page.tenpoint;
    await loaderRuns();
    expect(page.tenpoint).toBe(first);
    expect(asked(sent).map((call) => call.body.event)).toEqual(['invoice_sent']);
  });
});

describe('an unknown command', () => {
  it('warns once, naming it, and the calls around it still run', async () => {
    const sent = installApi(() => eligible);
    pasteSnippet();
    tenpoint('identify', { userId: 'u_1' });
    tenpoint('shwo');
    tenpoint('run');
    await loaderRuns();
    tenpoint('shwo');
    tenpoint('shwo');
    expect(warnings).toEqual(['[tenpoint] unknown command "shwo"']);
    expect(asked(sent)).toHaveLength(1);
    expect(shown).toHaveLength(1);
  });
});

describe('a call that goes wrong', () => {
  it('never throws into the page, and says what to fix', async () => {
    installApi(() => eligible);
    await loaderRuns();
    pasteSnippet();
    expect(() => tenpoint()).not.toThrow();
    expect(() => tenpoint('identify')).not.toThrow();
    expect(() => tenpoint('identify', 'u_1')).not.toThrow();
    expect(() => tenpoint('on', 'shown')).not.toThrow();
    // Traits JSON cannot carry, compared with the user identified before.
    expect(() => tenpoint('identify', { userId: 'u_1' })).not.toThrow();
    expect(() => tenpoint('identify', { userId: 'u_1', traits: { seats: 12n } })).not.toThrow();
    expect(warnings.slice(0, 2)).toEqual([
      '[tenpoint] unknown command "undefined"',
      '[tenpoint] identify needs an object with a userId string',
    ]);
    expect(warnings.slice(2)).toEqual([expect.stringMatching(/^\[tenpoint\] .*BigInt/)]);
  });

  it('from a handler of the page is reported, and the other handlers still hear the event', async () => {
    installApi(() => eligible);
    const heard: string[] = [];
    pasteSnippet();
    tenpoint('identify', { userId: 'u_1' });
    tenpoint('on', 'shown', () => {
      throw new Error('analytics not loaded');
    });
    tenpoint('on', 'shown', () => heard.push('shown'));
    tenpoint('run');
    await loaderRuns();
    expect(heard).toEqual(['shown']);
    expect(warnings).toEqual(['[tenpoint] a handler for "shown" threw: analytics not loaded']);
  });

  it('when the API cannot be reached or refuses, gives one warning that says what to fix, however often run() is called', async () => {
    let answer: Answer = 'offline';
    installApi(() => answer);
    pasteSnippet();
    tenpoint('identify', { userId: 'u_1' });
    tenpoint('run');
    await loaderRuns();
    tenpoint('run');
    await settle();
    answer = {
      status: 403,
      body: {
        error: {
          code: 'origin_not_allowed',
          message: 'https://app.test is not an allowed origin of this site; add it with POST /v1/site/origins',
        },
      },
    };
    for (let route = 0; route < 3; route++) {
      tenpoint('run');
      await settle();
    }
    expect(warnings).toEqual([
      '[tenpoint] could not reach https://api.test: check data-api-url and that https://app.test is an allowed origin of the site',
      '[tenpoint] https://app.test is not an allowed origin of this site; add it with POST /v1/site/origins (origin_not_allowed)',
    ]);
    expect(shown).toEqual([]);
  });

  it('in the script tag (no data-site-key) warns what to add and sends nothing', async () => {
    const sent = installApi(() => eligible);
    openPage({ src: `${api}/widget.js`, dataset: {} });
    pasteSnippet();
    tenpoint('identify', { userId: 'u_1' });
    tenpoint('run');
    await loaderRuns();
    expect(warnings).toEqual(['[tenpoint] add data-site-key="pk_…" to the widget.js script tag']);
    expect(sent).toEqual([]);
  });
});

describe('a response an earlier page could not deliver', () => {
  it('makes the next page load the survey code to send it; with none waiting, only the loader runs', async () => {
    installApi(() => notEligible);
    await loaderRuns();
    expect(ui.sendOutbox).not.toHaveBeenCalled();

    storage.setItem(outboxKey, JSON.stringify({ [crypto.randomUUID()]: { url: `${api}/v1/responses`, body: '{"score":9}' } }));
    openPage();
    await loaderRuns();
    expect(ui.sendOutbox).toHaveBeenCalledTimes(1);
    expect(shown).toEqual([]);
  });
});
