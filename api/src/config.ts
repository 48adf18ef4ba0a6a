import { z } from 'zod';
import { invalidRange, type TrustProxy } from './middleware/client-address.ts';
import { defaultRateLimits, type RateLimits } from './middleware/rate-limit.ts';
import { type LogLevel, logLevels } from './observability/logger.ts';

const configSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(8787),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// (or leave it unset for the embedded database)')
    .optional(),
  TENPOINT_DATA_DIR: z.string().min(1).default('.data'),
  TENPOINT_RATE_LIMIT_PER_ADDRESS: z.coerce.number().positive().default(defaultRateLimits.perAddress),
  TENPOINT_RATE_LIMIT_PER_SITE: z.coerce.number().positive().default(defaultRateLimits.perSite),
  TENPOINT_TRUST_PROXY: z
    .string()
    .default('false')
    .transform((value, context): TrustProxy => {
      if (value === 'false') return false;
      if (value === 'true') return 1;
      if (/^\d+$/.test(value)) return Number(value);
      const ranges = value.split(',').map((range) => range.trim());
      if (ranges.every((range) => range.includes('/')) && !invalidRange(ranges)) return ranges;
      context.addIssue({
        code: 'custom',
        message: 'must be true, false, a number of proxies or a comma-separated list of CIDR ranges (e.g. 10.0.0.0/8)',
      });
      return z.NEVER;
    }),
  TENPOINT_FAILED_AUTH_PER_MINUTE: z.coerce.number().int().positive().default(defaultRateLimits.failedAuthPerMinute!),
  TENPOINT_ALLOW_PRIVATE_WEBHOOKS: z.enum(['true', 'false'], 'must be true or false').default('false'),
  TENPOINT_SHUTDOWN_TIMEOUT: z.coerce.number().min(0).max(3600).default(10),
  TENPOINT_LOG_LEVEL: z.enum(logLevels, `must be one of ${logLevels.join(', ')}`).default('info'),
  TENPOINT_METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters (it guards /metrics)').optional(),
  TENPOINT_DASHBOARD_URL: z.url("must be the console's address, e.g. https://tenpoint.example/app").optional(),
  TENPOINT_PUBLIC_URL: z
    .url({ protocol: /^https?$/, error: 'must be the address people reach this API at, e.g. https://tenpoint.example' })
    .optional(),
  TENPOINT_AUTH_SECRET: z.string().min(32, 'must be at least 32 characters (it signs the console sign-in cookies)').optional(),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must look like smtp://user:password@mail.example.com:587 (or leave it unset to keep email in the outbox)')
    .optional(),
  TENPOINT_EMAIL_FROM: z.string().min(3).default('Tenpoint <no-reply@tenpoint.invalid>'),
});

export interface Config {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  rateLimits: RateLimits;
  /** Webhooks to loopback and private addresses: for development and tests only. */
  allowPrivateWebhooks: boolean;
  dashboardUrl: string | undefined;
  /** Where people reach this API: links in email, and Secure cookies when it is https. */
  publicUrl: string;
  /** Signs console cookies; made and kept in the database when unset. */
  authSecret: string | undefined;
  /** Email goes out through this SMTP server; unset, it is kept in the outbox and its link logged. */
  smtpUrl: string | undefined;
  emailFrom: string;
  logLevel: LogLevel;
  /** /metrics is served only with this set, to requests that carry it as a Bearer token. */
  metricsToken: string | undefined;
  /** How long a stop signal lets requests in flight finish before cutting them. */
  shutdownTimeoutMs: number;
}

export class ConfigError extends Error {}

/** Reads the environment once at start; a bad value names its variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const withoutBlanks = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const parsed = configSchema.safeParse(withoutBlanks);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(`${issue?.path.join('.')}: ${issue?.message}`);
  }
  const values = parsed.data;
  return {
    port: values.PORT,
    host: values.HOST,
    databaseUrl: values.DATABASE_URL,
    dataDir: values.TENPOINT_DATA_DIR,
    rateLimits: {
      perAddress: values.TENPOINT_RATE_LIMIT_PER_ADDRESS,
      perSite: values.TENPOINT_RATE_LIMIT_PER_SITE,
      trustProxy: values.TENPOINT_TRUST_PROXY,
      failedAuthPerMinute: values.TENPOINT_FAILED_AUTH_PER_MINUTE,
    },
    allowPrivateWebhooks: values.TENPOINT_ALLOW_PRIVATE_WEBHOOKS === 'true',
    dashboardUrl: values.TENPOINT_DASHBOARD_URL,
    publicUrl: (values.TENPOINT_PUBLIC_URL ?? `http://${values.HOST}:${values.PORT}`).replace(/\/+$/, ''),
    authSecret: values.TENPOINT_AUTH_SECRET,
    smtpUrl: values.SMTP_URL,
    emailFrom: values.TENPOINT_EMAIL_FROM,
    logLevel: values.TENPOINT_LOG_LEVEL,
    metricsToken: values.TENPOINT_METRICS_TOKEN,
    shutdownTimeoutMs: values.TENPOINT_SHUTDOWN_TIMEOUT * 1000,
  };
}
