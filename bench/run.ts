import { killAllChildren } from './child-process.ts';

const benches: Record<string, { about: string; run: (args: string[]) => Promise<number> }> = {
  ingest: {
    about: 'durable responses per second and p50/p99 against a bare Hono endpoint; eligibility p99 at a fixed rate',
    run: async (args) => (await import('./ingest.ts')).runIngest(args),
  },
  eligibility: {
    about: "POST /v1/eligibility as a site's visitors call it (100,000 users, the widget's memory): CPU, p99, highest rate, overload",
    run: async (args) => (await import('./eligibility.ts')).runEligibility(args),
  },
  import: {
    about: 'importing a 100,000-row export (dry run, import, the same again, fold) on PGlite and on Postgres',
    run: async (args) => (await import('./import.ts')).runImport(args),
  },
  scores: {
    about: 'scores queries from the tallies against scanning 10M responses; bulk load and fold times',
    run: async (args) => (await import('./scores.ts')).runScores(args),
  },
};

const usage = `Usage: pnpm bench <name> [options]   (pnpm bench <name> --help for its options)

${Object.entries(benches)
  .map(([name, { about }]) => `  ${name.padEnd(12)} ${about}`)
  .join('\n')}

Benchmarks print figures; they are not tests and assert nothing about speed.`;

process.on('exit', killAllChildren);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    killAllChildren();
    process.exit(130);
  });
}

const [name, ...args] = process.argv.slice(2).filter((arg, i) => !(i === 0 && arg === '--'));
const bench = name === undefined ? undefined : benches[name];
if (!bench) {
  const helpWanted = name === undefined || name === '--help' || name === '-h';
  (helpWanted ? console.log : console.error)(helpWanted ? usage : `bench: unknown benchmark ${name}\n\n${usage}`);
  process.exit(helpWanted ? 0 : 2);
}
try {
  process.exitCode = await bench.run(args);
} catch (error) {
  console.error(`bench: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
killAllChildren();
process.exit();
