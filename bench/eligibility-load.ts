// The loads of `pnpm bench eligibility` (see eligibility.ts): the widget's calls as the simulated
// visitors make them, with their follow-ups, and the same bodies sent to the bare endpoint.
import { Agent } from 'node:http';
import type { EligibilityAnswer } from '@tenpoint/shared';
import type { Clocks } from './cpu-time.ts';
import { openLoopPhase } from './ingest-phases.ts';
import { type Outcome, post, type Target } from './load.ts';
import type { Visitors } from './widget-visitors.ts';

export interface Rates {
  rate: number;
  warmupMs: number;
  measureMs: number;
}

/** Answers by reason (`eligible` for a yes; `busy` is the API shedding load), and calls with no answer. */
export type Answers = Map<string, number>;

const bodiesKept = 20_000;

/** Counts what the API answered, by reason. */
export function countAnswer(answers: Answers, outcome: Outcome): EligibilityAnswer | undefined {
  let answer: EligibilityAnswer | undefined;
  try {
    answer = outcome.answer === undefined ? undefined : (JSON.parse(outcome.answer) as EligibilityAnswer);
  } catch {
    answer = undefined;
  }
  const key = answer ? (answer.eligible ? 'eligible' : answer.reason) : outcome.status === 0 ? 'no answer' : `HTTP ${outcome.status}`;
  answers.set(key, (answers.get(key) ?? 0) + 1);
  return answer;
}

export function createEligibilityLoad(api: Target, bare: Target, visitors: Visitors) {
  const followUps = new Agent({ keepAlive: true, maxSockets: 32 });
  const followUpStatuses = new Map<string, number>();
  const pending = new Set<Promise<void>>();
  // The bodies the visitors sent last, for the bare endpoint to get the same.
  const sent: string[] = [];
  let next = 0;

  const visitorCall = () => {
    const body = visitors.nextCall();
    if (sent.length < bodiesKept) sent.push(body);
    else sent[next++ % bodiesKept] = body;
    return body;
  };
  const onAnswer = (answers: Answers) => (outcome: Outcome, body: string) => {
    const answer = countAnswer(answers, outcome);
    const userId = (JSON.parse(body) as { user: { userId: string } }).user.userId;
    const followUp = visitors.answered(userId, answer);
    if (!followUp) return;
    const done = post(followUps, { ...api, path: followUp.path, keepAnswers: false }, followUp.body).then((result) => {
      const key = `${followUp.path} ${result.status === 0 ? 'no answer' : result.status}`;
      followUpStatuses.set(key, (followUpStatuses.get(key) ?? 0) + 1);
    });
    pending.add(done);
    void done.then(() => pending.delete(done));
  };

  return {
    /** The visitors' eligibility calls at a fixed rate; answers counted by reason. */
    async eligibility(rates: Rates, clocks?: Clocks) {
      const answers: Answers = new Map();
      const phase = await openLoopPhase({ ...api, keepAnswers: true }, rates, visitorCall, {
        ...(clocks ? { clocks } : {}),
        onOutcome: onAnswer(answers),
      });
      return { ...phase, answers };
    },
    /** The same bodies, to the bare endpoint, at a fixed rate. */
    async bare(rates: Rates, clocks?: Clocks) {
      if (sent.length === 0) throw new Error('the bare endpoint replays bodies the visitors sent: run the eligibility load first');
      let at = 0;
      const phase = await openLoopPhase(bare, rates, () => sent[at++ % sent.length]!, clocks ? { clocks } : {});
      return { ...phase, answers: new Map() as Answers };
    },
    followUpStatuses,
    async close() {
      await Promise.all(pending);
      followUps.destroy();
    },
  };
}
export type EligibilityLoad = ReturnType<typeof createEligibilityLoad>;
export type Phase = Awaited<ReturnType<EligibilityLoad['eligibility']>>;
