import type { ImportAnswer, ImportFormat } from '@tenpoint/shared';
import { asc, eq } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { surveys } from '../db/schema/index.ts';
import { ApiError } from '../errors.ts';
import { checkRows } from './check-rows.ts';
import { columnMap, detectFormat } from './import-formats.ts';
import { readExport } from './read-export.ts';
import { countStored, writeImport } from './write-import.ts';

/** Refused rows listed in an answer; past them, only counted. */
export const refusedListed = 1000;

export interface ImportRequest {
  siteId: string;
  /** The CSV file as it came, bytes: its BOM and line ends are the reader's to handle. */
  file: Uint8Array;
  format?: ImportFormat | undefined;
  surveyId?: string | undefined;
  dryRun: boolean;
  skipRefused: boolean;
  now: Date;
}

/**
 * Imports an export of another tool (or the plain CSV) into the site's surveys, all or nothing: one
 * refused row writes nothing unless `skipRefused`, and a dry run writes nothing at all. The one
 * import of the API and of the CLI.
 */
export async function importResponses(db: Database, request: ImportRequest): Promise<ImportAnswer> {
  const { header, records } = await readExport(request.file);
  const format = request.format ?? detectFormat(header);
  if (!format)
    throw new ApiError(
      'invalid_request',
      `format: the header row is none of a Wootric, Delighted, HubSpot or plain CSV export (${header.slice(0, 5).join(',')}…); ` +
        'name the format, or see docs/contract.md for the plain columns',
    );
  const columns = columnMap(format, header);
  const siteSurveys = await db.select().from(surveys).where(eq(surveys.siteId, request.siteId)).orderBy(asc(surveys.createdAt));
  const asked = request.surveyId ? siteSurveys.find((survey) => survey.id === request.surveyId) : undefined;
  if (request.surveyId && !asked) throw new ApiError('not_found', `surveyId: no survey ${request.surveyId} on this site`);
  if (!siteSurveys.length) throw new ApiError('not_found', 'this site has no survey to import into');
  const { rows, refused } = await checkRows(header, records, {
    siteId: request.siteId,
    columns,
    asked,
    surveys: siteSurveys,
    now: request.now,
  });

  // A dry run answers what the same request without it would do.
  const goesAhead = refused.length === 0 || request.skipRefused;
  const writes = !request.dryRun && goesAhead;
  const answer = (imported: number, alreadyThere: number): ImportAnswer => ({
    format,
    dryRun: request.dryRun,
    written: writes && imported > 0,
    rowsRead: records.length,
    imported,
    alreadyThere,
    refused: refused.length,
    refusedRows: refused.slice(0, refusedListed),
    refusedNotListed: Math.max(0, refused.length - refusedListed),
  });
  if (!writes) {
    const alreadyThere = await countStored(db, request.siteId, rows);
    return answer(goesAhead ? rows.length - alreadyThere : 0, alreadyThere);
  }
  const added = await db.transaction((tx) => writeImport(tx, request.siteId, format, rows));
  return answer(added, rows.length - added);
}
