import { type DestinationStream, type Logger, pino } from 'pino';

export type { Logger };
export const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof logLevels)[number];

/** One JSON object a line: time, level, message and fields (never a request's body or a query's parameters). */
export function createLogger(level: LogLevel = 'info', destination?: DestinationStream): Logger {
  const options = {
    level,
    base: { service: 'tenpoint-api' },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label: string) => ({ level: label }) },
  };
  return destination ? pino(options, destination) : pino(options);
}

const firstLine = (text: string, max = 300) => text.split('\n', 1)[0]!.slice(0, max);

/**
 * What an error log line may say about an error. A failed drizzle query's message ends with its
 * parameters and a database error's message may quote a value: both are left out, the SQL text,
 * the SQLSTATE and where in our code it was thrown are kept.
 */
export function errorFields(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { type: typeof error };
  const fields: Record<string, unknown> = { type: error.constructor.name || error.name };
  const details = error as Error & { code?: unknown; query?: unknown; params?: unknown; severity?: unknown; routine?: unknown };
  if (typeof details.code === 'string') fields.code = details.code;
  // A SQLSTATE-shaped code marks a database error too: its message can quote a stored value.
  const fromDatabase =
    typeof details.query === 'string' ||
    details.params !== undefined ||
    details.severity !== undefined ||
    /^[0-9A-Z]{5}$/.test(String(details.code));
  if (typeof details.query === 'string') fields.query = firstLine(details.query);
  if (typeof details.routine === 'string') fields.routine = details.routine;
  if (!fromDatabase) fields.message = firstLine(error.message);
  const frames = error.stack?.split('\n').filter((line) => line.trim().startsWith('at ')) ?? [];
  const at = frames.find((line) => !line.includes('node_modules')) ?? frames[0];
  if (at) fields.at = at.trim().slice(3, 200);
  if (error.cause !== undefined && error.cause !== error) fields.cause = errorFields(error.cause);
  return fields;
}
