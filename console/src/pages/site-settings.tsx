import { useState } from 'preact/hooks';
import { api } from '../api.ts';
import { can } from '../roles.ts';
import { navigate } from '../router.ts';
import { useWorkspace } from '../shell/workspace.ts';
import type { Site } from '../types.ts';
import { ConfirmByName } from '../ui/confirm-name.tsx';
import { Field, FormProblem, Submit, useAction } from '../ui/form.tsx';
import { PageTitle } from '../ui/page-title.tsx';

/** The site's name, test mode and allowed origins; deleting it with its data. */
export function SiteSettings({ site }: { site: Site }) {
  const { role, organization } = useWorkspace();
  const manage = can.manage(role);
  return (
    <>
      <PageTitle title={`Settings · ${site.name}`}>Site settings</PageTitle>
      {!manage && <p class="hint">Read only: your role ({role}) can see these settings; an admin or the owner can change them.</p>}
      <NameAndTestMode site={site} manage={manage} />
      <Origins site={site} manage={manage} />
      {manage && (
        <section class="card danger-zone" aria-labelledby="delete-site-title">
          <h2 id="delete-site-title">Delete this site</h2>
          <p>Its surveys, responses, users, keys and webhooks go with it, for good. The widget on its pages stops at once.</p>
          <DeleteSite site={site} after={`/organizations/${organization.id}/sites`} />
        </section>
      )}
    </>
  );
}

function NameAndTestMode({ site, manage }: { site: Site; manage: boolean }) {
  const { reloadSites } = useWorkspace();
  const [name, setName] = useState(site.name);
  const [testMode, setTestMode] = useState(site.testMode);
  const [saved, setSaved] = useState(false);
  const action = useAction();
  return (
    <section class="card" aria-labelledby="site-general-title">
      <h2 id="site-general-title">General</h2>
      <form
        class="stack"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          setSaved(false);
          void action.run(async () => {
            await api.patch<Site>('/v1/site', { name: name.trim(), testMode }, site.id);
            setSaved(true);
            reloadSites();
          });
        }}
      >
        <Field id="site-name" label="Name" value={name} onInput={setName} disabled={!manage} error={action.fieldError('name')} />
        <div class="form-field">
          <label class="check">
            <input
              type="checkbox"
              role="switch"
              aria-checked={testMode}
              checked={testMode}
              disabled={!manage}
              aria-describedby="test-mode-hint"
              onChange={(event) => setTestMode(event.currentTarget.checked)}
            />{' '}
            Test mode
          </label>
          <p id="test-mode-hint" class="hint">
            In test mode <code>tenpoint('show')</code> shows the survey whatever the throttles say, and its responses count as test ones.
          </p>
        </div>
        <FormProblem action={action} fields={['name']} />
        {manage && (
          <p>
            <Submit busy={action.busy}>Save</Submit> <span role="status">{saved ? 'Saved.' : ''}</span>
          </p>
        )}
      </form>
    </section>
  );
}

function Origins({ site, manage }: { site: Site; manage: boolean }) {
  const { reloadSites } = useWorkspace();
  const [origins, setOrigins] = useState(site.allowedOrigins);
  const [origin, setOrigin] = useState('');
  const action = useAction();
  const change = (work: () => Promise<Site>) =>
    action.run(async () => {
      setOrigins((await work()).allowedOrigins);
      reloadSites();
    });
  return (
    <section class="card" aria-labelledby="origins-title">
      <h2 id="origins-title">Allowed origins</h2>
      <p class="hint">The widget runs only on pages of these origins (scheme, host and port).</p>
      {origins.length === 0 ? (
        <p>No origin yet: the widget runs nowhere.</p>
      ) : (
        <ul class="rows" aria-label="Allowed origins">
          {origins.map((each) => (
            <li key={each}>
              <span class="mono">{each}</span>
              {manage && (
                <button
                  type="button"
                  class="quiet"
                  aria-label={`Remove ${each}`}
                  onClick={() => void change(() => api.delete<Site>('/v1/site/origins', { origin: each }, site.id))}
                >
                  Remove
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {manage && (
        <form
          class="inline-form"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void change(async () => {
              const answer = await api.post<Site>('/v1/site/origins', { origin: origin.trim() }, site.id);
              setOrigin('');
              return answer;
            });
          }}
        >
          <Field
            id="new-origin"
            label="Add an origin"
            type="url"
            hint="e.g. https://app.acme.io"
            value={origin}
            onInput={setOrigin}
            error={action.fieldError('origin')}
          />
          <Submit busy={action.busy}>Add</Submit>
        </form>
      )}
      <FormProblem action={action} fields={['origin']} />
    </section>
  );
}

function DeleteSite({ site, after }: { site: Site; after: string }) {
  const { reloadSites } = useWorkspace();
  return (
    <ConfirmByName
      id="delete-site"
      name={site.name}
      what="the site"
      button="Delete the site and its data"
      onConfirm={async (typed) => {
        await api.delete('/v1/site', { confirm: typed }, site.id);
        reloadSites();
        navigate(after, true);
      }}
    />
  );
}
