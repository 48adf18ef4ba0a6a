export { createApp, type AppDeps } from './app.ts';
export { loadConfig, ConfigError, type Config } from './config.ts';
export { openDatabase, type Database, type DatabaseHandle } from './db/client.ts';
export { startApi, type RunningApi } from './start-api.ts';
export { createWorkers, type Workers } from './workers/create-workers.ts';
export { runUntilStopped } from './run-until-stopped.ts';
export { createSite, type NewSite } from './sites/create-site.ts';
export { addSiteOrigins, removeSiteOrigin } from './sites/site-origins.ts';
// What `pnpm bench scores` times: the scores read from the tallies and by scanning.
export { rollupTallies } from './scores/rollup-tallies.ts';
export { scanTallies } from './scores/scan-tallies.ts';
export { readScoreQuery, type ScoreQuery } from './scores/score-query.ts';
export { scoreReport } from './scores/score-report.ts';
export { foldTallies } from './scores/tally-folder.ts';
export * as schema from './db/schema/index.ts';
