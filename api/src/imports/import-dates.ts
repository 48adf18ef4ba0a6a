// The earliest date an imported answer may have: NPS itself is from 2003, so an earlier date is a
// mistake in the file (a day-month swap, a zero), not history.
const earliest = Date.UTC(2000, 0, 1);
// A clock a little ahead of ours is not a future answer.
const clockSkewMs = 5 * 60 * 1000;

const isoLike = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|UTC|[+-]\d{2}:?\d{2})?$/i;

function fromIsoLike(text: string): number | undefined {
  const match = isoLike.exec(text);
  if (!match) return undefined;
  const [, year, month, day, hour = '0', minute = '0', second = '0', fraction = '0', zone] = match;
  const date = new Date(0);
  // setUTCFullYear, not Date.UTC: Date.UTC reads years 0 to 99 as 1900 to 1999.
  date.setUTCFullYear(Number(year), Number(month) - 1, Number(day));
  date.setUTCHours(Number(hour), Number(minute), Number(second), Number(fraction.padEnd(3, '0').slice(0, 3)));
  if (date.getUTCMonth() !== Number(month) - 1 || date.getUTCDate() !== Number(day) || Number(hour) > 23 || Number(minute) > 59)
    return undefined;
  let time = date.getTime();
  if (zone && !/^(z|utc)$/i.test(zone)) {
    const [, sign, hours, minutes] = /^([+-])(\d{2}):?(\d{2})$/.exec(zone)!;
    time -= (sign === '-' ? -1 : 1) * (Number(hours) * 60 + Number(minutes)) * 60_000;
  }
  return time;
}

/**
 * When an exported answer was given: ISO 8601 (a date-time without a zone is UTC), `2024-03-05
 * 14:22:11 UTC`, a bare date, or Unix seconds or milliseconds. Answers the instant, or in words
 * why the cell is not one an import can take.
 */
export function readAnswerDate(text: string, now: Date): Date | string {
  const cell = text.trim();
  if (!cell) return 'is empty: every response needs the date it was given';
  const time = /^\d{9,10}$/.test(cell) ? Number(cell) * 1000 : /^\d{12,13}$/.test(cell) ? Number(cell) : fromIsoLike(cell);
  if (time === undefined || !Number.isFinite(time))
    return `must be a date such as 2024-03-05T14:22:00Z, 2024-03-05 14:22:00 UTC or Unix seconds; "${shown(cell)}" is not`;
  if (time < earliest) return `is before 2000 (${new Date(time).toISOString().slice(0, 10)}): is the date right?`;
  if (time > now.getTime() + clockSkewMs) return `is in the future (${shown(cell)}): an answer cannot have been given yet`;
  return new Date(time);
}

/** A cell as a message can quote it: short, on one line. */
export const shown = (cell: string) => {
  const line = cell.replace(/[\r\n\t\u0000]+/g, ' ');
  return line.length > 40 ? `${line.slice(0, 40)}…` : line;
};
