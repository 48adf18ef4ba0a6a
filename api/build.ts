import { cpSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { sqlDefinitionSources } from './src/bundled-paths.ts';

// `pnpm build` makes api/dist/: the server and the CLI as plain JavaScript that `node` starts
// directly, with the migrations, the SQL definitions and the built widget beside them. npm
// packages stay external and load from node_modules; the workspace's own TypeScript
// (@tenpoint/shared) is bundled in.
const root = (path: string) => fileURLToPath(new URL(`../${path}`, import.meta.url));
const dist = root('api/dist');
const widget = root('widget/dist');
if (!existsSync(`${widget}/widget.js`)) throw new Error('build the widget first (pnpm build does, in order)');

const { dependencies } = JSON.parse(readFileSync(root('api/package.json'), 'utf8')) as { dependencies: Record<string, string> };
rmSync(dist, { recursive: true, force: true });
await build({
  entryPoints: { server: root('api/src/server.ts'), tenpoint: root('api/src/cli/tenpoint.ts') },
  outdir: dist,
  bundle: true,
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: Object.keys(dependencies).filter((name) => !dependencies[name]!.startsWith('workspace:')),
  define: { TENPOINT_BUNDLED: 'true' },
  sourcemap: true,
  logLevel: 'warning',
});
cpSync(root('migrations'), `${dist}/migrations`, { recursive: true });
for (const source of sqlDefinitionSources) cpSync(root(`api/src/${source}`), `${dist}/sql/${source}`);
cpSync(widget, `${dist}/widget`, { recursive: true });
const consoleFiles = root('console/dist');
if (existsSync(consoleFiles)) cpSync(consoleFiles, `${dist}/console`, { recursive: true });
console.log('api/dist: node api/dist/server.js starts the API; node api/dist/tenpoint.js is the CLI');
