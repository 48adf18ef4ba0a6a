import { ApiError } from '../../errors.ts';

const dayMs = 24 * 60 * 60 * 1000;
const isDateOnly = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value);

/** `from` and `to` as a half-open range; a date-only `to` includes that whole day. */
export function dateRange(from: string | undefined, to: string | undefined): { start?: Date; end?: Date } {
  const start = from ? new Date(from) : undefined;
  const end = to ? new Date(new Date(to).getTime() + (isDateOnly(to) ? dayMs : 0)) : undefined;
  if (start && end && start >= end) throw new ApiError('invalid_request', 'from: must be before to');
  return { start, end };
}
