import { isWootricAccountToken } from '@tenpoint/shared/wootric';
import { mapWootricSettings } from './map-settings.ts';

// /wootric.js: a Wootric snippet pasted as it is, with only its script's address changed, runs
// Tenpoint. Loaded synchronously before `window.wootric('run')`, so it defines `wootric` at once,
// queues Tenpoint commands as the snippet of docs/contract.md §1 does, and loads widget.js once
// it knows the site.
type Tenpoint = ((...args: unknown[]) => void) & { q?: ArrayLike<unknown>[] };
const w = window as unknown as {
  tenpoint?: Tenpoint;
  wootric?: (command?: unknown) => void;
  WootricSurvey?: { run: () => void };
  wootricSettings?: { account_token?: unknown };
  wootric_survey_immediately?: unknown;
};
const warn = (message: string) => console.warn(`[tenpoint] ${message}`);

try {
  const script = document.currentScript as HTMLScriptElement;
  const apiUrl = (script.dataset.apiUrl ?? new URL(script.src).origin).replace(/\/+$/, '');
  const queued: unknown[][] = [];
  // The queue stub of docs/contract.md §1, unless widget.js (or its snippet) came first: widget.js replays it.
  w.tenpoint ||= Object.assign((...args: unknown[]) => void queued.push(args), { q: queued });
  const tenpoint = (...args: unknown[]) => w.tenpoint!(...args);
  let loading = false;
  let warned = false;

  const siteKeyOf = async (token: unknown): Promise<string> => {
    if (typeof token === 'string' && token.startsWith('pk_')) return token;
    if (!isWootricAccountToken(token))
      throw 'wootricSettings.account_token: give your Wootric account token (NPS-…) or Tenpoint site key (pk_…)';
    const answer = await fetch(`${apiUrl}/v1/wootric/sites/${token}`).catch(() => undefined);
    if (answer?.status === 404) throw `no Tenpoint site has the Wootric account token ${token}: add it on the console's Install page`;
    if (!answer?.ok) {
      // A network error, 429 or 5xx may pass: the next wootric('run') looks again.
      loading = false;
      throw `could not look up ${token} at ${apiUrl} (${answer?.status ?? 'unreachable'})`;
    }
    return ((await answer.json()) as { siteKey: string }).siteKey;
  };

  // Quiet without an account_token until the first wootric('run'), which may be the first to have wootricSettings.
  const load = (run?: boolean) => {
    const token = w.wootricSettings?.account_token;
    if (loading || (token === undefined && !run)) return;
    loading = true;
    // catch, not then's second argument: setting src throws on a page that requires Trusted Types.
    siteKeyOf(token)
      .then((siteKey) => {
        const tag = document.createElement('script');
        tag.src = new URL('widget.js', script.src).href;
        tag.dataset.siteKey = siteKey;
        tag.dataset.apiUrl = apiUrl;
        tag.nonce = script.nonce;
        document.head.append(tag);
      })
      .catch(warn);
  };

  w.wootric = (command) => {
    try {
      const { user, event, show, ignored } = mapWootricSettings(w.wootricSettings);
      if (!warned && ignored.length) warn(`these wootricSettings are ignored: ${ignored.join(', ')}`);
      load(!warned);
      warned = true;
      if (command === 'stop') return tenpoint('hide');
      if (command !== 'run') return warn(`unknown wootric command "${command}"`);
      if (!user) return warn('wootricSettings needs an email or external_id of at most 200 characters');
      tenpoint('identify', user);
      if (show || w.wootric_survey_immediately === true) tenpoint('show');
      else if (event) tenpoint('track', event);
      else tenpoint('run');
    } catch (error) {
      warn(String(error));
    }
  };
  // Wootric's async snippet: <script async src="…" onload="WootricSurvey.run(wootricSettings)">.
  w.WootricSurvey = { run: () => w.wootric!('run') };
  load();
} catch (error) {
  warn(String(error));
}
