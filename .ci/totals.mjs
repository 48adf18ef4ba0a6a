// Totals every suite's JSON results into the one closing line CI reads: "N passed, N failed, N skipped".
// Usage: node .ci/totals.mjs RESULTS_DIR... ; exits 1 when a browser test was skipped or none ran.
import { existsSync, readFileSync } from 'node:fs';

let passed = 0;
let failed = 0;
let skipped = 0;
let browserProblem = '';

for (const dir of process.argv.slice(2)) {
  const vitestFile = `${dir}/vitest.json`;
  if (existsSync(vitestFile)) {
    const vitest = JSON.parse(readFileSync(vitestFile, 'utf8'));
    passed += vitest.numPassedTests;
    failed += vitest.numFailedTests;
    skipped += vitest.numPendingTests + vitest.numTodoTests;
  } else {
    failed += 1;
    console.log(`${dir}: the unit and API tests did not run (no ${vitestFile})`);
  }
  const playwrightFile = `${dir}/playwright.json`;
  if (existsSync(playwrightFile)) {
    const { stats } = JSON.parse(readFileSync(playwrightFile, 'utf8'));
    passed += stats.expected + stats.flaky;
    failed += stats.unexpected;
    skipped += stats.skipped;
    if (stats.skipped > 0) browserProblem = `${dir}: ${stats.skipped} browser test(s) skipped`;
    if (stats.expected + stats.flaky + stats.unexpected === 0) browserProblem = `${dir}: no browser test ran`;
  } else {
    failed += 1;
    console.log(`${dir}: the browser tests did not run (no ${playwrightFile})`);
  }
}

if (browserProblem) console.log(`browser tests must not be skipped in CI: ${browserProblem}`);
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || browserProblem ? 1 : 0);
