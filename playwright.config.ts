import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from '@playwright/test';
import { freePort } from './scripts/free-port.ts';

// The whole product, started as `pnpm start` starts it, on ports and a data folder of its own:
// free ports picked now unless E2E_API_PORT/E2E_DEMO_PORT/E2E_HOST_PORT are given, and a data folder
// removed when the run ends. Set once here and inherited by the workers, which load this file again.
process.env.E2E_API_PORT ??= String(await freePort());
process.env.E2E_DEMO_PORT ??= String(await freePort());
process.env.E2E_HOST_PORT ??= String(await freePort());
process.env.E2E_SMTP_PORT ??= String(await freePort());
process.env.E2E_MAIL_PORT ??= String(await freePort());
process.env.E2E_REACT_VITE_PORT ??= String(await freePort());
process.env.E2E_VUE_VITE_PORT ??= String(await freePort());
process.env.E2E_NEXTJS_PORT ??= String(await freePort());
if (!process.env.E2E_DATA_DIR) {
  const madeHere = mkdtempSync(join(tmpdir(), 'tenpoint-e2e-'));
  process.env.E2E_DATA_DIR = madeHere;
  // After the web server has stopped (gracefulShutdown below waits for it), nothing writes here.
  process.once('exit', () => rmSync(madeHere, { recursive: true, force: true }));
}
const { E2E_API_PORT: apiPort, E2E_DEMO_PORT: demoPort, E2E_HOST_PORT: hostPort, E2E_DATA_DIR: dataDir } = process.env;
const { E2E_SMTP_PORT: smtpPort, E2E_MAIL_PORT: mailPort } = process.env;
// Preparing the example apps takes a minute or more (several on a first run): only for a run that
// may include their specs, that is one given no spec paths or a path under examples/.
const specPaths = process.argv.slice(2).filter((arg) => !arg.startsWith('-') && /[/.]/.test(arg));
const runsExamples = specPaths.length === 0 || specPaths.some((path) => path.includes('examples'));
const examplesServer = {
  // The example apps (examples/): the packed npm package installed into a React, a Vue and a Next.js
  // app, each type-checked and built by its own tools. A first run installs from the npm registry.
  command: 'pnpm exec tsx examples/e2e/examples-server.ts',
  url: `http://127.0.0.1:${process.env.E2E_REACT_VITE_PORT}/`,
  timeout: 15 * 60_000,
  reuseExistingServer: false,
  stdout: 'pipe' as const,
};

export default defineConfig({
  testDir: '.',
  testMatch: '*/e2e/**/*.spec.ts',
  outputDir: 'test-results',
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 30_000,
  reporter: process.env.TENPOINT_TEST_RESULTS
    ? [['list'], ['json', { outputFile: `${process.env.TENPOINT_TEST_RESULTS}/playwright.json` }]]
    : 'list',
  use: {
    baseURL: `http://127.0.0.1:${demoPort}`,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    // The survey slides in unless the user asks for less motion; tests measure where it settles.
    reducedMotion: 'reduce',
    launchOptions: {
      // Debian's Chromium: Playwright never downloads a browser of its own here.
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
  webServer: [
    {
      // A real SMTP server for the API's email (invitations, confirmations), read back by the tests.
      command: 'pnpm exec tsx console/e2e/mail-catcher.ts',
      url: `http://127.0.0.1:${mailPort}/`,
      timeout: 30_000,
      reuseExistingServer: false,
      env: { E2E_SMTP_PORT: smtpPort!, E2E_MAIL_PORT: mailPort! },
    },
    {
      command: 'pnpm exec tsx scripts/start.ts',
      // The demo site comes up last, once the API is ready and the sample answers are in.
      url: `http://127.0.0.1:${demoPort}/playground`,
      timeout: 90_000,
      reuseExistingServer: false,
      // Stopped as a container runtime would stop it, so that it closes its database before the data folder goes.
      gracefulShutdown: { signal: 'SIGTERM', timeout: 15_000 },
      stdout: 'pipe',
      env: { PORT: apiPort, DEMO_PORT: demoPort, TENPOINT_DATA_DIR: dataDir, HOST: '127.0.0.1', SMTP_URL: `smtp://127.0.0.1:${smtpPort}` },
    },
    {
      // The widget's test pages (widget/e2e/fixtures), on an origin of their own as a vendor's app.
      command: 'pnpm exec tsx widget/e2e/fixture-server.ts',
      // Any page with a site key in its address answers once the server is up.
      url: `http://127.0.0.1:${hostPort}/host?siteKey=pk_ready`,
      timeout: 30_000,
      reuseExistingServer: false,
      stdout: 'pipe',
      env: { E2E_HOST_PORT: hostPort, E2E_API_URL: `http://127.0.0.1:${apiPort}` },
    },
    ...(runsExamples ? [examplesServer] : []),
  ],
});
