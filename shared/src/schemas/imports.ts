import { z } from 'zod';
import { clientUuid } from './ids.ts';

/** The exports an import reads: Wootric, Delighted, HubSpot, or Tenpoint's own plain CSV. */
export const importFormats = ['wootric', 'delighted', 'hubspot', 'csv'] as const;
export type ImportFormat = (typeof importFormats)[number];

/** Where an imported response came from, in words: "imported from Wootric". */
export const importFormatNames: Record<ImportFormat, string> = {
  wootric: 'Wootric',
  delighted: 'Delighted',
  hubspot: 'HubSpot',
  csv: 'a CSV file',
};

const yesOrNo = z.enum(['true', 'false'], { error: 'must be true or false' }).default('false');

export const importQuerySchema = z.object({
  format: z
    .enum(importFormats, { error: 'must be wootric, delighted, hubspot or csv' })
    .optional()
    .describe('The export the file comes from; told from its header row when left out.'),
  surveyId: clientUuid('must be a survey id (a UUID)')
    .optional()
    .describe("The survey the answers go into; by default the site's default survey (a CSAT or CES row: the site's survey of that type)."),
  dryRun: yesOrNo.describe('`true` reads and checks the file and answers what would be imported, writing nothing.'),
  skipRefused: yesOrNo.describe(
    '`true` imports the rows that can be, leaving out those refused; by default one refused row writes nothing.',
  ),
});
export type ImportQuery = z.infer<typeof importQuerySchema>;

export const refusedRowSchema = z.object({
  line: z.int().describe('The line of the file the row starts on (the header is line 1).'),
  column: z.string().nullable().describe('The column at fault, as the header names it; null when it is the row as a whole.'),
  reason: z.string().meta({ examples: ['must be a whole number from 0 to 10 (the survey is NPS); "9.5" is not'] }),
});
export type RefusedRow = z.infer<typeof refusedRowSchema>;

export const importAnswerSchema = z
  .object({
    format: z.enum(importFormats),
    dryRun: z.boolean(),
    written: z.boolean().describe('Whether anything was written: false on a dry run, and when a row was refused without `skipRefused`.'),
    rowsRead: z.int().describe('Rows under the header row.'),
    imported: z.int().describe('Responses added (on a dry run, that would be added).'),
    alreadyThere: z.int().describe('Rows imported before (the same response of the same export): left as they are.'),
    refused: z.int(),
    refusedRows: z.array(refusedRowSchema).describe('Every refused row, in file order, the first 1000 of them.'),
    refusedNotListed: z.int().describe('Refused rows past the first 1000.'),
  })
  .meta({ id: 'ImportAnswer' });
export type ImportAnswer = z.infer<typeof importAnswerSchema>;
