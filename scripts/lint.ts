// `pnpm lint`: one formatter and linter (Biome, biome.json), no import circles, no line over the width.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import madge from 'madge';

const lineWidth: number = JSON.parse(readFileSync('biome.json', 'utf8')).formatter.lineWidth;
const sourceFolders = [
  'api/src',
  'api/test',
  'shared/src',
  'widget/src',
  'widget/e2e',
  'demo-site/src',
  'demo-site/e2e',
  'console/src',
  'console/e2e',
  'examples/e2e',
  'examples/prepare.ts',
  'examples/serve.ts',
  'scripts',
  'bench',
];
let problems = 0;

const biome = spawnSync('pnpm', ['exec', 'biome', 'check', '--error-on-warnings', '.'], { stdio: 'inherit' });
if (biome.status !== 0) problems += 1;

const graph = await madge(sourceFolders, { fileExtensions: ['ts', 'tsx'], tsConfig: 'tsconfig.base.json' });
for (const circle of graph.circular()) {
  problems += 1;
  console.log(`import circle: ${circle.join(' → ')} → ${circle[0]}`);
}

// The formatter leaves long strings, SQL and template literals as they are: wrap them by hand.
// Any line over the width fails the lint (no ceiling left).
const longLinesCeiling = 0;
const tracked = execFileSync('git', ['ls-files', '*.ts', '*.tsx', '*.mjs', '*.js', '*.css', '*.sql'], { encoding: 'utf8' }).split('\n');
const longLines: string[] = [];
for (const file of tracked.filter((name) => name && !name.startsWith('migrations/') && existsSync(name))) {
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((line, index) => {
      if (line.length > lineWidth) longLines.push(`${file}:${index + 1}: ${line.length} characters`);
    });
}
if (longLines.length > longLinesCeiling) {
  problems += 1;
  console.log(longLines.join('\n'));
  console.log(`${longLines.length} lines over the width of ${lineWidth}`);
}

if (problems > 0) {
  console.log(`lint: ${problems} problem(s)`);
  process.exit(1);
}
console.log('lint: formatted, no lint findings, no import circles, and no long lines');
