import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createApp } from './app.ts';
import { type ConsoleAuth, createAuth } from './auth/create-auth.ts';
import { cookieSecret } from './auth/instance-secret.ts';
import { consoleFolder } from './bundled-paths.ts';
import type { Config } from './config.ts';
import { type DatabaseHandle, openDatabase } from './db/client.ts';
import { createMailer } from './email/mailer.ts';
import { type GracefulStop, gracefulStop } from './graceful-stop.ts';
import { answerParseErrors } from './http-parse-errors.ts';
import type { Logger } from './observability/logger.ts';
import { createLogger } from './observability/logger.ts';
import { createMetrics } from './observability/metrics.ts';
import { readWidgetFiles } from './widget-files.ts';
import { createWorkers } from './workers/create-workers.ts';

export interface RunningApi {
  url: string;
  /** The console's sign-in: `pnpm start` asks it for a one-time link. */
  auth: ConsoleAuth;
  logger: Logger;
  database: DatabaseHandle;
  close(): Promise<void>;
}

/** Opens and migrates the database, then serves the API on the configured port. */
export async function startApi(config: Config): Promise<RunningApi> {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await database.migrate();
  } catch (error) {
    await database.close();
    throw error;
  }
  let graceful: GracefulStop | undefined;
  const logger = createLogger(config.logLevel);
  const now = () => new Date();
  const mailer = createMailer({ smtpUrl: config.smtpUrl, from: config.emailFrom, db: database.db, logger });
  const secret = await cookieSecret(database.db, config.authSecret);
  const auth = createAuth({ db: database.db, publicUrl: config.publicUrl, secret, mailer });
  const app = createApp({
    db: database.db,
    now,
    auth,
    mailer,
    publicUrl: config.publicUrl,
    widget: readWidgetFiles(),
    consoleFolder,
    rateLimits: config.rateLimits,
    allowPrivateWebhooks: config.allowPrivateWebhooks,
    stopping: () => graceful?.stopping ?? false,
    logger,
    ...(config.metricsToken ? { metrics: createMetrics(database.db, database.connections), metricsToken: config.metricsToken } : {}),
  });
  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }) as Server;
  // Longer than a load balancer's idle timeout (60 s on most), so that none reuses a connection
  // just as this server closes it: the request would fail without reaching the API.
  server.keepAliveTimeout = 65_000;
  // What Node's HTTP parser refuses is answered in the one error shape too, not with a bare status.
  answerParseErrors(server, logger);
  const stopping = gracefulStop(server);
  graceful = stopping;
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  }).catch(async (error) => {
    await database.close();
    throw error;
  });
  const workers = createWorkers({
    db: database.db,
    now,
    logger,
    allowPrivateWebhooks: config.allowPrivateWebhooks,
    dashboardUrl: config.dashboardUrl,
    mailer,
    publicUrl: config.publicUrl,
    digest: { mailer, publicUrl: config.publicUrl },
  });
  workers.start();
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${config.host}:${port}`,
    auth,
    logger,
    database,
    close: async () => {
      await stopping.drain(config.shutdownTimeoutMs);
      await workers.stop();
      await database.close();
    },
  };
}
