import { useState } from 'preact/hooks';
import { api } from '../api.ts';
import { can } from '../roles.ts';
import { useWorkspace } from '../shell/workspace.ts';
import type { Site } from '../types.ts';
import { useAction } from '../ui/form.tsx';
import { CopyButton } from '../ui/secret-once.tsx';
import { Tabs } from '../ui/tabs.tsx';
import { type ServerKind, serverExample, serverKinds } from './install-snippets.ts';

const serverTabs = serverKinds.map((kind) => [kind, kind] as const);

/** The identity secret and whether the site refuses users without a matching hash. */
export function IdentityVerification({ site, onEnforce }: { site: Site; onEnforce: (on: boolean) => void }) {
  const { role, reloadSites } = useWorkspace();
  const manage = can.manage(role);
  const [secret, setSecret] = useState<string | null>();
  const [secretSet, setSecretSet] = useState(site.identitySecretSet);
  const [enforce, setEnforce] = useState(site.enforceIdentity);
  const [server, setServer] = useState<ServerKind>('Node');
  const [replacing, setReplacing] = useState(false);
  const action = useAction();
  const path = '/v1/site/identity-secret';

  const show = () =>
    action.run(async () => setSecret((await api.get<{ identitySecret: string | null }>(path, {}, site.id)).identitySecret));
  const make = () =>
    action.run(async () => {
      setSecret((await api.post<{ identitySecret: string }>(path, {}, site.id)).identitySecret);
      setSecretSet(true);
      setReplacing(false);
    });
  // The switch moves at once, and back if the API refuses.
  const switchEnforcement = (on: boolean) => {
    setEnforce(on);
    return action.run(async () => {
      try {
        const answer = await api.patch<Site>('/v1/site', { enforceIdentity: on }, site.id);
        setEnforce(answer.enforceIdentity);
        onEnforce(answer.enforceIdentity);
        reloadSites();
      } catch (error) {
        setEnforce(!on);
        throw error;
      }
    });
  };

  return (
    <section class="card" aria-labelledby="identity-title">
      <h2 id="identity-title">2. Verify your users (recommended)</h2>
      <p>
        Without it, anyone who reads the site key in your page can respond in a user's name. Your server signs each user id with the
        identity secret; the snippet sends that hash as <code>userHash</code>.
      </p>
      {secret ? (
        <div class="copy-row">
          <label for="identity-secret">Identity secret</label>
          <input id="identity-secret" class="mono" readOnly value={secret} onFocus={(event) => event.currentTarget.select()} />
          <CopyButton text={secret} />
        </div>
      ) : (
        <p>{secretSet ? 'The site has an identity secret.' : 'The site has no identity secret yet.'}</p>
      )}
      {manage && (
        <p class="actions">
          {secretSet && !secret && (
            <button type="button" class="quiet" disabled={action.busy} onClick={() => void show()}>
              Show the secret
            </button>
          )}
          {!secretSet ? (
            <button type="button" disabled={action.busy} onClick={() => void make()}>
              Make a secret
            </button>
          ) : replacing ? (
            <>
              <span>Users signed with the old secret are refused until your server uses the new one.</span>
              <button type="button" class="danger" disabled={action.busy} onClick={() => void make()}>
                Replace the secret
              </button>
              <button type="button" class="quiet" onClick={() => setReplacing(false)}>
                Cancel
              </button>
            </>
          ) : (
            <button type="button" class="quiet" onClick={() => setReplacing(true)}>
              Make a new secret
            </button>
          )}
        </p>
      )}
      <h3>On your server</h3>
      <Tabs id="server" label="Server language" tabs={serverTabs} current={server} onChange={setServer}>
        <pre class="code">
          <code>{serverExample(server)}</code>
        </pre>
      </Tabs>
      <div class="form-field">
        <label class="check">
          <input
            type="checkbox"
            role="switch"
            aria-checked={enforce}
            checked={enforce}
            disabled={!manage || action.busy || (!secretSet && !enforce)}
            aria-describedby="enforce-hint"
            onChange={(event) => void switchEnforcement(event.currentTarget.checked)}
          />{' '}
          Refuse users without a valid hash
        </label>
        <p id="enforce-hint" class="hint">
          {secretSet
            ? 'Turn it on once your snippet sends userHash: calls without it are refused and record nothing.'
            : 'Make a secret first.'}
        </p>
      </div>
      {action.problem && (
        <p class="problem" role="alert">
          {action.problem}
        </p>
      )}
    </section>
  );
}
