import type { WebhookAnswer } from '@tenpoint/shared';
import { useState } from 'preact/hooks';
import { api } from '../api.ts';
import { can } from '../roles.ts';
import { href, navigate } from '../router.ts';
import { useWorkspace } from '../shell/workspace.ts';
import type { Site } from '../types.ts';
import { ConfirmStep } from '../ui/confirm-step.tsx';
import { FormProblem, useAction } from '../ui/form.tsx';
import { PageTitle } from '../ui/page-title.tsx';
import { CopyButton, SecretOnce } from '../ui/secret-once.tsx';
import { useLoad } from '../use-load.ts';
import { WebhookDeliveries } from './webhook-deliveries.tsx';
import { WebhookForm } from './webhook-form.tsx';

/** Where one subscription's page is: `?id=new` makes one. */
export const webhookPath = (siteId: string, id?: string) => `/sites/${siteId}/webhooks${id ? `?id=${id}` : ''}`;

interface TestResult {
  delivered: boolean;
  status: number | null;
  error: string | null;
}

interface DetailProps {
  site: Site;
  id: string;
  /** The secret of a subscription just made, shown this once. */
  newSecret?: string | undefined;
  onSecretSaved: () => void;
}

/** One subscription: its state, test sends, secret, settings and delivery log. */
export function WebhookDetail({ site, id, newSecret, onSecretSaved }: DetailProps) {
  const { role } = useWorkspace();
  const [count, setCount] = useState(0);
  const loaded = useLoad(() => api.get<WebhookAnswer>(`/v1/webhooks/${id}`, {}, site.id), [site.id, id, count]);
  const reload = () => setCount((value) => value + 1);
  const webhook = loaded.data;
  return (
    <>
      <PageTitle title={`Webhook · ${site.name}`}>Webhook</PageTitle>
      <p>
        <a href={href(webhookPath(site.id))}>All webhooks</a>
      </p>
      {newSecret && (
        <section class="card" aria-labelledby="webhook-secret-once">
          <h2 id="webhook-secret-once">The signing secret of the new webhook</h2>
          <p>Your receiver checks each delivery's Tenpoint-Signature header with it.</p>
          <SecretOnce id="webhook-new-secret" label="Signing secret" value={newSecret} onDone={onSecretSaved} />
        </section>
      )}
      {loaded.error && <p role="alert">{loaded.error}</p>}
      {!webhook ? (
        !loaded.error && <p role="status">Loading the webhook…</p>
      ) : (
        <>
          <State site={site} webhook={webhook} manage={can.manage(role)} onChanged={reload} />
          <WebhookDeliveries site={site} webhookId={webhook.id} manage={can.manage(role)} />
          <Secret site={site} webhook={webhook} manage={can.manage(role)} onChanged={reload} />
          {can.manage(role) && <WebhookForm key={count} site={site} webhook={webhook} onSaved={reload} />}
        </>
      )}
    </>
  );
}

interface PartProps {
  site: Site;
  webhook: WebhookAnswer;
  manage: boolean;
}

function State({ site, webhook, manage, onChanged }: PartProps & { onChanged: () => void }) {
  const action = useAction();
  const [tested, setTested] = useState<TestResult>();
  const [deleting, setDeleting] = useState(false);
  const path = `/v1/webhooks/${webhook.id}`;
  const setPaused = (paused: boolean) =>
    action.run(async () => {
      await api.patch(path, { paused }, site.id);
      onChanged();
    });
  return (
    <section class="card" aria-labelledby="webhook-state-title">
      <h2 id="webhook-state-title" class="mono">
        {webhook.url}
      </h2>
      <p>
        <span class="badge">{webhook.paused ? 'Paused' : 'Active'}</span>{' '}
        {webhook.paused ? (webhook.pausedReason ?? '') : `Sends ${webhook.events.join(', ')}.`}
      </p>
      {manage && (
        <div class="actions">
          <button type="button" class="quiet" disabled={action.busy} onClick={() => void setPaused(!webhook.paused)}>
            {webhook.paused ? 'Resume' : 'Pause'}
          </button>
          <button
            type="button"
            class="quiet"
            disabled={action.busy}
            onClick={() => void action.run(async () => setTested(await api.post<TestResult>(`${path}/test`, {}, site.id)))}
          >
            Send a test
          </button>
          <button type="button" class="quiet danger-text" onClick={() => setDeleting(true)}>
            Delete
          </button>
        </div>
      )}
      {tested && (
        <p role="status">
          {tested.delivered
            ? `The test reached the receiver: it answered ${tested.status}.`
            : `The test did not get through: ${tested.error ?? `answered ${tested.status}`}.`}
        </p>
      )}
      {deleting && (
        <ConfirmStep
          button="Delete the webhook"
          busy={action.busy}
          onCancel={() => setDeleting(false)}
          onConfirm={() =>
            void action.run(async () => {
              await api.delete(path, {}, site.id);
              navigate(webhookPath(site.id));
            })
          }
        >
          The subscription and its delivery log go; deliveries not yet sent are dropped.
        </ConfirmStep>
      )}
      <FormProblem action={action} />
    </section>
  );
}

function Secret({ site, webhook, manage, onChanged }: PartProps & { onChanged: () => void }) {
  const action = useAction();
  const [secret, setSecret] = useState<string>();
  const [rotating, setRotating] = useState(false);
  const path = `/v1/webhooks/${webhook.id}/secret`;
  return (
    <section class="card" aria-labelledby="webhook-secret-title">
      <h2 id="webhook-secret-title">Signing secret</h2>
      <p>
        Receivers check the Tenpoint-Signature header with it. This one ends <span class="mono">{webhook.secretHint}</span>.
      </p>
      {secret && (
        <div class="copy-row">
          <label for="webhook-secret">Signing secret</label>{' '}
          <input id="webhook-secret" class="mono" readOnly value={secret} onFocus={(event) => event.currentTarget.select()} />
          <CopyButton text={secret} />
        </div>
      )}
      {manage && !rotating && (
        <div class="actions">
          {!secret && (
            <button
              type="button"
              class="quiet"
              onClick={() => void action.run(async () => setSecret((await api.get<{ secret: string }>(path, {}, site.id)).secret))}
            >
              Show the secret
            </button>
          )}
          <button type="button" class="quiet" onClick={() => setRotating(true)}>
            Rotate the secret
          </button>
        </div>
      )}
      {rotating && (
        <ConfirmStep
          button="Replace the secret"
          busy={action.busy}
          onCancel={() => setRotating(false)}
          onConfirm={() =>
            void action.run(async () => {
              setSecret((await api.post<{ secret: string }>(`${path}/rotate`, {}, site.id)).secret);
              setRotating(false);
              onChanged();
            })
          }
        >
          A new secret signs every delivery from now on; receivers holding the old one fail their check at once.
        </ConfirmStep>
      )}
      <FormProblem action={action} />
    </section>
  );
}
