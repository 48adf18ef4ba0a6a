import { z } from 'zod';

const configSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(8787),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// (or leave it unset for the embedded database)')
    .optional(),
  TENPOINT_DATA_DIR: z.string().min(1).default('.data'),
});

export interface Config {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
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
  const { PORT, HOST, DATABASE_URL, TENPOINT_DATA_DIR } = parsed.data;
  return { port: PORT, host: HOST, databaseUrl: DATABASE_URL, dataDir: TENPOINT_DATA_DIR };
}
