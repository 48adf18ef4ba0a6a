import { ensureTeamFor, loadConfig, runUntilStopped, startApi } from '@tenpoint/api';
import { serveDemoSite } from '@tenpoint/demo-site/server';
import { seedDemoData } from './demo-data.ts';
import { seedDemoFollowUps } from './demo-follow-ups.ts';
import { ensureDemoSite } from './demo-keys.ts';

// `pnpm start`: the API and the demo site in one process, so both share the embedded database.
// `pnpm start` is for development: webhooks may go to a receiver on this machine, and chat
// messages link to the console. A deployed API (`pnpm start:api`) refuses private addresses.
process.env.TENPOINT_ALLOW_PRIVATE_WEBHOOKS ||= 'true';
// A JSON line per request would bury the addresses printed below; errors still show.
process.env.TENPOINT_LOG_LEVEL ||= 'warn';
process.env.TENPOINT_DASHBOARD_URL ||= `http://${process.env.HOST || '127.0.0.1'}:${process.env.PORT || 8787}/app`;

// The demo's team: its owner has no password and signs in by the one-time link printed below.
const demoOwner = { email: 'demo@example.com', name: 'Demo owner', organizationName: 'Ledgerly (demo)' };

await runUntilStopped(async () => {
  const config = loadConfig();
  const demoPort = Number(process.env.DEMO_PORT ?? 5173);
  const api = await startApi(config);
  try {
    const demoOrigins = [`http://${config.host}:${demoPort}`, `http://localhost:${demoPort}`];
    const keys = await ensureDemoSite(api.database.db, config.dataDir, demoOrigins);
    const seeded = await seedDemoData(api.database.db, keys.siteId, keys.surveyId);
    const team = await ensureTeamFor(api.database.db, { ...demoOwner, siteId: keys.siteId });
    // After the team: the demo's owner followed its detractors up.
    if (seeded) await seedDemoFollowUps(api.database.db, keys.siteId);
    const signInLink = await api.auth.signInLink(demoOwner.email);
    const newTeam = team.created ? ' (new)' : '';
    const demo = await serveDemoSite({ port: demoPort, host: config.host, apiUrl: api.url, siteKey: keys.siteKey });
    const database = api.database.kind === 'embedded' ? `embedded Postgres in ${config.dataDir}` : 'Postgres at DATABASE_URL';
    console.log(`
Tenpoint is running (${database})
  Demo site   ${demo.url}     an invoicing app with the widget pasted in
  Console     ${signInLink}
              signs you in once, within an hour, as ${demoOwner.email}, owner of ${demoOwner.organizationName}${newTeam}:
              the demo site's scores${seeded ? ', with six months of sample responses added just now' : ''}; each start prints a new link
  API         ${api.url}
  Widget      ${api.url}/widget.js

Demo site keys${keys.created ? ' (new)' : ''}, also in ${config.dataDir}/demo-site.json:
  siteKey     ${keys.siteKey}
  secretKey   ${keys.secretKey}
  surveyId    ${keys.surveyId}

Answer the survey on the demo site, then read the score:
  curl -H "Authorization: Bearer ${keys.secretKey}" ${api.url}/v1/scores
`);
    return {
      close: async () => {
        await demo.close();
        await api.close();
      },
    };
  } catch (error) {
    await api.close();
    throw error;
  }
});
