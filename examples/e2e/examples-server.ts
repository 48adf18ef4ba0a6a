// The Playwright web server for the example apps: lets them use the demo site (its origins allowed,
// as a vendor allows their app's), then prepares and serves them. Started after the product is up.
import { join } from 'node:path';
import { apiUrl, demoKeys } from '../../demo-site/e2e/demo-keys.ts';
import { prepareExamples } from '../prepare.ts';
import { serveExamples } from '../serve.ts';
import { exampleOrigins, examplePorts } from './example-apps.ts';

const { siteKey, secretKey } = demoKeys();
for (const origin of Object.values(exampleOrigins)) {
  const allowed = await fetch(`${apiUrl}/v1/site/origins`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${secretKey}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ origin }),
  });
  if (!allowed.ok) throw new Error(`allowing ${origin}: ${allowed.status} ${await allowed.text()}`);
}
await prepareExamples({ apiUrl, siteKey });
await serveExamples(examplePorts, { apiUrl, siteKey }, join(process.env.E2E_DATA_DIR!, 'examples-nextjs.log'));
