import { defineConfig } from 'vitest/config';

// CI collects results as JSON to total every suite in one line (see .ci/run).
const resultsDir = process.env.TENPOINT_TEST_RESULTS;

export default defineConfig({
  test: {
    projects: ['*/vitest.config.ts', 'widget/npm/vitest.config.ts'],
    reporters: resultsDir ? ['default', 'json'] : ['default'],
    outputFile: resultsDir ? { json: `${resultsDir}/vitest.json` } : {},
  },
});
