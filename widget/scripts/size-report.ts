import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { type Size, sizeTable } from './size-table.ts';

// Growing a budget is a decision: change it here and say why in the commit.
const budgets: Record<string, number> = {
  'widget.js': 1536,
  'widget-ui.js': 10240,
  // Only pages with a pasted Wootric snippet load it, instead of Wootric's SDK: it maps the settings, finds the site, loads widget.js.
  'wootric.js': 1536,
};

// main's sizes, to compare every build with; `pnpm --filter @tenpoint/widget-bundles size:baseline` on main rewrites it.
const baselineFile = new URL('../size-baseline.json', import.meta.url);
const dist = new URL('../dist/', import.meta.url);

const sizes: Record<string, Size> = {};
for (const name of readdirSync(dist).filter((file) => file.endsWith('.js'))) {
  const raw = readFileSync(new URL(name, dist));
  sizes[name] = { raw: raw.length, gzip: gzipSync(raw, { level: 9 }).length };
}

if (process.argv.includes('--write-baseline')) {
  const shipped = Object.fromEntries(Object.keys(budgets).flatMap((name) => (sizes[name] ? [[name, sizes[name]]] : [])));
  const commit = commitBuilt();
  writeFileSync(baselineFile, `${JSON.stringify({ commit, bundles: shipped }, null, 2)}\n`);
  console.log(`size-baseline.json now holds the sizes of this build (${commit ?? 'commit unknown'})`);
}

const baseline = existsSync(baselineFile)
  ? (JSON.parse(readFileSync(baselineFile, 'utf8')) as { commit?: string; bundles: Record<string, Size> })
  : undefined;
if (!baseline) console.log('no size-baseline.json: run pnpm --filter @tenpoint/widget-bundles size:baseline on main');
const { lines, failed } = sizeTable(sizes, baseline?.bundles ?? {}, budgets);
for (const line of lines) console.log(line);
if (baseline?.commit) console.log(`main: the build of ${baseline.commit}`);

if (failed) process.exit(1);

/** The commit the build was made from, marked when what goes into the bundles had changes not yet committed. */
function commitBuilt(): string | undefined {
  try {
    const git = (...args: string[]) =>
      execFileSync('git', args, { cwd: new URL('..', import.meta.url), encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const changed =
      git(
        'status',
        '--porcelain',
        '--',
        'src',
        'vite.loader.config.ts',
        'vite.ui.config.ts',
        'vite.wootric.config.ts',
        '../shared/src',
        '../shared/package.json',
        '../pnpm-lock.yaml',
      ) !== '';
    return `${git('rev-parse', '--short', 'HEAD')}${changed ? ' with uncommitted changes' : ''}`;
  } catch {
    return undefined;
  }
}
