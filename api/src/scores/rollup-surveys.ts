import type { Database } from '../db/client.ts';
import type { Survey } from '../db/schema/index.ts';
import { rollupTallies } from './rollup-tallies.ts';
import type { ScoreQuery } from './score-query.ts';
import { mergeTallies, type Tallies } from './tallies.ts';

/** The tallies of several surveys of one type, added up: one score over all of them. */
export async function rollupSurveys(db: Database, query: ScoreQuery, surveys: readonly Survey[]): Promise<Tallies> {
  const [first, ...rest] = await Promise.all(surveys.map((survey) => rollupTallies(db, { ...query, survey })));
  return rest.reduce((into, tallies) => mergeTallies(into, tallies), first!);
}
