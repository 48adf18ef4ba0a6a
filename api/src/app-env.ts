import type { Site } from './db/schema/index.ts';
import type { Database } from './db/client.ts';

export interface WidgetAssets {
  loader: string;
  ui: string;
}

/** Everything the app needs from outside; tests build their own. */
export interface AppDeps {
  db: Database;
  now: () => Date;
  /** The built widget, or null when it has not been built. */
  widget: WidgetAssets | null;
}

export interface AppEnv {
  Variables: {
    requestId: string;
    site: Site;
  };
}
