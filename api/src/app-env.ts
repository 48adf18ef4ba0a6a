import type { Site } from './db/schema/index.ts';
import type { Logger } from './observability/logger.ts';

/** What a request carries through the middleware to its route. */
export interface AppEnv {
  Variables: {
    requestId: string;
    site: Site;
    logger: Logger;
  };
}
