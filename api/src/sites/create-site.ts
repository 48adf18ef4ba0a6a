import { randomUUID } from 'node:crypto';
import { surveySettingsSchema } from '@tenpoint/shared';
import type { Database } from '../db/client.ts';
import { sites, surveys } from '../db/schema/index.ts';
import { newSiteKey } from './keys.ts';
import { createSiteKey } from './site-keys.ts';

export interface NewSite {
  siteId: string;
  siteKey: string;
  /** Shown this once; only its hash is stored. */
  secretKey: string;
  surveyId: string;
}

// Scheme, `//`, then a host (and port) with nothing the URL parser would quietly drop or repair.
const originShape = /^[a-z][a-z0-9+.-]*:\/\/[^/?#\\\s@]+\/?$/i;

/** Normalises an origin the way browsers send it in the Origin header, or throws on a bad one. */
export function normaliseOrigin(origin: string): string {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    throw new Error(`origin ${origin}: must look like https://app.example.com`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`origin ${origin}: must be http or https`);
  // What a browser sends as Origin has none of these; one given here would be dropped without a word.
  const extra =
    url.username || url.password
      ? 'credentials'
      : url.pathname !== '/'
        ? 'a path'
        : url.search || origin.includes('?')
          ? 'a query'
          : url.hash || origin.includes('#')
            ? 'a fragment'
            : null;
  if (extra) throw new Error(`origin ${origin}: must be scheme, host and port only, without ${extra}, as in https://app.example.com`);
  if (url.hostname.includes('*')) throw new Error(`origin ${origin}: must name one host; wildcards are not matched, add each origin`);
  if (url.port === '0') throw new Error(`origin ${origin}: port 0 is not a port a page is served from`);
  if (!originShape.test(origin))
    throw new Error(`origin ${origin}: must be written as scheme://host[:port] and nothing else, as in https://app.example.com`);
  return url.origin;
}

/** The most origins a site allows: enough for every environment, few enough to read. */
export const maxAllowedOrigins = 100;

/** Creates a site with its keys and its default NPS survey. */
export async function createSite(
  db: Database,
  input: { name: string; origins: string[]; testMode?: boolean; organizationId?: string | null; createdBy?: string | null },
): Promise<NewSite> {
  const allowedOrigins = [...new Set(input.origins.map(normaliseOrigin))];
  if (allowedOrigins.length > maxAllowedOrigins) throw new Error(`origin: a site allows at most ${maxAllowedOrigins} origins`);
  const siteId = randomUUID();
  const surveyId = randomUUID();
  const siteKey = newSiteKey();
  return db.transaction(async (tx) => {
    await tx.insert(sites).values({
      id: siteId,
      name: input.name,
      siteKey,
      organizationId: input.organizationId ?? null,
      allowedOrigins,
      testMode: input.testMode ?? false,
    });
    await tx.insert(surveys).values({
      id: surveyId,
      siteId,
      type: 'nps',
      name: 'NPS',
      productName: input.name,
      isDefault: true,
      // Stored whole, defaults included: the tally fold reads segmentTraits from here.
      settings: surveySettingsSchema.parse({}),
    });
    const { secretKey } = await createSiteKey(tx, { siteId, name: 'Default key', access: 'full', createdBy: input.createdBy ?? null });
    return { siteId, siteKey, secretKey, surveyId };
  });
}
