import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

// Growing a budget is a decision: change it here and say why in the commit.
const budgets: Record<string, number> = {
  'widget.js': 1536,
  'widget-ui.js': 10240,
};

const dist = new URL('../dist/', import.meta.url);
const extra = readdirSync(dist).filter((name) => name.endsWith('.js') && !(name in budgets));
let failed = false;

for (const name of [...Object.keys(budgets), ...extra]) {
  const budget = budgets[name];
  if (!existsSync(new URL(name, dist))) {
    console.log(`${name.padEnd(13)} missing from dist/`);
    failed = true;
    continue;
  }
  const raw = readFileSync(new URL(name, dist));
  const gzip = gzipSync(raw, { level: 9 }).length;
  const verdict = budget === undefined ? '  not expected: the widget ships two files' : gzip > budget ? '  OVER BUDGET' : '';
  failed ||= verdict !== '';
  const bytes = (value: number | string) => `${String(value).padStart(6)} B`;
  console.log(`${name.padEnd(13)} raw ${bytes(raw.length)}  gzip ${bytes(gzip)}  budget ${bytes(budget ?? '-')}${verdict}`);
}

if (failed) process.exit(1);
