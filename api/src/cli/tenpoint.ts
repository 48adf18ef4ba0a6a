import { parseArgs } from 'node:util';
import { loadConfig } from '../config.ts';
import { openDatabase } from '../db/client.ts';
import { createSite } from '../sites/create-site.ts';

const usage = `Usage:
  pnpm tenpoint sites create --name NAME --origin ORIGIN [--origin ORIGIN …] [--json]
  pnpm tenpoint db migrate`;

function fail(message: string): never {
  console.error(`tenpoint: ${message}\n\n${usage}`);
  process.exit(2);
}

async function withDatabase<T>(work: (db: Awaited<ReturnType<typeof openDatabase>>) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await database.migrate();
    return await work(database);
  } finally {
    await database.close();
  }
}

async function sitesCreate(args: string[]) {
  const { values } = parseArgs({
    args,
    options: { name: { type: 'string' }, origin: { type: 'string', multiple: true }, json: { type: 'boolean' } },
  });
  if (!values.name?.trim()) fail('--name is required');
  if (!values.origin?.length) fail('at least one --origin is required (where the widget will run, e.g. https://app.example.com)');
  const name = values.name.trim();
  const origins = values.origin;
  const site = await withDatabase(({ db }) => createSite(db, { name, origins }));
  if (values.json) {
    console.log(JSON.stringify(site));
    return;
  }
  console.log(`Created site "${name}" (${site.siteId})
  siteKey    ${site.siteKey}   (public: put it in data-site-key)
  secretKey  ${site.secretKey}   (shown once: keep it for the API)
  surveyId   ${site.surveyId}   (the default NPS survey)`);
}

async function main(argv: string[]) {
  const [group, command, ...rest] = argv;
  if (group === 'sites' && command === 'create') return sitesCreate(rest);
  if (group === 'db' && command === 'migrate') {
    await withDatabase(async (database) => console.log(`migrations applied (${database.kind} database)`));
    return;
  }
  fail(group ? `unknown command: ${argv.join(' ')}` : 'no command given');
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(`tenpoint: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
