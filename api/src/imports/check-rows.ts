import { type RefusedRow, type SurveyType, surveyTypes, type Traits } from '@tenpoint/shared';
import { type Band, bandOf, isOnScale, scales } from '@tenpoint/shared/scores';
import type { Survey } from '../db/schema/index.ts';
import { isUnstorable } from '../input/unstorable-text.ts';
import { readAnswerDate, shown } from './import-dates.ts';
import type { ColumnMap, Field } from './import-formats.ts';
import type { ExportRecord } from './read-export.ts';
import { importedResponseId } from './response-ids.ts';

/** One row as it will be stored. */
export interface ImportRow {
  line: number;
  id: string;
  surveyId: string;
  score: number;
  band: Band;
  comment: string | null;
  createdAt: Date;
  userId: string;
  email: string | null;
  accountId: string | null;
  locale: string | null;
  url: string | null;
  traits: Traits;
  accountTraits: Traits;
}

export interface RowContext {
  siteId: string;
  columns: ColumnMap;
  /** The survey asked for (`surveyId`), or undefined for the site's default of each type. */
  asked: Survey | undefined;
  surveys: Survey[];
  now: Date;
}

class Refusal extends Error {
  constructor(
    readonly column: string | null,
    readonly reason: string,
  ) {
    super(reason);
  }
}

const limits = { userId: 200, accountId: 200, comment: 5000, url: 2000, traitName: 100, traitValue: 1000, traits: 100 };
const email = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const typeWords: Record<string, SurveyType> = { loyalty: 'nps', satisfaction: 'csat', support: 'ces', effort: 'ces' };
const typeNames: Record<SurveyType, string> = { nps: 'NPS', csat: 'CSAT', ces: 'CES' };

function cellOf(record: ExportRecord, columns: ColumnMap, field: Field): { value: string; column: string } | undefined {
  const at = columns.fields[field];
  if (!at) return undefined;
  const value = record.cells[at.index] ?? '';
  if (isUnstorable(value)) throw new Refusal(at.name, 'holds the character U+0000 (NUL), which cannot be stored: is the file text?');
  return { value: value.trim(), column: at.name };
}

function text(record: ExportRecord, columns: ColumnMap, field: Field, max: number): string | null {
  const cell = cellOf(record, columns, field);
  if (!cell?.value) return null;
  if (cell.value.length > max) throw new Refusal(cell.column, `must be at most ${max} characters (it has ${cell.value.length})`);
  return cell.value;
}

function surveyFor(record: ExportRecord, context: RowContext): Survey {
  const cell = cellOf(record, context.columns, 'surveyType');
  const word = cell?.value.toLowerCase().replace(/[\s_-]+/g, '');
  const type = word ? (surveyTypes.find((each) => each === word) ?? typeWords[word]) : undefined;
  if (cell && word && !type) throw new Refusal(cell.column, `must be NPS, CSAT or CES; "${shown(cell.value)}" is not`);
  if (context.asked) {
    if (type && type !== context.asked.type)
      throw new Refusal(cell!.column, `is ${typeNames[type]}, but survey "${context.asked.name}" is ${typeNames[context.asked.type]}`);
    return context.asked;
  }
  const isDefault = context.surveys.find((survey) => survey.isDefault);
  if (!type || type === isDefault?.type) return isDefault ?? context.surveys[0]!;
  const ofType = context.surveys.find((survey) => survey.type === type);
  if (!ofType)
    throw new Refusal(
      cell!.column,
      `is ${typeNames[type]}, and the site has no ${typeNames[type]} survey: make one first, or pass surveyId`,
    );
  return ofType;
}

function scoreOn(record: ExportRecord, context: RowContext, survey: Survey): number {
  const cell = cellOf(record, context.columns, 'score')!;
  const { min, max } = scales[survey.type];
  const range = `a whole number from ${min} to ${max} (survey "${survey.name}" is ${typeNames[survey.type]})`;
  if (!cell.value) throw new Refusal(cell.column, 'is empty: every response needs its score');
  const score = /^-?\d{1,6}$/.test(cell.value) ? Number(cell.value) : Number.NaN;
  if (!isOnScale(survey.type, score)) throw new Refusal(cell.column, `must be ${range}; "${shown(cell.value)}" is not`);
  return score;
}

