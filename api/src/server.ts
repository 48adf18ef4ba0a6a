import { loadConfig } from './config.ts';
import { runUntilStopped } from './run-until-stopped.ts';
import { startApi } from './start-api.ts';

await runUntilStopped(async () => {
  const config = loadConfig();
  const api = await startApi(config);
  const where = api.database.kind === 'embedded' ? `embedded Postgres in ${config.dataDir}` : 'Postgres at DATABASE_URL';
  api.logger.info({ url: api.url, database: api.database.kind }, `Tenpoint API on ${api.url} (${where})`);
  return api;
});
