import { useState } from 'preact/hooks';
import { api } from '../api.ts';
import { can } from '../roles.ts';
import { useWorkspace } from '../shell/workspace.ts';
import type { Site } from '../types.ts';
import { Field, FormProblem, Submit, useAction } from '../ui/form.tsx';
import { CopyButton } from '../ui/secret-once.tsx';

/** A Wootric snippet pasted as it is: the site's Wootric account token, and the one line to change. */
export function SwitchingFromWootric({ site }: { site: Site }) {
  const { role, reloadSites } = useWorkspace();
  const manage = can.manage(role);
  const [token, setToken] = useState(site.wootricAccountToken ?? '');
  const [saved, setSaved] = useState(false);
  const action = useAction();
  const line = `<script type="text/javascript" src="${location.origin}/wootric.js"></script>`;
  return (
    <section class="card" aria-labelledby="wootric-title">
      <h2 id="wootric-title">Switching from Wootric</h2>
      <p>Keep your Wootric snippet as it is: give its account token here, and change only the address of Wootric's script.</p>
      <p>
        Your <code>wootricSettings</code> describe the user (<code>external_id</code>, else <code>email</code>, is the user id); the
        browser's console names the settings Tenpoint has no counterpart for.
      </p>
      <form
        class="stack"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          setSaved(false);
          void action.run(async () => {
            const answer = await api.patch<Site>('/v1/site', { wootricAccountToken: token.trim() || null }, site.id);
            setToken(answer.wootricAccountToken ?? '');
            setSaved(true);
            reloadSites();
          });
        }}
      >
        <Field
          id="wootric-account-token"
          label="Wootric account token"
          value={token}
          onInput={setToken}
          disabled={!manage}
          hint="As in your snippet, such as NPS-7fbb3f3c; leave it empty to stop answering it."
          error={action.fieldError('wootricAccountToken')}
        />
        <FormProblem action={action} fields={['wootricAccountToken']} />
        {manage && (
          <p>
            <Submit busy={action.busy}>Save</Submit> <span role="status">{saved ? 'Saved.' : ''}</span>
          </p>
        )}
      </form>
      <h3>In your snippet, replace the script of cdn.wootric.com with</h3>
      <pre class="code" data-testid="wootric-line">
        <code>{line}</code>
      </pre>
      <CopyButton text={line} label="Copy the line" />
    </section>
  );
}
