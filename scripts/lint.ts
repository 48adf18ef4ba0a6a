// `pnpm lint`: one formatter and linter (Biome, biome.json), no import circles, no line over the width.
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import madge from 'madge';

const lineWidth: number = JSON.parse(readFileSync('biome.json', 'utf8')).formatter.lineWidth;
const sourceFolders = ['api/src', 'api/test', 'shared/src', 'widget/src', 'widget/e2e', 'demo-site/src', 'demo-site/e2e', 'scripts', 'bench'];
let problems = 0;

const biome = spawnSync('pnpm', ['exec', 'biome', 'check', '--error-on-warnings', '.'], { stdio: 'inherit' });
if (biome.status !== 0) problems += 1;

const graph = await madge(sourceFolders, { fileExtensions: ['ts', 'tsx'], tsConfig: 'tsconfig.base.json' });
for (const circle of graph.circular()) {
  problems += 1;
  console.log(`import circle: ${circle.join(' → ')} → ${circle[0]}`);
}

// The formatter leaves long strings and comments as they are; the width holds for them too.
const tracked = execFileSync('git', ['ls-files', '*.ts', '*.tsx', '*.mjs', '*.js', '*.css', '*.sql'], { encoding: 'utf8' }).split('\n');
for (const file of tracked.filter((name) => name && !name.startsWith('migrations/'))) {
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((line, index) => {
      if (line.length <= lineWidth) return;
      problems += 1;
      console.log(`${file}:${index + 1}: ${line.length} characters, over the width of ${lineWidth}`);
    });
}

if (problems > 0) {
  console.log(`lint: ${problems} problem(s)`);
  process.exit(1);
}
console.log('lint: formatted, no lint findings, no import circles, no line over the width');