function traitsOf(record: ExportRecord, columns: ColumnMap['traits']): Traits {
  const traits: Traits = {};
  for (const { index, trait, name } of columns) {
    const value = (record.cells[index] ?? '').trim();
    if (!value) continue;
    if (isUnstorable(value) || isUnstorable(trait)) throw new Refusal(name, 'holds the character U+0000 (NUL), which cannot be stored');
    if (trait.length > limits.traitName) throw new Refusal(name, `a trait name must be at most ${limits.traitName} characters`);
    if (value.length > limits.traitValue) throw new Refusal(name, `must be at most ${limits.traitValue} characters`);
    traits[trait] = value;
  }
  if (Object.keys(traits).length > limits.traits) throw new Refusal(null, `has more than ${limits.traits} traits`);
  return traits;
}

function checkedRow(record: ExportRecord, context: RowContext): ImportRow {
  const { columns } = context;
  const survey = surveyFor(record, context);
  const score = scoreOn(record, context, survey);
  const dateCell = cellOf(record, columns, 'createdAt')!;
  const createdAt = readAnswerDate(dateCell.value, context.now);
  if (typeof createdAt === 'string') throw new Refusal(dateCell.column, createdAt);
  const given = {
    email: text(record, columns, 'email', 320) ?? undefined,
    personId: text(record, columns, 'personId', limits.userId) ?? undefined,
    userId: text(record, columns, 'userId', limits.userId) ?? undefined,
  };
  const userId = columns.userId(given);
  if (!userId) throw new Refusal(null, 'names nobody: it needs a user id or an email');
  if (userId.length > limits.userId) throw new Refusal(null, `the user id must be at most ${limits.userId} characters`);
  if (given.email && !email.test(given.email)) throw new Refusal(columns.fields.email!.name, 'must be an email address');
  const localeCell = text(record, columns, 'locale', 35);
  const locale = localeCell && columns.locale(localeCell);
  if (localeCell && !locale) throw new Refusal(columns.fields.locale!.name, 'must be a language tag such as nl or nl-BE');
  const url = text(record, columns, 'url', limits.url);
  const exportId = text(record, columns, 'id', 200);
  const comment = text(record, columns, 'comment', limits.comment);
  const row = {
    line: record.line,
    surveyId: survey.id,
    score,
    band: bandOf(survey.type, score),
    comment,
    createdAt,
    userId,
    email: given.email ?? null,
    accountId: text(record, columns, 'accountId', limits.accountId),
    locale: locale ?? null,
    url: url && /^https?:\/\//i.test(url) ? url : null,
    traits: traitsOf(record, columns.traits),
    accountTraits: traitsOf(record, columns.accountTraits),
  };
  return { ...row, id: importedResponseId(context.siteId, columns.format, exportId, row) };
}

/**
 * Every record checked as a response of the site: the rows to store, and the refused ones with
 * the column at fault and why, in words. A second row with the same response (the same export id,
 * or the same answer word for word when the export has no ids) is refused too.
 */
export async function checkRows(header: string[], records: ExportRecord[], context: RowContext) {
  const rows: ImportRow[] = [];
  const refused: RefusedRow[] = [];
  const firstLine = new Map<string, number>();
  const headerText = header.map((cell) => cell.trim()).join(',');
  for (const [index, record] of records.entries()) {
    // A breath for the other requests of this process now and then: 100,000 rows take seconds.
    if (index % 5000 === 4999) await new Promise((resolve) => setImmediate(resolve));
    try {
      if (record.cells.length > header.length)
        throw new Refusal(null, `has ${record.cells.length} cells where the header row has ${header.length}: is a comma unquoted?`);
      if (record.cells.map((cell) => cell.trim()).join(',') === headerText)
        throw new Refusal(null, 'is the header row again: two exports pasted into one file? Import each on its own');
      const row = checkedRow(record, context);
      const earlier = firstLine.get(row.id);
      if (earlier !== undefined) throw new Refusal(context.columns.fields.id?.name ?? null, `is the same response as line ${earlier}`);
      firstLine.set(row.id, row.line);
      rows.push(row);
    } catch (error) {
      if (!(error instanceof Refusal)) throw error;
      refused.push({ line: record.line, column: error.column, reason: error.reason });
    }
  }
  return { rows, refused };
}
