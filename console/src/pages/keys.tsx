import type { SecretKeyAnswer } from '@tenpoint/shared';
import { useState } from 'preact/hooks';
import { api } from '../api.ts';
import { can } from '../roles.ts';
import { useWorkspace } from '../shell/workspace.ts';
import type { List, Site } from '../types.ts';
import { ConfirmStep } from '../ui/confirm-step.tsx';
import { Field, FormProblem, Submit, useAction } from '../ui/form.tsx';
import { PageTitle } from '../ui/page-title.tsx';
import { SecretOnce } from '../ui/secret-once.tsx';
import { useLoad } from '../use-load.ts';
import { when } from './when.ts';

const accessNames = { full: 'Full access', read: 'Read only' } as const;

/** The site's secret keys, for its API from the vendor's servers: made, rotated and revoked here. */
export function Keys({ site }: { site: Site }) {
  const { role } = useWorkspace();
  if (!can.manage(role))
    return (
      <>
        <PageTitle title={`Keys · ${site.name}`}>Secret keys</PageTitle>
        <p>Only admins and the owner see and manage this site's secret keys: the list shows who can reach the site.</p>
      </>
    );
  return <KeyList site={site} />;
}

function KeyList({ site }: { site: Site }) {
  const [count, setCount] = useState(0);
  const keys = useLoad(() => api.get<List<SecretKeyAnswer>>('/v1/keys', {}, site.id), [site.id, count]);
  const [shown, setShown] = useState<{ name: string; secretKey: string }>();
  const reload = () => setCount((value) => value + 1);
  return (
    <>
      <PageTitle title={`Keys · ${site.name}`}>Secret keys</PageTitle>
      <p>Your servers read this site's scores and responses through the API with a secret key. Never put one in a page.</p>
      {shown && (
        <section class="card" aria-labelledby="key-shown-title">
          <h2 id="key-shown-title">The secret key of “{shown.name}”</h2>
          <SecretOnce id="shown-secret" label="Secret key" value={shown.secretKey} onDone={() => setShown(undefined)} />
        </section>
      )}
      <section class="card" aria-labelledby="keys-title">
        <h2 id="keys-title">Keys</h2>
        {keys.error && <p role="alert">{keys.error}</p>}
        {!keys.data ? (
          !keys.error && <p role="status">Loading keys…</p>
        ) : keys.data.data.length === 0 ? (
          <p>No key: nothing reads this site through the API.</p>
        ) : (
          <ul class="rows" aria-label="Keys">
            {keys.data.data.map((key) => (
              <KeyRow key={key.id} siteId={site.id} secret={key} onShow={setShown} onChanged={reload} />
            ))}
          </ul>
        )}
      </section>
      <CreateKey
        siteId={site.id}
        onCreated={(shownKey) => {
          setShown(shownKey);
          reload();
        }}
      />
    </>
  );
}

interface RowProps {
  siteId: string;
  secret: SecretKeyAnswer;
  onShow: (shown: { name: string; secretKey: string }) => void;
  onChanged: () => void;
}

function KeyRow({ siteId, secret, onShow, onChanged }: RowProps) {
  const [confirming, setConfirming] = useState<'revoke' | 'rotate'>();
  const action = useAction();
  const act = () =>
    action.run(async () => {
      if (confirming === 'revoke') await api.delete(`/v1/keys/${secret.id}`, {}, siteId);
      else onShow({ name: secret.name, ...(await api.post<{ secretKey: string }>(`/v1/keys/${secret.id}/rotate`, {}, siteId)) });
      setConfirming(undefined);
      onChanged();
    });
  return (
    <li class="key-row">
      <div>
        <strong>{secret.name}</strong> <span class="badge">{accessNames[secret.access]}</span>
        <p class="hint">
          <span class="mono">{secret.start}…</span> · made {when(secret.createdAt)}
          {secret.createdBy ? ` by ${secret.createdBy}` : ''} · {secret.lastUsedAt ? `last used ${when(secret.lastUsedAt)}` : 'never used'}
        </p>
      </div>
      {!confirming && (
        <div class="actions">
          <button type="button" class="quiet" aria-label={`Rotate ${secret.name}`} onClick={() => setConfirming('rotate')}>
            Rotate
          </button>
          <button type="button" class="quiet danger-text" aria-label={`Revoke ${secret.name}`} onClick={() => setConfirming('revoke')}>
            Revoke
          </button>
        </div>
      )}
      {confirming && (
        <>
          <ConfirmStep
            button={confirming === 'revoke' ? 'Revoke the key' : 'Rotate the key'}
            busy={action.busy}
            onConfirm={() => void act()}
            onCancel={() => setConfirming(undefined)}
          >
            {confirming === 'revoke'
              ? 'Anything using this key stops working at once.'
              : 'A new key replaces this one; the old one stops working at once.'}
          </ConfirmStep>
          <FormProblem action={action} />
        </>
      )}
    </li>
  );
}

function CreateKey({ siteId, onCreated }: { siteId: string; onCreated: (shown: { name: string; secretKey: string }) => void }) {
  const [name, setName] = useState('');
  const [access, setAccess] = useState<'full' | 'read'>('read');
  const action = useAction();
  return (
    <section class="card" aria-labelledby="new-key-title">
      <h2 id="new-key-title">New key</h2>
      <form
        class="stack"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void action.run(async () => {
            const made = await api.post<{ key: SecretKeyAnswer; secretKey: string }>('/v1/keys', { name: name.trim(), access }, siteId);
            onCreated({ name: made.key.name, secretKey: made.secretKey });
            setName('');
          });
        }}
      >
        <Field
          id="key-name"
          label="Name"
          hint="What uses it, e.g. Nightly export."
          value={name}
          onInput={setName}
          error={action.fieldError('name')}
        />
        <fieldset class="choices">
          <legend>Access</legend>
          {(['read', 'full'] as const).map((value) => (
            <label key={value} class="check">
              <input type="radio" name="access" value={value} checked={access === value} onChange={() => setAccess(value)} />{' '}
              {accessNames[value]}
              <span class="hint"> {value === 'read' ? '(reads and exports)' : '(also changes the site)'}</span>
            </label>
          ))}
        </fieldset>
        <FormProblem action={action} fields={['name']} />
        <Submit busy={action.busy}>Make the key</Submit>
      </form>
    </section>
  );
}
