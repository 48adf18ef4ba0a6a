import type { WebhookAnswer } from '@tenpoint/shared';
import { useState } from 'preact/hooks';
import { api } from '../api.ts';
import { can } from '../roles.ts';
import { href, navigate, useRoute } from '../router.ts';
import { useWorkspace } from '../shell/workspace.ts';
import type { List, Site } from '../types.ts';
import { PageTitle } from '../ui/page-title.tsx';
import { useLoad } from '../use-load.ts';
import { WebhookDetail, webhookPath } from './webhook-detail.tsx';
import { WebhookForm } from './webhook-form.tsx';
import { when } from './when.ts';

/** The site's webhook subscriptions: listed, made, changed, tested, and their delivery logs. */
export function Webhooks({ site }: { site: Site }) {
  const id = useRoute().query.get('id');
  const [created, setCreated] = useState<{ id: string; secret: string }>();
  if (id === 'new') {
    return (
      <>
        <PageTitle title={`New webhook · ${site.name}`}>New webhook</PageTitle>
        <p>
          <a href={href(webhookPath(site.id))}>All webhooks</a>
        </p>
        <WebhookForm
          site={site}
          onSaved={(webhook) => {
            setCreated({ id: webhook.id, secret: webhook.secret ?? '' });
            navigate(webhookPath(site.id, webhook.id));
          }}
        />
      </>
    );
  }
  if (id) {
    const secret = created?.id === id ? created.secret : undefined;
    return <WebhookDetail key={id} site={site} id={id} newSecret={secret} onSecretSaved={() => setCreated(undefined)} />;
  }
  return <WebhookList site={site} />;
}

function WebhookList({ site }: { site: Site }) {
  const { role } = useWorkspace();
  const webhooks = useLoad(() => api.get<List<WebhookAnswer>>('/v1/webhooks', {}, site.id), [site.id]);
  return (
    <>
      <PageTitle title={`Webhooks · ${site.name}`}>Webhooks</PageTitle>
      <p>Each new response or decline is POSTed, signed, to the URLs that subscribe to it; a failed delivery is retried for a day.</p>
      {can.manage(role) && (
        <p>
          <a class="button" href={href(webhookPath(site.id, 'new'))}>
            New webhook
          </a>
        </p>
      )}
      <section class="card" aria-labelledby="webhooks-title">
        <h2 id="webhooks-title">Subscriptions</h2>
        {webhooks.error && <p role="alert">{webhooks.error}</p>}
        {!webhooks.data ? (
          !webhooks.error && <p role="status">Loading webhooks…</p>
        ) : webhooks.data.data.length === 0 ? (
          <p>No webhook: nothing is sent anywhere.</p>
        ) : (
          <ul class="rows" aria-label="Webhooks">
            {webhooks.data.data.map((webhook) => (
              <li key={webhook.id}>
                <div>
                  <a class="mono" href={href(webhookPath(site.id, webhook.id))}>
                    {webhook.url}
                  </a>
                  <p class="hint">
                    {webhook.events.join(', ')} · {webhook.format === 'slack' ? 'Slack message' : 'JSON event'} · made{' '}
                    {when(webhook.createdAt)}
                  </p>
                </div>
                <span class="badge">{webhook.paused ? `Paused: ${webhook.pausedReason ?? 'by you'}` : 'Active'}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
