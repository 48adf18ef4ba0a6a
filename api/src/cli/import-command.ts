import { readFile } from 'node:fs/promises';
import { type ImportAnswer, type ImportFormat, importFormatNames, importFormats } from '@tenpoint/shared';
import { importResponses } from '../imports/import-responses.ts';
import { parse, theSite, UsageError, type WithDatabase } from './site-commands.ts';

function summary(answer: ImportAnswer, file: string): string {
  const lines = [
    `${file}: from ${importFormatNames[answer.format]}, ${answer.rowsRead} rows read${answer.dryRun ? ' (dry run: nothing written)' : ''}`,
    `  ${(answer.dryRun ? 'would import' : 'imported').padEnd(15)}${answer.imported}`,
    `  ${'already there'.padEnd(15)}${answer.alreadyThere}`,
    `  ${'refused'.padEnd(15)}${answer.refused}`,
    ...answer.refusedRows.map((row) => `    line ${row.line}${row.column === null ? '' : `, ${row.column}`}: ${row.reason}`),
    ...(answer.refusedNotListed ? [`    and ${answer.refusedNotListed} more refused rows`] : []),
  ];
  if (answer.refused && answer.imported === 0 && !answer.written)
    lines.push('Nothing was written: fix the refused rows, or pass --skip-refused to import the others.');
  return lines.join('\n');
}

/** `tenpoint import responses FILE --site SITE`: the endpoint's import, on the database in-process. */
export async function importResponsesCommand(withDatabase: WithDatabase, args: string[]): Promise<boolean> {
  const { values, positionals } = parse(args, {
    site: { type: 'string' },
    format: { type: 'string' },
    survey: { type: 'string' },
    'dry-run': { type: 'boolean' },
    'skip-refused': { type: 'boolean' },
    json: { type: 'boolean' },
  });
  const [file, ...extra] = positionals;
  if (!file || extra.length) throw new UsageError('name one CSV file to import');
  const format = values.format;
  if (format !== undefined && !importFormats.includes(format as ImportFormat))
    throw new UsageError(`--format must be ${importFormats.join(', ')}`);
  const bytes = await readFile(file).catch((error: NodeJS.ErrnoException) => {
    throw new Error(`cannot read ${file}: ${error.code === 'ENOENT' ? 'no such file' : error.message}`);
  });
  const answer = await withDatabase(async (db) =>
    importResponses(db, {
      siteId: (await theSite(db, values.site)).id,
      file: bytes,
      format: format as ImportFormat | undefined,
      surveyId: values.survey?.toLowerCase(),
      dryRun: values['dry-run'] ?? false,
      skipRefused: values['skip-refused'] ?? false,
      now: new Date(),
    }),
  );
  console.log(values.json ? JSON.stringify(answer) : summary(answer, file));
  return answer.refused === 0 || values['skip-refused'] === true;
}
