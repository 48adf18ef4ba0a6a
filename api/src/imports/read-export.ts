import { Readable } from 'node:stream';
import { CsvError, type Options, parse } from 'csv-parse';
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

// Fed to the parser a slice at a time, so that a 20 MB file never holds the event loop for long.
const sliceBytes = 256 * 1024;

function* slices(bytes: Uint8Array) {
  for (let start = 0; start < bytes.length; start += sliceBytes) yield Buffer.from(bytes.subarray(start, start + sliceBytes));
}

/**
 * The header row and records of a CSV file: UTF-8 with or without a byte-order mark, lines ended
 * by CRLF or LF (even mixed), quoted cells holding commas and line breaks. A file that is not CSV
 * at all is a 400 naming the line where it stops being CSV.
 */
export async function readExport(bytes: Uint8Array): Promise<{ header: string[]; records: ExportRecord[] }> {
  const lineAt = lineCounter(bytes);
  // Where the last record the parser made ends: on an error, it may be ahead of the records read.
  let parsedUpTo = 0;
  const parser = Readable.from(slices(bytes)).pipe(
    parse({
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      record_delimiter: ['\r\n', '\n', '\r'],
      on_record: ((record: string[], context: { bytes: number }) => {
        parsedUpTo = context.bytes;
        return { record, end: context.bytes };
      }) as unknown as Options['on_record'],
    } satisfies Options),
  );
  let header: string[] | undefined;
  let offset = 0;
  const records: ExportRecord[] = [];
  try {
    for await (const { record, end } of parser as AsyncIterable<{ record: string[]; end: number }>) {
      if (header) records.push({ line: lineAt(offset), cells: record });
      else header = record;
      offset = end;
    }
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    throw new ApiError('invalid_request', `body: line ${lineAt(parsedUpTo)} is not CSV: ${csvProblems[error.code] ?? error.message}`);
  }
  if (!header) throw new ApiError('invalid_request', 'body: the file is empty; send the export with its header row');
  return { header, records };
}
