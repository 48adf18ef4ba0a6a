import { type ImportFormat, wootricLocale, wootricUserId } from '@tenpoint/shared';
import { ApiError } from '../errors.ts';

/** What an import reads from a row, whatever the export calls it. */
export type Field =
  | 'id'
  | 'score'
  | 'comment'
  | 'createdAt'
  | 'email'
  | 'personId'
  | 'userId'
  | 'accountId'
  | 'locale'
  | 'url'
  | 'surveyType';

interface FormatSpec {
  /** Header names of each field, compared as `normalized` makes them; the first is the documented one. */
  fields: Partial<Record<Field, string[]>>;
  required: Field[];
  /** The required columns as the export's header writes them, for a message. */
  headings: Partial<Record<Field, string>>;
  /** Columns named `<prefix>NAME` are the user's (or the account's) trait NAME. */
  traitPrefixes: string[];
  accountTraitPrefixes: string[];
  /** Whether a header row (as normalized) looks like this export's. */
  looksLike: (names: string[]) => boolean;
  /** Who answered, from the row's fields. */
  userId: (row: Partial<Record<Field, string>>) => string | undefined;
  /** The locale cell as a BCP 47 tag; undefined when it is not one. */
  locale?: (cell: string) => string | undefined;
}

const languageTag = (cell: string) => (/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/.test(cell) ? cell : undefined);

/** Header names compared without case, spaces, underscores or dashes: `Response ID` is `response_id`. */
export const normalized = (name: string) =>
  name
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, '');

const any = (names: string[], wanted: string[]) => wanted.some((name) => names.includes(name));
const prefixed = (names: string[], prefixes: string[]) => names.some((name) => prefixes.some((prefix) => name.startsWith(prefix)));

// The columns each export is documented (or, where its docs are thin, assumed) to have:
// docs/contract.md, "Importing responses", says which is which.
const specs: Record<ImportFormat, FormatSpec> = {
  hubspot: {
    fields: {
      id: ['hsobjectid', 'recordid', 'submissionid'],
      score: ['hsresponsevalue', 'responsevalue', 'rating'],
      comment: ['hscontent', 'content', 'response', 'comment'],
      createdAt: ['hssubmissiontimestamp', 'submissiontimestamp', 'submitteddate', 'submissiondate', 'hscreatedate', 'createdate'],
      email: ['hscontactemailrollup', 'contactemail', 'email'],
      personId: ['hscontactid', 'contactid'],
      surveyType: ['hssurveytype', 'surveytype'],
      locale: ['hslanguage', 'language'],
    },
    required: ['score', 'createdAt'],
    headings: { score: 'hs_response_value', createdAt: 'hs_submission_timestamp' },
    traitPrefixes: ['property:'],
    accountTraitPrefixes: [],
    looksLike: (names) => any(names, ['hsresponsevalue', 'hssurveytype', 'hscontent', 'hssubmissiontimestamp']),
    userId: (row) => row.email || row.personId,
  },
  delighted: {
    fields: {
      id: ['responseid', 'id'],
      score: ['score'],
      comment: ['comment'],
      createdAt: ['responsetimestamp', 'createdat', 'date'],
      email: ['email', 'personemail'],
      personId: ['personid', 'person'],
      surveyType: ['surveytype'],
      locale: ['locale'],
    },
    required: ['score', 'createdAt'],
    headings: { score: 'Score', createdAt: 'Response timestamp' },
    traitPrefixes: ['properties:', 'property:', 'person_properties.', 'personproperties.'],
    accountTraitPrefixes: [],
    looksLike: (names) => any(names, ['responsetimestamp', 'personid']) || prefixed(names, ['properties:', 'personproperties.']),
    userId: (row) => row.email || row.personId,
  },
  wootric: {
    fields: {
      id: ['id', 'responseid'],
      score: ['score'],
      comment: ['text', 'comment'],
      createdAt: ['createdat', 'date'],
      email: ['email', 'enduser.email'],
      personId: ['externalid', 'enduser.externalid'],
      surveyType: ['surveytype'],
      locale: ['language', 'locale'],
      url: ['originurl'],
    },
    required: ['score', 'createdAt'],
    headings: { score: 'score', createdAt: 'created_at' },
    traitPrefixes: ['end_user.properties.', 'enduser.properties.', 'properties.'],
    accountTraitPrefixes: [],
    looksLike: (names) => any(names, ['externalid', 'enduser.externalid', 'originurl', 'text']) || prefixed(names, ['enduser.']),
    userId: (row) => wootricUserId({ email: row.email, external_id: row.personId }),
    // Wootric's own codes: `EN`, `CN_S`, `pt_BR`.
    locale: wootricLocale,
  },
  csv: {
    fields: {
      id: ['id'],
      userId: ['userid'],
      email: ['email'],
      score: ['score'],
      comment: ['comment'],
      createdAt: ['createdat'],
      accountId: ['accountid'],
      locale: ['locale'],
      url: ['url'],
    },
    required: ['score', 'createdAt'],
    headings: { score: 'score', createdAt: 'created_at' },
    traitPrefixes: ['trait:'],
    accountTraitPrefixes: ['account_trait:', 'accounttrait:'],
    looksLike: (names) => any(names, ['userid']) || prefixed(names, ['trait:']),
    userId: (row) => row.userId || row.email,
  },
};

