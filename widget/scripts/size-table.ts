export interface Size {
  raw: number;
  gzip: number;
}

/**
 * One line a bundle: its sizes, main's gzip size (from size-baseline.json) and the difference, and
 * its budget. Failed when a bundle is over budget, missing, or not one the widget ships.
 */
export function sizeTable(
  sizes: Record<string, Size>,
  baseline: Record<string, Size>,
  budgets: Record<string, number>,
): { lines: string[]; failed: boolean } {
  const extra = Object.keys(sizes).filter((name) => !(name in budgets));
  const bytes = (value: number | string) => `${String(value).padStart(6)}${typeof value === 'number' ? ' B' : '  '}`;
  const signed = (value: number) => (value === 0 ? '±0' : value > 0 ? `+${value}` : String(value));
  const lines = [`${'bundle'.padEnd(13)} ${['raw', 'gzip', 'main', 'change', 'budget'].map((title) => title.padStart(8)).join(' ')}`];
  let failed = false;
  for (const name of [...Object.keys(budgets), ...extra]) {
    const size = sizes[name];
    if (!size) {
      lines.push(`${name.padEnd(13)} missing from dist/`);
      failed = true;
      continue;
    }
    const budget = budgets[name];
    const main = baseline[name]?.gzip;
    const verdict = budget === undefined ? '  not expected: the widget ships no such file' : size.gzip > budget ? '  OVER BUDGET' : '';
    failed ||= verdict !== '';
    const change = main === undefined ? 'new' : `${signed(size.gzip - main)} B`;
    lines.push(
      `${name.padEnd(13)} ${bytes(size.raw)} ${bytes(size.gzip)} ${bytes(main ?? '-')} ` +
        `${change.padStart(8)} ${bytes(budget ?? '-')}${verdict}`,
    );
  }
  return { lines, failed };
}
