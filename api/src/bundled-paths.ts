import { fileURLToPath } from 'node:url';

// Set by the build (api/build.ts): the bundle in api/dist/ carries its migrations and widget beside it.
declare const TENPOINT_BUNDLED: boolean | undefined;
const bundled = typeof TENPOINT_BUNDLED !== 'undefined' && TENPOINT_BUNDLED;

/** Where the drizzle migrations are, from the sources or from the built API. */
export const migrationsFolder = fileURLToPath(
  bundled ? new URL('./migrations', import.meta.url) : new URL('../../migrations', import.meta.url),
);

/**
 * The SQL re-made on every start after the migrations (api/src/db/sql-definitions.ts), as paths
 * under api/src/; the build copies them to sql/ beside the bundle.
 */
export const sqlDefinitionSources = ['scores/engine.sql', 'webhooks/outbox.sql', 'alerts/alert-candidates.sql'] as const;

/** Where a file of sqlDefinitionSources is, from the sources or from the built API. */
export const sqlDefinitionFile = (source: (typeof sqlDefinitionSources)[number]) =>
  fileURLToPath(bundled ? new URL(`./sql/${source}`, import.meta.url) : new URL(`./${source}`, import.meta.url));

/** Where the built widget is, from the sources or from the built API. */
export const widgetFolder = fileURLToPath(bundled ? new URL('./widget/', import.meta.url) : new URL('../../widget/dist/', import.meta.url));

/** Where the built console is, from the sources or from the built API. */
export const consoleFolder = fileURLToPath(
  bundled ? new URL('./console/', import.meta.url) : new URL('../../console/dist/', import.meta.url),
);
