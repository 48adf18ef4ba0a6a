import type { TallyResult } from './tally.ts';

const ms = (value: number) => (Number.isNaN(value) ? '–' : value < 10 ? value.toFixed(2) : value.toFixed(1));
const count = (value: number) => Math.round(value).toLocaleString('en-US');

export interface Row {
  phase: string;
  result: TallyResult;
  verdict: string;
}

/** One line per phase: throughput, latency percentiles in ms, failures, and how it meets its target. */
export function table(rows: Row[]): string {
  const head = ['phase', 'answers/s', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'failed', ''];
  const body = rows.map(({ phase, result, verdict }) => [
    phase,
    count(result.perSecond),
    ms(result.latency.p50),
    ms(result.latency.p95),
    ms(result.latency.p99),
    ms(result.latency.max),
    count(result.failedInWindow),
    verdict,
  ]);
  const widths = head.map((_, i) => Math.max(...[head, ...body].map((cells) => cells[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (i === 0 || i === cells.length - 1 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(head), ...body.map(line)].join('\n');
}

/** The most frequent distinct failures of a phase, or nothing when there were none. */
export function failures(phase: string, result: TallyResult, limit = 5): string[] {
  if (result.errors.size === 0) return [];
  const total = [...result.errors.values()].reduce((a, b) => a + b, 0);
  const top = [...result.errors.entries()].sort((a, b) => b[1] - a[1]).slice(0, limit);
  return [
    `${phase}: ${count(total)} failed (${result.errors.size} distinct), most frequent:`,
    ...top.map(([error, times]) => `  ${count(times)} × ${error.replace(/\s+/g, ' ')}`),
  ];
}

export function statuses(result: TallyResult): string {
  return [...result.statuses.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([status, times]) => `${status === 0 ? 'no answer' : status}: ${count(times)}`)
    .join(', ');
}

/** What a child process wrote to stderr, its first lines, or nothing when it wrote none. */
export function complaintsReport(name: string, lines: string[], shown: number): string {
  if (lines.length === 0) return '';
  const first = lines.slice(0, shown).map((line) => `  ${line}`);
  return `\nThe ${name} wrote ${count(lines.length)} lines to stderr; the first ones:\n${first.join('\n')}`;
}

export { count as formatCount };
