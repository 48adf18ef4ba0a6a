// Visitors of one site as the widget sees them: sessions of a page load and route changes, each
// calling run(), and the widget's own memory of a "no" (widget/src/storage/ineligible-cache.ts),
// on a simulated clock so that a few minutes of load cover a day or more of a real site.
import { randomUUID } from 'node:crypto';
import type { EligibilityAnswer, EligibilityRequest, ResponseRequest, UserInput } from '@tenpoint/shared';

const minuteMs = 60_000;
export const dayMs = 24 * 60 * minuteMs;

/** How long the widget keeps a "no" at most: 30 minutes today, one day as proposed (the default here). */
export const widgetCaps = { today: 30 * minuteMs, proposed: dayMs };

/** Parses `30m`, `24h`, `1d` or plain seconds into ms. */
export function parseDuration(text: string): number {
  const match = /^(\d+(?:\.\d+)?)(s|m|h|d)?$/.exec(text.trim());
  if (!match) throw new Error(`${text}: must be a duration such as 30m, 24h, 1d or seconds`);
  const unit = { s: 1000, m: minuteMs, h: 60 * minuteMs, d: dayMs }[(match[2] ?? 's') as 's' | 'm' | 'h' | 'd'];
  return Number(match[1]) * unit;
}

/**
 * The widget's remembered "no" per browser (widget/src/storage/ineligible-cache.ts): until
 * retryAfter, an hour when there is none, at most `capMs`. The widget also keys it by a digest of
 * the traits; simulated users keep theirs, so that changes nothing.
 */
export function createWidgetMemory(capMs: number) {
  const until = new Map<string, number>();
  return {
    rememberNo(userId: string, retryAfterSeconds: number | undefined, now: number) {
      until.set(userId, now + Math.min((retryAfterSeconds ?? 3600) * 1000, capMs));
    },
    remembersNo: (userId: string, now: number) => (until.get(userId) ?? 0) > now,
  };
}
export type WidgetMemory = ReturnType<typeof createWidgetMemory>;

/** A call the widget makes after showing a survey: the score, or the dismissal. */
export interface FollowUp {
  path: '/v1/responses' | '/v1/declines';
  body: string;
}

export interface VisitorOptions {
  siteKey: string;
  users: readonly UserInput[];
  memory: WidgetMemory;
  /** Page views in a session: a load, then route changes. */
  pagesPerSession: { min: number; max: number };
  /** Simulated time between two page views anywhere on the site. */
  pageViewMs: number;
  startAt: number;
  /** Of the surveys shown: the share answered, and the share dismissed; the rest are ignored. */
  shown: { respond: number; decline: number };
  /** An integer from 0 to below `below`; a seeded one in tests. */
  randomInt: (below: number) => number;
}

const routes = ['/app', '/app/invoices', '/app/invoices/new', '/app/customers', '/app/reports', '/app/settings'];
const outcomeScale = 1000;

interface Session {
  user: UserInput;
  pagesLeft: number;
}

/**
 * Sessions that move on a page only once their last call was answered (the widget skips run()
 * while a call is on its way), as many at once as the rate needs.
 */
export function createVisitors(o: VisitorOptions) {
  let now = o.startAt;
  let pageViews = 0;
  let calls = 0;
  const ready: Session[] = [];
  const waiting = new Map<string, Session[]>();
  const shownOutcomes = { respond: 0, decline: 0, ignore: 0 };

  const newSession = (): Session => {
    const { min, max } = o.pagesPerSession;
    return { user: o.users[o.randomInt(o.users.length)]!, pagesLeft: min + o.randomInt(max - min + 1) };
  };
  const park = (session: Session) => {
    const queue = waiting.get(session.user.userId);
    if (queue) queue.push(session);
    else waiting.set(session.user.userId, [session]);
  };
  const resume = (userId: string) => {
    const queue = waiting.get(userId);
    const session = queue?.shift();
    if (queue && queue.length === 0) waiting.delete(userId);
    if (session && session.pagesLeft > 0) ready.push(session);
    return session;
  };

  return {
    /** Moves visitors from page to page until one's run() has to ask the API; that call's body. */
    nextCall(): string {
      for (;;) {
        const session = ready.pop() ?? newSession();
        session.pagesLeft -= 1;
        pageViews += 1;
        now += o.pageViewMs;
        if (o.memory.remembersNo(session.user.userId, now)) {
          if (session.pagesLeft > 0) ready.push(session);
          continue;
        }
        calls += 1;
        park(session);
        const request: EligibilityRequest = {
          siteKey: o.siteKey,
          user: session.user,
          url: `http://bench.local${routes[o.randomInt(routes.length)]}`,
        };
        return JSON.stringify(request);
      }
    },

    /**
     * What the widget does with an answer: remembers a "no"; shows a survey, which is then answered,
     * dismissed or ignored. `answer` is undefined when the call failed. Returns the follow-up call.
     */
    answered(userId: string, answer: EligibilityAnswer | undefined): FollowUp | undefined {
      const session = resume(userId);
      if (!answer || !session) return undefined;
      if (!answer.eligible) {
        o.memory.rememberNo(userId, answer.retryAfter, now);
        return undefined;
      }
      const { user } = session;
      const draw = o.randomInt(outcomeScale) / outcomeScale;
      const call = { siteKey: o.siteKey, surveyId: answer.survey.id, user };
      if (draw < o.shown.respond) {
        shownOutcomes.respond += 1;
        const body: ResponseRequest = { ...call, id: randomUUID(), score: o.randomInt(11), url: 'http://bench.local/app' };
        return { path: '/v1/responses', body: JSON.stringify(body) };
      }
      if (draw < o.shown.respond + o.shown.decline) {
        shownOutcomes.decline += 1;
        const body = { ...call, impressionId: answer.survey.impressionId };
        return { path: '/v1/declines', body: JSON.stringify(body) };
      }
      shownOutcomes.ignore += 1;
      return undefined;
    },

    counts: () => ({ pageViews, calls, simulatedMs: now - o.startAt, shown: { ...shownOutcomes } }),
  };
}
export type Visitors = ReturnType<typeof createVisitors>;

/** Eligibility calls per 1,000 page views between two readings of `counts()`. */
export function callsPerThousandPageViews(from: { pageViews: number; calls: number }, to: { pageViews: number; calls: number }) {
  const pages = to.pageViews - from.pageViews;
  return pages === 0 ? Number.NaN : ((to.calls - from.calls) * 1000) / pages;
}
