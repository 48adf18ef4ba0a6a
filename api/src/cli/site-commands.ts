import { type ParseArgsConfig, parseArgs } from 'node:util';
import { isWootricAccountToken } from '@tenpoint/shared';
import type { Database } from '../db/client.ts';
import type { Site } from '../db/schema/index.ts';
import { createSite } from '../sites/create-site.ts';
import { addSiteOrigins, removeSiteOrigin } from '../sites/site-origins.ts';
import { findSite, listSites, siteAnswer, updateSite } from '../sites/site-settings.ts';
import { updateSiteOnce } from '../sites/wootric-token.ts';
import { eraseUser } from '../users/erase-user.ts';

/** A mistake in how a command was called: its usage is printed with the message. */
export class UsageError extends Error {}

export type WithDatabase = <T>(work: (db: Database) => Promise<T>) => Promise<T>;

const siteOption = { site: { type: 'string' }, json: { type: 'boolean' } } as const;

export function parse<const Options extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: Options) {
  try {
    return parseArgs({ args, options, allowPositionals: true as const, strict: true as const });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

export async function theSite(db: Database, site: string | undefined): Promise<Site> {
  if (!site) throw new UsageError('--site is required: the site id or its site key (pk_…); `pnpm tenpoint sites list` shows them');
  const found = await findSite(db, site);
  if (!found) throw new Error(`no site ${site} (\`pnpm tenpoint sites list\` shows them)`);
  return found;
}

function print(json: boolean | undefined, value: unknown, text: string) {
  console.log(json ? JSON.stringify(value) : text);
}

const originLines = (origins: string[]) =>
  origins.length ? origins.map((origin) => `  ${origin}`).join('\n') : '  (none: the widget runs nowhere)';

export async function sitesCreate(withDatabase: WithDatabase, args: string[]) {
  const { values } = parse(args, { name: { type: 'string' }, origin: { type: 'string', multiple: true }, json: { type: 'boolean' } });
  const name = values.name?.trim();
  if (!name) throw new UsageError('--name is required');
  const origins = values.origin ?? [];
  if (!origins.length) throw new UsageError('at least one --origin is required (where the widget will run, e.g. https://app.example.com)');
  const site = await withDatabase((db) => createSite(db, { name, origins }));
  print(
    values.json,
    site,
    `Created site "${name}" (${site.siteId})
  siteKey    ${site.siteKey}   (public: put it in data-site-key)
  secretKey  ${site.secretKey}   (shown once: keep it for the API)
  surveyId   ${site.surveyId}   (the default NPS survey)`,
  );
}

export async function sitesList(withDatabase: WithDatabase, args: string[]) {
  const { values } = parse(args, { json: { type: 'boolean' } });
  const sites = (await withDatabase(listSites)).map(siteAnswer);
  const lines = sites.map(
    (site) => `${site.id}  ${site.siteKey}  ${site.testMode ? 'test mode  ' : ''}${site.name}\n${originLines(site.allowedOrigins)}`,
  );
  print(values.json, sites, lines.join('\n') || 'no sites yet: pnpm tenpoint sites create --name NAME --origin ORIGIN');
}

export async function sitesOrigins(withDatabase: WithDatabase, action: string | undefined, args: string[]) {
  const { values, positionals } = parse(args, siteOption);
  if (action === 'list') {
    if (positionals.length) throw new UsageError(`unexpected ${positionals.join(' ')}`);
    const site = await withDatabase((db) => theSite(db, values.site));
    return print(values.json, site.allowedOrigins, originLines(site.allowedOrigins));
  }
  if (action !== 'add' && action !== 'remove')
    throw new UsageError(action ? `unknown command: sites origins ${action}` : 'sites origins needs list, add or remove');
  if (!positionals.length) throw new UsageError(`name the origins to ${action}, e.g. https://app.example.com`);
  const origins = await withDatabase(async (db) => {
    const site = await theSite(db, values.site);
    if (action === 'add') return addSiteOrigins(db, site.id, positionals);
    let left: string[] | null = site.allowedOrigins;
    for (const origin of positionals) left = await removeSiteOrigin(db, site.id, origin);
    return left;
  });
  print(values.json, origins, originLines(origins ?? []));
}

export async function sitesTestMode(withDatabase: WithDatabase, args: string[]) {
  const { values, positionals } = parse(args, siteOption);
  const [state] = positionals;
  if (positionals.length !== 1 || (state !== 'on' && state !== 'off')) throw new UsageError('say on or off');
  const site = await withDatabase(async (db) => updateSite(db, (await theSite(db, values.site)).id, { testMode: state === 'on' }));
  print(
    values.json,
    site && siteAnswer(site),
    `test mode ${state} for ${site?.name}: tenpoint('show') ` +
      (state === 'on' ? 'shows the survey whatever the throttles say' : 'follows the throttles again'),
  );
}

export async function sitesWootricToken(withDatabase: WithDatabase, args: string[]) {
  const { values, positionals } = parse(args, siteOption);
  const [token] = positionals;
  if (positionals.length !== 1 || (token !== 'none' && !isWootricAccountToken(token)))
    throw new UsageError('give the Wootric account token (NPS- and letters or digits), or none to clear it');
  const wootricAccountToken = token === 'none' ? null : token;
  const site = await withDatabase(async (db) => {
    const updated = await updateSiteOnce(db, (await theSite(db, values.site)).id, { wootricAccountToken });
    if (updated === 'token_taken')
      throw new Error(`another site has the Wootric account token ${wootricAccountToken}; clear it there first`);
    return updated;
  });
  print(
    values.json,
    site && siteAnswer(site),
    wootricAccountToken
      ? `${site?.name} now answers Wootric snippets with account_token ${wootricAccountToken} (loading /wootric.js)`
      : `${site?.name} has no Wootric account token`,
  );
}

export async function usersErase(withDatabase: WithDatabase, args: string[]) {
  const { values, positionals } = parse(args, siteOption);
  const [userId] = positionals;
  if (positionals.length !== 1 || !userId) throw new UsageError('name one user id to erase');
  const erased = await withDatabase(async (db) => eraseUser(db, (await theSite(db, values.site)).id, userId));
  if (erased.responses + erased.declines + erased.impressions + erased.user + erased.webhookDeliveries === 0)
    throw new Error(`nothing is stored about ${userId} on this site`);
  print(
    values.json,
    { erased },
    `erased ${userId}: ${erased.responses} responses, ${erased.declines} declines, ${erased.impressions} impressions, ` +
      `${erased.webhookDeliveries} webhook deliveries`,
  );
}
