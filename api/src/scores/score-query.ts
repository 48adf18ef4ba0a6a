import type { Interval, ScoresQuery } from '@tenpoint/shared';
import type { Survey } from '../db/schema/index.ts';
import { ApiError } from '../errors.ts';
import { isSegmentValue, isTraitName, segmentValueRule } from './segments.ts';

/** What one scores request asks, with its dates turned into instants in its time zone. */
export interface ScoreQuery {
  siteId: string;
  survey: Survey;
  /** Half-open: responses at or after `start` and before `end`. */
  start?: Date;
  end?: Date;
  /** When the query was asked, on the app's clock: where a range without `end` stops. */
  askedAt: Date;
  tz: string;
  interval?: Interval;
  /** `account`, `locale` or `trait:NAME` (`trait:account.NAME` for account traits). */
  groupBy?: string;
  /** Trait name (`plan`, `account.plan`) to the value asked for, as text; any name, `__proto__` too. */
  traits: Record<string, string>;
  /** Below this many responses a score is flagged `lowSample`. */
  minSample: number;
  /** Count what was recorded in test mode too. */
  includeTest?: boolean;
}

const dateOnly = /^(\d{4})-(\d{2})-(\d{2})$/;
const hourMs = 3_600_000;

const formats = new Map<string, Intl.DateTimeFormat>();

/** The zone's offset from UTC at `instant`, in milliseconds. */
export function zoneOffsetMs(instant: number, tz: string): number {
  let format = formats.get(tz);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formats.set(tz, format);
  }
  const parts = Object.fromEntries(format.formatToParts(new Date(instant)).map((part) => [part.type, Number(part.value)]));
  const asUtc = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/** Midnight at the start of `date` (YYYY-MM-DD) in `tz`, or the moment a date-time names. */
export function instantOf(value: string, tz: string, nextDay = false): Date {
  const match = dateOnly.exec(value);
  if (!match) return new Date(value);
  const day = new Date(Date.UTC(2000, Number(match[2]) - 1, Number(match[3]) + (nextDay ? 1 : 0)));
  // Date.UTC reads years 0 to 99 as 1900 to 1999; setting the year afterwards does not.
  day.setUTCFullYear(Number(match[1]) + day.getUTCFullYear() - 2000);
  const guess = day.getTime();
  const first = guess - zoneOffsetMs(guess, tz);
  // Across a daylight-saving change the offset at midnight differs from the guess's.
  return new Date(guess - zoneOffsetMs(first, tz));
}

/** The most points a series answers; a longer one is refused, never cut short. */
export const maxSeriesPoints = 20_000;
const bucketDays = { day: 1, week: 7, month: 28 } as const;
const instead = {
  day: 'interval=week or month, or a shorter range',
  week: 'interval=month, or a shorter range',
  month: 'a shorter range',
} as const;

function refuseLongSeries(interval: Interval, start: Date | undefined, end: Date) {
  if (!start) return;
  const endMs = end.getTime();
  const points = Math.ceil((endMs - start.getTime()) / (bucketDays[interval] * 24 * hourMs));
  if (points <= maxSeriesPoints) return;
  throw new ApiError(
    'invalid_request',
    `interval: a series by ${interval} over this range would have about ${points.toLocaleString('en')} points, ` +
      `more than ${maxSeriesPoints.toLocaleString('en')}; ask for ${instead[interval]}`,
  );
}

type QueryFields = Pick<ScoresQuery, 'from' | 'to' | 'tz'> &
  Partial<Pick<ScoresQuery, 'interval' | 'groupBy' | 'minSample' | 'includeTest'>>;

/**
 * The trait a query parameter filters on, in either spelling: `trait[plan]` (OpenAPI's deepObject,
 * what generated clients send) or `trait.plan`; undefined for any other parameter.
 */
export function traitFilterName(key: string): string | undefined {
  if (key.startsWith('trait.')) return key.slice('trait.'.length);
  return /^trait\[([^[\]]*)\]$/.exec(key)?.[1];
}

/** The `trait[NAME]=value` filters of a query string: trait name to the value asked for. */
export function readTraitFilters(raw: Iterable<[string, string]>): Record<string, string> {
  const traits: Record<string, string> = Object.create(null);
  for (const [key, value] of raw) {
    const name = traitFilterName(key);
    if (name === undefined) continue;
    if (!isTraitName(name)) throw new ApiError('invalid_request', `${key}: name a trait, as in trait[plan]=pro or trait.plan=pro`);
    if (!isSegmentValue(value)) throw new ApiError('invalid_request', `${key}: ${segmentValueRule}`);
    if (Object.hasOwn(traits, name))
      throw new ApiError('invalid_request', `${key}: the trait ${name} is given more than once; give it once`);
    traits[name] = value;
  }
  return traits;
}

/**
 * The query as asked: `raw` is the query string itself (URLSearchParams), not an object built from
 * it, where `trait.__proto__` would vanish.
 */
export function readScoreQuery(
  siteId: string,
  survey: Survey,
  query: QueryFields,
  raw: Iterable<[string, string]>,
  askedAt: Date,
): ScoreQuery {
  const start = query.from === undefined ? undefined : instantOf(query.from, query.tz);
  // A date-only `to` includes that whole day.
  const end = query.to === undefined ? undefined : instantOf(query.to, query.tz, true);
  if (start && end && start >= end) throw new ApiError('invalid_request', 'from: must be before to');
  if (query.interval) refuseLongSeries(query.interval, start, end ?? askedAt);
  const traits = readTraitFilters(raw);
  if (query.groupBy?.startsWith('trait:') && !isTraitName(query.groupBy.slice('trait:'.length))) {
    throw new ApiError('invalid_request', 'groupBy: name a trait, as in trait:plan or trait:account.plan');
  }
  return {
    siteId,
    survey,
    start,
    end,
    askedAt,
    tz: query.tz,
    interval: query.interval,
    groupBy: query.groupBy,
    traits,
    minSample: query.minSample ?? 30,
    includeTest: query.includeTest === 'true',
  };
}

/**
 * The instants at which a zone's offset is read to judge it over a range: both ends, and
 * mid-winter and mid-summer of the years they fall in.
 */
export function offsetSamples(start: number, end: number): number[] {
  const years = new Set([start, end].map((instant) => new Date(instant).getUTCFullYear()));
  return [start, end, ...[...years].flatMap((year) => [Date.UTC(year, 0, 15), Date.UTC(year, 6, 15)])];
}

/** Whether the zone is a whole number of hours from UTC over the query's range (winter and summer alike). */
export function hasWholeHourOffsets(query: ScoreQuery): boolean {
  const end = (query.end ?? query.askedAt).getTime();
  return offsetSamples(query.start?.getTime() ?? end, end).every((instant) => zoneOffsetMs(instant, query.tz) % hourMs === 0);
}