/** Where each field, trait and account trait is in a header row of one export. */
export interface ColumnMap {
  format: ImportFormat;
  /** The field's cell index and the column's name as the header writes it. */
  fields: Partial<Record<Field, { index: number; name: string }>>;
  traits: Array<{ index: number; trait: string; name: string }>;
  accountTraits: Array<{ index: number; trait: string; name: string }>;
  userId: FormatSpec['userId'];
  locale: NonNullable<FormatSpec['locale']>;
}

/** The export a header row looks like, checked most distinctive first; undefined when none. */
export function detectFormat(header: string[]): ImportFormat | undefined {
  const names = header.map((name) =>
    name
      .trim()
      .toLowerCase()
      .replace(/[\s-]+/g, ''),
  );
  const plain = header.map(normalized);
  const order: ImportFormat[] = ['hubspot', 'delighted', 'wootric', 'csv'];
  return order.find((format) => specs[format].looksLike([...plain, ...names]));
}

function prefixedColumns(header: string[], prefixes: string[], taken: Set<number>) {
  return header.flatMap((name, index) => {
    const lower = name.trim().toLowerCase();
    const prefix = prefixes.find((each) => lower.startsWith(each));
    if (!prefix || taken.has(index)) return [];
    const trait = name.trim().slice(prefix.length).trim();
    return trait ? [{ index, trait, name: name.trim() }] : [];
  });
}

/** Reads a header row as one export's; a required column missing is a 400 that names it. */
export function columnMap(format: ImportFormat, header: string[]): ColumnMap {
  const spec = specs[format];
  const plain = header.map(normalized);
  const fields: ColumnMap['fields'] = {};
  const taken = new Set<number>();
  for (const [field, names] of Object.entries(spec.fields) as Array<[Field, string[]]>) {
    const index = names.map((name) => plain.indexOf(name)).find((at) => at >= 0 && !taken.has(at));
    if (index === undefined) continue;
    fields[field] = { index, name: header[index]!.trim() };
    taken.add(index);
  }
  const missing = spec.required.filter((field) => !fields[field]);
  if (missing.length)
    throw new ApiError(
      'invalid_request',
      `body: the header row has no ${missing.map((field) => spec.headings[field]).join(' or ')} column, which a ${format} export has`,
    );
  if (!fields.userId && !fields.email && !fields.personId)
    throw new ApiError('invalid_request', `body: the header row names no column of who answered (a user id or an email)`);
  const traits = prefixedColumns(header, spec.traitPrefixes, taken);
  const accountTraits = prefixedColumns(header, spec.accountTraitPrefixes, taken);
  return { format, fields, traits, accountTraits, userId: spec.userId, locale: spec.locale ?? languageTag };
}
