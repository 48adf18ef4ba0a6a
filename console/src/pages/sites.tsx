import type { SiteAnswer } from '@tenpoint/shared';
import { useState } from 'preact/hooks';
import { api } from '../api.ts';
import { can } from '../roles.ts';
import { href } from '../router.ts';
import { useWorkspace } from '../shell/workspace.ts';
import type { Site, SiteCreated } from '../types.ts';
import { Field, FormProblem, Submit, useAction } from '../ui/form.tsx';
import { PageTitle } from '../ui/page-title.tsx';
import { SecretOnce } from '../ui/secret-once.tsx';

/** The organization's sites; admins make new ones, or claim one made on the command line. */
export function Sites() {
  const { organization, sites, role } = useWorkspace();
  return (
    <>
      <PageTitle title={`Sites · ${organization.name}`}>Sites</PageTitle>
      {sites.length === 0 ? (
        <p>
          {organization.name} has no site yet.{' '}
          {can.manage(role) ? 'Make one below: a site is one product of yours that shows the survey.' : 'An admin can make one.'}
        </p>
      ) : (
        <ul class="site-list" aria-label="Sites">
          {sites.map((site) => (
            <SiteItem key={site.id} site={site} />
          ))}
        </ul>
      )}
      {can.manage(role) && (
        <>
          <CreateSite />
          <ClaimSite />
        </>
      )}
      <p class="hint">
        Working for another company too? <a href={href('/organizations/new')}>Make another organization</a>
      </p>
    </>
  );
}

function SiteItem({ site }: { site: Site }) {
  return (
    <li class="card site-item">
      <h2>{site.name}</h2>
      <p class="hint">
        <span class="mono">{site.siteKey}</span> · {site.allowedOrigins.length ? site.allowedOrigins.join(', ') : 'no origin allowed yet'}
        {site.testMode ? ' · test mode' : ''}
      </p>
      <p class="actions">
        {(['dashboard', 'install', 'settings'] as const).map((page) => (
          <a key={page} href={href(`/sites/${site.id}/${page}`)}>
            {page[0]!.toUpperCase() + page.slice(1)}
            <span class="visually-hidden"> of {site.name}</span>
          </a>
        ))}
      </p>
    </li>
  );
}

function CreateSite() {
  const { organization, reloadSites } = useWorkspace();
  const [name, setName] = useState('');
  const [origins, setOrigins] = useState('');
  const [made, setMade] = useState<SiteCreated>();
  const action = useAction();
  if (made) {
    return (
      <section class="card" aria-labelledby="site-made-title">
        <h2 id="site-made-title">{made.site.name} is ready</h2>
        <p>
          Its site key, for the snippet, is <span class="mono">{made.site.siteKey}</span>. Its secret key reads its scores through the API
          from your servers.
        </p>
        <SecretOnce id="new-site-secret" label="Secret key" value={made.secretKey} />
        <p class="actions">
          <a class="button" href={href(`/sites/${made.site.id}/install`)}>
            Install the widget
          </a>
          <button type="button" class="quiet" onClick={() => setMade(undefined)}>
            Make another site
          </button>
        </p>
      </section>
    );
  }
  return (
    <section class="card" aria-labelledby="new-site-title">
      <h2 id="new-site-title">New site</h2>
      <form
        class="stack"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void action.run(async () => {
            const list = origins
              .split('\n')
              .map((line) => line.trim())
              .filter(Boolean);
            setMade(await api.post<SiteCreated>(`/v1/organizations/${organization.id}/sites`, { name: name.trim(), origins: list }));
            setName('');
            setOrigins('');
            reloadSites();
          });
        }}
      >
        <Field
          id="site-name"
          label="Name"
          hint="Your product, e.g. Acme invoicing."
          value={name}
          onInput={setName}
          error={action.fieldError('name')}
        />
        <Field
          id="site-origins"
          label="Allowed origins"
          hint="One a line, e.g. https://app.acme.io: the pages where the widget may run."
          multiline
          value={origins}
          onInput={setOrigins}
          error={action.fieldError('origins')}
        />
        <FormProblem action={action} fields={['name', 'origins']} />
        <Submit busy={action.busy}>Make the site</Submit>
      </form>
    </section>
  );
}

function ClaimSite() {
  const { organization, reloadSites } = useWorkspace();
  const [secretKey, setSecretKey] = useState('');
  const [claimed, setClaimed] = useState<SiteAnswer>();
  const action = useAction();
  return (
    <section class="card" aria-labelledby="claim-title">
      <h2 id="claim-title">Claim a site made on the command line</h2>
      <form
        class="stack"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void action.run(async () => {
            setClaimed(await api.post<SiteAnswer>(`/v1/organizations/${organization.id}/sites/claim`, { secretKey: secretKey.trim() }));
            setSecretKey('');
            reloadSites();
          });
        }}
      >
        <Field
          id="claim-secret"
          label="The site's secret key"
          type="password"
          autocomplete="off"
          hint="The sk_… key that pnpm tenpoint sites create printed."
          value={secretKey}
          onInput={setSecretKey}
          error={action.fieldError('secretKey')}
        />
        <FormProblem action={action} fields={['secretKey']} />
        <Submit busy={action.busy}>Claim the site</Submit>
        {claimed && (
          <p role="status">
            {claimed.name} now belongs to {organization.name}.
          </p>
        )}
      </form>
    </section>
  );
}
