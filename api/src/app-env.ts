import type { Site } from './db/schema/index.ts';
import type { Logger } from './observability/logger.ts';

/** Who made a request to a vendor endpoint: a site's key, or a member of a team signed in to the console. */
export type Caller = { kind: 'key'; keyId: string; label: string } | { kind: 'member'; userId: string; role: string; label: string };

/** What a request carries through the middleware to its route. */
export interface AppEnv {
  Variables: {
    requestId: string;
    site: Site;
    caller: Caller;
    logger: Logger;
  };
}
