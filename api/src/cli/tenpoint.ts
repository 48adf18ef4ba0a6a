import { loadConfig } from '../config.ts';
import { openDatabase } from '../db/client.ts';
import { importResponsesCommand } from './import-command.ts';
import {
  sitesCreate,
  sitesList,
  sitesOrigins,
  sitesTestMode,
  sitesWootricToken,
  UsageError,
  usersErase,
  type WithDatabase,
} from './site-commands.ts';

// SITE is a site's id or its site key (pk_…). Each command's usage, printed by its --help.
const commands: Record<string, string> = {
  'sites list': 'pnpm tenpoint sites list [--json]                       every site, its keys and allowed origins',
  'sites create': 'pnpm tenpoint sites create --name NAME --origin ORIGIN [--origin ORIGIN …] [--json]',
  'sites origins': `pnpm tenpoint sites origins list --site SITE [--json]
  pnpm tenpoint sites origins add --site SITE ORIGIN [ORIGIN …]    allow the widget on these origins
  pnpm tenpoint sites origins remove --site SITE ORIGIN [ORIGIN …]`,
  'sites test-mode': "pnpm tenpoint sites test-mode --site SITE on|off         tenpoint('show') skips the throttles while on",
  'sites wootric-token':
    'pnpm tenpoint sites wootric-token --site SITE NPS-…|none  a pasted Wootric snippet with that account_token runs SITE',
  'users erase': 'pnpm tenpoint users erase --site SITE USER_ID            erase everything stored about one user',
  'import responses': `pnpm tenpoint import responses FILE.csv --site SITE [--format wootric|delighted|hubspot|csv] [--survey ID]
      [--dry-run] [--skip-refused] [--json]                   import past responses from another tool's export`,
  'db migrate': 'pnpm tenpoint db migrate                                  apply the migrations without starting anything',
};

const usage = (only?: string) => `Usage:
  ${(only ? [commands[only]!] : Object.values(commands)).join('\n  ')}
${
  only
    ? ''
    : `
SITE is a site's id or its site key (pk_…). The database is DATABASE_URL's, or the embedded one in
TENPOINT_DATA_DIR (stop the API first: the embedded database is one process's at a time).
`
}`;

const withDatabase: WithDatabase = async (work) => {
  const config = loadConfig();
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await database.migrate();
    return await work(database.db);
  } finally {
    await database.close();
  }
};

async function main(argv: string[]) {
  const words = argv.filter((word) => !word.startsWith('-'));
  const command = Object.keys(commands).find((name) => name === words.slice(0, 2).join(' '));
  if (argv.includes('--help') || argv.includes('-h') || argv[0] === 'help') {
    console.log(usage(command));
    return;
  }
  const rest = argv.slice(argv.indexOf(command?.split(' ')[1] ?? '') + 1);
  switch (command) {
    case 'sites list':
      return sitesList(withDatabase, rest);
    case 'sites create':
      return sitesCreate(withDatabase, rest);
    case 'sites origins':
      return sitesOrigins(withDatabase, rest[0], rest.slice(1));
    case 'sites test-mode':
      return sitesTestMode(withDatabase, rest);
    case 'sites wootric-token':
      return sitesWootricToken(withDatabase, rest);
    case 'users erase':
      return usersErase(withDatabase, rest);
    case 'import responses':
      if (!(await importResponsesCommand(withDatabase, rest))) process.exitCode = 1;
      return;
    case 'db migrate':
      return withDatabase(async () => console.log('migrations applied'));
    default:
      throw new UsageError(argv.length ? `unknown command: ${argv.join(' ')}` : 'no command given');
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof UsageError) {
    console.error(`tenpoint: ${message}\n\n${usage()}`);
    process.exit(2);
  }
  console.error(`tenpoint: ${message}`);
  process.exit(1);
});
