import type { Role } from './auth/roles.ts';
import type { Site } from './db/schema/index.ts';
import type { Logger } from './observability/logger.ts';

/** Who made a request to a vendor endpoint: a site's key, or a member of a team signed in to the console. */
export type Caller = { kind: 'key'; keyId: string; label: string } | { kind: 'member'; userId: string; role: string; label: string };

/** A console user signed in by their session cookie. */
export interface SignedIn {
  user: { id: string; email: string; name: string };
  session: { id: string; token: string; createdAt: Date };
}

/** What a request carries through the middleware to its route. */
export interface AppEnv {
  Variables: {
    requestId: string;
    site: Site;
    caller: Caller;
    /** Organization endpoints: the organization of the path and the caller's place in it. */
    organization: { id: string; name: string; memberId: string; role: Role };
    signedIn: SignedIn;
    logger: Logger;
  };
}
