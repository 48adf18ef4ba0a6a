import { z } from 'zod';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Whether a path's id can name something: the ids the API makes are UUIDs, and any other text
 * names nothing (404) rather than reaching a uuid column, which would refuse it with an error.
 */
export const isUuid = (text: string) => uuid.test(text);

/** The `{id}` of a path: any text, so that one that names nothing answers 404 as an unknown UUID does. */
export const idPath = (description: string) =>
  z.object({ id: z.string().meta({ description, examples: ['3f1c6a52-1f9e-4f7a-9f43-2b8d2a4c5e61'] }) });
