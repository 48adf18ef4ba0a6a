import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const apiUrl = `http://127.0.0.1:${process.env.E2E_API_PORT}`;

/** The keys `pnpm start` made for the demo site in the test run's own data folder. */
export function demoKeys(): { siteKey: string; secretKey: string; surveyId: string } {
  return JSON.parse(readFileSync(join(process.env.E2E_DATA_DIR!, 'demo-site.json'), 'utf8'));
}
