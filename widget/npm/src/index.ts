// The npm face of the widget: typed calls onto the same command queue the snippet makes. init()
// adds the same small widget.js the snippet loads, so the survey's code still downloads only for
// a user who is eligible. Nothing touches `window` until a function is called, and on the server
// (no window) every call does nothing, so importing it never breaks server-side rendering.
import type { TenpointEvent, TenpointEvents, TenpointInitOptions, TenpointUser } from './types.js';

export type * from './types.js';

type Queue = ((...args: unknown[]) => void) & { q?: unknown[][]; loaded?: true };

const inBrowser = () => typeof window !== 'undefined' && typeof document !== 'undefined';
const warn = (message: string) => console.warn(`[tenpoint] ${message}`);

/** Hands a command to widget.js, or queues it (as the snippet's stub does) until widget.js has loaded. */
function command(...args: unknown[]) {
  if (!inBrowser()) return;
  const page = window as unknown as { tenpoint?: Queue };
  if (!page.tenpoint) {
    const stub: Queue = (...queued) => {
      // biome-ignore lint/suspicious/noAssignInExpressions: the snippet's own queue, as widget.js expects it
      (stub.q ??= []).push(queued);
    };
    page.tenpoint = stub;
  }
  // init() only makes the queue: an empty call would reach widget.js as an unknown command.
  if (args.length > 0) page.tenpoint(...args);
}

let initialised: string | undefined;

/** The API's address with one trailing slash, or what is wrong with the options in words. */
function checked(options: TenpointInitOptions | undefined): URL | string {
  const { siteKey, apiUrl } = options ?? ({} as Partial<TenpointInitOptions>);
  if (typeof siteKey !== 'string' || !siteKey.startsWith('pk_'))
    return `init needs the site's public key (siteKey: "pk_…"), got ${JSON.stringify(siteKey) ?? 'undefined'}`;
  const wrong = `init needs your Tenpoint API's address (apiUrl: "https://…"), got ${JSON.stringify(apiUrl)}`;
  try {
    const base = new URL(`${String(apiUrl).replace(/\/+$/, '')}/`);
    return /^https?:$/.test(base.protocol) ? base : wrong;
  } catch {
    return wrong;
  }
}

/** Loads widget.js from your Tenpoint API, once per page whatever calls it (or a pasted snippet). */
export function init(options: TenpointInitOptions): void {
  if (!inBrowser()) return;
  const base = checked(options);
  if (typeof base === 'string') warn(base);
  else if (initialised) {
    if (initialised !== options.siteKey) warn(`init was called again with ${options.siteKey}; the widget keeps ${initialised}`);
  } else {
    initialised = options.siteKey;
    command(); // makes the queue, so that calls made before widget.js loads wait for it
    const pasted = document.querySelector('script[data-site-key][src*="widget.js"]');
    if (!(window as unknown as { tenpoint?: Queue }).tenpoint?.loaded && !pasted) addWidgetScript(options.siteKey, base, options.nonce);
  }
}

function addWidgetScript(siteKey: string, base: URL, nonce: string | undefined) {
  const script = document.createElement('script');
  script.async = true;
  script.dataset.siteKey = siteKey;
  script.dataset.apiUrl = base.href.replace(/\/$/, '');
  if (nonce) script.nonce = nonce;
  try {
    (script as { src: unknown }).src = trusted(new URL('widget.js', base).href);
    document.head.appendChild(script);
  } catch (error) {
    warn(`could not add widget.js to the page: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** A page that requires Trusted Types takes a script's address only from a policy: ours passes the API's through. */
function trusted(href: string): unknown {
  const types = (
    window as unknown as { trustedTypes?: { createPolicy(name: string, rules: object): { createScriptURL(url: string): unknown } } }
  ).trustedTypes;
  return types ? types.createPolicy('tenpoint', { createScriptURL: (url: string) => url }).createScriptURL(href) : href;
}

let identified = false;

/** Who is using your app; call it before run(), and again when they or their traits change. */
export function identify(user: TenpointUser): void {
  identified = true;
  command('identify', user);
}

/** Asks whether this user should see a survey now (the site's default one, or `surveyId`); call it on every route change. */
export const run = (options?: { surveyId?: string }): void => command('run', ...(options ? [options] : []));

/** An event of yours, such as `project_completed`: a survey triggered by it may show now. */
export const track = (eventName: string): void => command('track', eventName);

/** Shows the survey now, skipping the throttles: only while the site is in test mode. */
export const show = (): void => command('show');

/** Removes a survey that is up, without recording a decline. */
export const hide = (): void => command('hide');

/** run(), but only once identify() was called: for a router hook that also fires while nobody is signed in. */
export function runIfIdentified(options?: { surveyId?: string }): void {
  if (identified) run(options);
}

/** Forgets the user (on sign-out) and removes a survey that is up. */
export function reset(): void {
  identified = false;
  command('reset');
}

/** Debug mode: each decision and its reason on the browser's console. */
export const debug = (on = true): void => command('debug', on);

// One handler per event is given to widget.js, which has no way to take one back; it calls ours.
const listeners: { [E in TenpointEvent]?: Set<(payload: TenpointEvents[E]) => void> } = {};

/** Calls `handler` on each `shown`, `response`, `comment`, `declined` or `closed`; returns the function that stops it. */
export function on<E extends TenpointEvent>(event: E, handler: (payload: TenpointEvents[E]) => void): () => void {
  let handlers = listeners[event] as Set<(payload: TenpointEvents[E]) => void> | undefined;
  if (!handlers) {
    const created = new Set<(payload: TenpointEvents[E]) => void>();
    handlers = created;
    (listeners as Record<E, typeof created>)[event] = created;
    command('on', event, (payload: TenpointEvents[E]) => {
      for (const each of created) {
        try {
          each(payload);
        } catch (error) {
          warn(`a handler for "${event}" threw: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
    });
  }
  handlers.add(handler);
  return () => {
    handlers.delete(handler);
  };
}
