// What `pnpm bench eligibility` prints once measured: every round, the median one against the
// targets, and what the simulated widget did.
import type { CpuShares } from './cpu-time.ts';
import type { Answers, Phase } from './eligibility-load.ts';
import { cpuLine } from './ingest-phases.ts';
import { complaintsReport, failures, formatCount, statuses, table } from './report.ts';
import type { Step } from './step-search.ts';
import { callsPerThousandPageViews, type Visitors } from './widget-visitors.ts';

/** A step search's answer, with each step's p99 in ms. */
export type Search = { rate: number; steps: Step[]; p99s: Map<number, number> };

export interface Round {
  bareAtRate: Phase;
  bareMax: Search;
  atRate: Phase;
  max: Search;
  overloadRate: number;
  overload: Phase;
}

const ms = (value: number) => (Number.isNaN(value) ? '–' : value < 10 ? value.toFixed(2) : value.toFixed(1));
const mark = (ok: boolean) => (ok ? 'meets target' : 'BELOW TARGET');
const sum = (shares: CpuShares | null, names: string[]) => {
  const values = names.map((name) => shares?.[name]);
  return values.every((value): value is number => typeof value === 'number') ? values.reduce((a, b) => a + b, 0) : Number.NaN;
};
const apiCpu = (round: Round) => sum(round.atRate.cpu, ['API', 'Postgres']);
const bareCpu = (round: Round) => sum(round.bareAtRate.cpu, ['server']);
const ratio = (round: Round) => (round.bareMax.rate ? round.max.rate / round.bareMax.rate : Number.NaN);
const shed = (answers: Answers) => answers.get('busy') ?? 0;
const failedOrTimedOut = (phase: Phase) =>
  [...phase.result.statuses.entries()].filter(([status]) => status < 200 || status >= 300).reduce((a, [, n]) => a + n, 0);
const stepsLine = ({ steps, p99s }: Search) =>
  steps.map(({ rate, ok }) => `${formatCount(rate)} ${ok ? 'ok' : 'no'} (${ms(p99s.get(rate) ?? Number.NaN)})`).join(', ');
const times = (value: number) => (Number.isFinite(value) ? value.toFixed(2) : '–');

function roundLine(round: Round, i: number) {
  const { bareAtRate: b, atRate: e, overload } = round;
  return (
    `  ${i + 1}: bare p50/p99 ${ms(b.result.latency.p50)}/${ms(b.result.latency.p99)} ms, CPU ${Math.round(bareCpu(round))} µs; ` +
    `eligibility p50/p99 ${ms(e.result.latency.p50)}/${ms(e.result.latency.p99)} ms, CPU ${Math.round(apiCpu(round))} µs; ` +
    `highest rate ${formatCount(round.bareMax.rate)} vs ${formatCount(round.max.rate)}/s = ${times(ratio(round))}; ` +
    `at ${formatCount(round.overloadRate)}/s p99 ${ms(overload.result.latency.p99)} ms, ${formatCount(shed(overload.answers))} shed, ` +
    `${formatCount(failedOrTimedOut(overload))} failed`
  );
}

function answersLine(answers: Answers) {
  const total = [...answers.values()].reduce((a, b) => a + b, 0);
  return [...answers.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([reason, n]) => `${reason} ${((100 * n) / total).toFixed(1)}%`)
    .join(', ');
}

