import { z } from 'zod';

/**
 * A UUID a client sends, in any case (Swift's `uuidString` is upper case), taken in lower case as
 * the API writes them: ids are compared as text in places (a webhook's filter, a batch's keys).
 */
export const clientUuid = (error: string) => z.uuid({ error }).overwrite((id) => id.toLowerCase());
