import { CsvError, parse } from 'csv-parse/sync';
import { ApiError } from '../errors.ts';

/** One record of the file, with the line it starts on (the header is line 1). */
export interface ExportRecord {
  line: number;
  cells: string[];
}

const lineFeed = 0x0a;
const carriageReturn = 0x0d;

/** Counts line breaks (\n, \r\n, a lone \r) from `from` up to `to`, so that each record knows its line. */
function lineCounter(bytes: Uint8Array) {
  let at = 0;
  let line = 1;
  return (offset: number) => {
    // Empty lines before a record are skipped by the parser: the record starts after them.
    let start = offset;
    while (start < bytes.length && (bytes[start] === lineFeed || bytes[start] === carriageReturn)) start++;
    for (; at < start; at++) {
      if (bytes[at] === lineFeed || (bytes[at] === carriageReturn && bytes[at + 1] !== lineFeed)) line++;
    }
    return line;
  };
}

const csvProblems: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: 'a quoted cell is never closed',
  CSV_INVALID_CLOSING_QUOTE: 'a quoted cell goes on after its closing quote',
  INVALID_OPENING_QUOTE: 'a quote in the middle of a cell that is not quoted (quote the cell and double the quote)',
};

/**
 * The header row and records of a CSV file: UTF-8 with or without a byte-order mark, lines ended
 * by CRLF or LF (even mixed), quoted cells holding commas and line breaks. A file that is not CSV
 * at all is a 400 naming the line where it stops being CSV.
 */
export function readExport(bytes: Uint8Array): { header: string[]; records: ExportRecord[] } {
  const lineAt = lineCounter(bytes);
  let parsed: Array<{ record: string[]; info: { bytes: number } }>;
  try {
    parsed = parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), {
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      record_delimiter: ['\r\n', '\n', '\r'],
    }) as unknown as typeof parsed;
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const at = (error as CsvError & { bytes_records?: number }).bytes_records ?? 0;
    throw new ApiError('invalid_request', `body: line ${lineAt(at)} is not CSV: ${csvProblems[error.code] ?? error.message}`);
  }
  const [first, ...rest] = parsed;
  if (!first) throw new ApiError('invalid_request', 'body: the file is empty; send the export with its header row');
  let offset = first.info.bytes;
  const records = rest.map(({ record, info }) => {
    const line = lineAt(offset);
    offset = info.bytes;
    return { line, cells: record };
  });
  return { header: first.record, records };
}
