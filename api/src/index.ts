export { createApp, type AppDeps } from './app.ts';
export { loadConfig, ConfigError, type Config } from './config.ts';
export { openDatabase, type Database, type DatabaseHandle } from './db/client.ts';
export { startApi, type RunningApi } from './start-api.ts';
export { runUntilStopped } from './run-until-stopped.ts';
export { createSite, type NewSite } from './sites/create-site.ts';
export { addSiteOrigins } from './sites/add-origins.ts';
