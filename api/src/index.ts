export { type AppDeps, createApp } from './app.ts';
export { ensureTeamFor } from './auth/seed-team.ts';
export { type Config, ConfigError, loadConfig } from './config.ts';
export { type Database, type DatabaseHandle, openDatabase } from './db/client.ts';
export * as schema from './db/schema/index.ts';
// What `pnpm bench eligibility` seeds by: which users a sampled survey leaves out.
export { sampleBucket } from './eligibility/sampling.ts';
export { importResponses } from './imports/import-responses.ts';
export { runUntilStopped } from './run-until-stopped.ts';
// What `pnpm bench scores` times: the scores read from the tallies and by scanning.
export { rollupTallies } from './scores/rollup-tallies.ts';
export { scanTallies } from './scores/scan-tallies.ts';
export { readScoreQuery, type ScoreQuery } from './scores/score-query.ts';
export { scoreReport } from './scores/score-report.ts';
export { foldTallies } from './scores/tally-folder.ts';
export { createSite, type NewSite } from './sites/create-site.ts';
export { addSiteOrigins, removeSiteOrigin } from './sites/site-origins.ts';
export { type RunningApi, startApi } from './start-api.ts';
export { createWorkers, type Workers } from './workers/create-workers.ts';
