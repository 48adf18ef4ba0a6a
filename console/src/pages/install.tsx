import { useState } from 'preact/hooks';
import type { Site } from '../types.ts';
import { PageTitle } from '../ui/page-title.tsx';
import { CopyButton } from '../ui/secret-once.tsx';
import { Tabs } from '../ui/tabs.tsx';
import { IdentityVerification } from './identity.tsx';
import { InstallCheck } from './install-check.tsx';
import { type SnippetKind, snippetKinds, snippetOf } from './install-snippets.ts';
import { SwitchingFromWootric } from './switching-from-wootric.tsx';

/** How to put the widget on the site's pages, how to verify users, and whether it works yet. */
export function Install({ site }: { site: Site }) {
  const [kind, setKind] = useState<SnippetKind>('html');
  const [verified, setVerified] = useState(site.enforceIdentity);
  const snippet = snippetOf(kind, { siteKey: site.siteKey, apiOrigin: location.origin, verified });
  return (
    <>
      <PageTitle title={`Install · ${site.name}`}>Install the widget</PageTitle>
      <section class="card" aria-labelledby="snippet-title">
        <h2 id="snippet-title">1. Paste the snippet</h2>
        <p>
          With your signed-in user's details, on every page of{' '}
          {site.allowedOrigins.length ? site.allowedOrigins.join(', ') : 'your product'}. Call <code>tenpoint('run')</code> again on every
          route change of a single-page app.
        </p>
        <Tabs id="snippet" label="Front end" tabs={snippetKinds} current={kind} onChange={setKind}>
          <pre class="code" data-testid="snippet">
            <code>{snippet}</code>
          </pre>
          <CopyButton text={snippet} label="Copy the snippet" />
        </Tabs>
      </section>
      <IdentityVerification site={site} onEnforce={setVerified} />
      <InstallCheck site={site} />
      <SwitchingFromWootric site={site} />
    </>
  );
}