export function printEligibilityReport(r: {
  rate: number;
  p99TargetMs: number;
  rounds: Round[];
  pageViews: { from: ReturnType<Visitors['counts']>; to: ReturnType<Visitors['counts']> };
  widgetCapMs: number;
  followUps: Map<string, number>;
  apiComplaints: string[];
}) {
  const { rounds, rate } = r;
  // By the ratio of highest rates, then (when those tie, as when no rate passes) by p99 at the fixed rate.
  const order = (round: Round) => [Number.isFinite(ratio(round)) ? ratio(round) : -1, -round.atRate.result.latency.p99 || 0] as const;
  const byOrder = (a: Round, b: Round) => order(a)[0] - order(b)[0] || order(a)[1] - order(b)[1];
  const median = [...rounds].sort(byOrder)[Math.floor((rounds.length - 1) / 2)]!;
  const shown = rounds.indexOf(median) + 1;
  const of = rounds.length > 1 ? ` (round ${shown}, the median of ${rounds.length} by the ratio of highest rates, then p99)` : '';
  console.log(`Each round: bare at ${formatCount(rate)}/s, then eligibility at ${formatCount(rate)}/s, with CPU per call \
(µs: bare its server; eligibility API + Postgres); highest rates with p99 ≤ ${r.p99TargetMs} ms, bare vs eligibility; \
eligibility at 3× its highest rate (at least 1,500/s)
${rounds.map(roundLine).join('\n')}

Figures${of}`);
  console.log(
    table([
      { phase: `bare endpoint at ${formatCount(rate)}/s, same bodies`, result: median.bareAtRate.result, verdict: '' },
      { phase: `POST /v1/eligibility at ${formatCount(rate)}/s`, result: median.atRate.result, verdict: '' },
      {
        phase: `POST /v1/eligibility at ${formatCount(median.overloadRate)}/s (3×)`,
        result: median.overload.result,
        verdict: `${formatCount(shed(median.overload.answers))} shed`,
      },
    ]),
  );

  const p99 = median.atRate.result.latency.p99;
  const cpuRatio = apiCpu(median) / bareCpu(median);
  const overloadP99 = median.overload.result.latency.p99;
  const [highest, bareHighest] = [formatCount(median.max.rate), formatCount(median.bareMax.rate)];
  const ceiling = median.bareMax.rate >= 32_000 ? ' (bare reached the search ceiling)' : '';
  const [cpu, bareCpuText] = [Math.round(apiCpu(median)), Math.round(bareCpu(median))];
  const [shedCount, failedCount] = [shed(median.overload.answers), failedOrTimedOut(median.overload)].map(formatCount);
  const overload = `${shedCount} shed, ${failedCount} failed or timed out`;
  console.log(`
Targets${of}
  p99 at ${formatCount(rate)}/s ≤ ${r.p99TargetMs} ms: ${ms(p99)} ms: ${mark(p99 <= r.p99TargetMs)}
  highest rate with p99 ≤ ${r.p99TargetMs} ms ≥ 0.5 × bare's: ${highest}/s vs ${bareHighest}/s = ${times(ratio(median))}: \
${mark(ratio(median) >= 0.5)}${ceiling}
  CPU per call ≤ 3 × bare's per request: ${cpu} µs vs ${bareCpuText} µs = ${times(cpuRatio)}×: ${mark(cpuRatio <= 3)}
  at 3× (${formatCount(median.overloadRate)}/s) p99 of what was answered ≤ 50 ms: ${ms(overloadP99)} ms: \
${mark(overloadP99 <= 50)}; ${overload}

Search steps${of} (rate per second: ok = p99 ≤ ${r.p99TargetMs} ms, none failed or shed; p99 ms)
  bare:        ${stepsLine(median.bareMax)}
  eligibility: ${stepsLine(median.max)}

CPU per call while measured at ${formatCount(rate)}/s${of} (µs)
  bare:        ${cpuLine(median.bareAtRate.cpu ?? {})}
  eligibility: ${cpuLine(median.atRate.cpu ?? {})}

Answers${of}
  at ${formatCount(rate)}/s: ${answersLine(median.atRate.answers)}
  at 3×: ${answersLine(median.overload.answers)}
  by status at ${formatCount(rate)}/s: bare ${statuses(median.bareAtRate.result)}; \
eligibility ${statuses(median.atRate.result)}
  at 3×: ${statuses(median.overload.result)}`);

  const { from, to } = r.pageViews;
  const shownOutcomes = to.shown;
  const hours = (to.simulatedMs - from.simulatedMs) / 3_600_000;
  const over = `${formatCount(to.calls - from.calls)} calls, ${formatCount(to.pageViews - from.pageViews)} page views`;
  console.log(`
Widget (simulated, after the warm-up; a "no" kept at most ${r.widgetCapMs / 60_000} min)
  ${formatCount(callsPerThousandPageViews(from, to))} eligibility calls per 1,000 page views (${over}, ${hours.toFixed(1)} simulated hours)
  surveys shown over the whole run: ${formatCount(shownOutcomes.respond)} answered, ${formatCount(shownOutcomes.decline)} dismissed, \
${formatCount(shownOutcomes.ignore)} ignored
  follow-up calls: ${
    [...r.followUps.entries()]
      .sort()
      .map(([key, n]) => `${key}: ${formatCount(n)}`)
      .join(', ') || 'none'
  }`);

  const problems = rounds.flatMap((round, i) => [
    ...failures(`bare at ${formatCount(rate)}/s (round ${i + 1})`, round.bareAtRate.result),
    ...failures(`eligibility at ${formatCount(rate)}/s (round ${i + 1})`, round.atRate.result),
    ...failures(`eligibility at 3× (round ${i + 1})`, round.overload.result, 3),
  ]);
  if (problems.length) console.log(`\n${problems.join('\n')}`);
  if (r.apiComplaints.length) console.log(complaintsReport('API', r.apiComplaints, 10));
}
