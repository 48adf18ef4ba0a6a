import { useEffect, useState } from 'preact/hooks';
import { ApiProblem, api } from '../api.ts';
import { can } from '../roles.ts';
import { useWorkspace } from '../shell/workspace.ts';
import type { InstallCheck as Check, Site } from '../types.ts';
import { useAction } from '../ui/form.tsx';
import { when } from './when.ts';

const reasons = {
  wrong_origin: 'From an origin this site does not allow',
  identity_failed: 'Identity verification failed',
  unknown_key: 'With a site key that does not exist',
} as const;

/** Asks every 3 s, while the page is open, whether the widget has called from the vendor's pages, and what was refused. */
export function InstallCheck({ site }: { site: Site }) {
  const manage = can.manage(useWorkspace().role);
  const [check, setCheck] = useState<Check>();
  const [problem, setProblem] = useState<string>();
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const ask = async () => {
      try {
        const answer = await api.get<Check>('/v1/site/install-check', {}, site.id);
        if (stopped) return;
        setCheck(answer);
        setProblem(undefined);
      } catch (error) {
        if (!stopped) setProblem((error as Error).message);
        // Asking again cannot change a refusal (no such site, not allowed); a busy or unreachable API can.
        const status = error instanceof ApiProblem ? error.status : 0;
        if (status >= 400 && status < 500 && status !== 429) return;
      }
      if (!stopped) timer = setTimeout(() => void ask(), 3000);
    };
    void ask();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [site.id]);
  return (
    <section class="card" aria-labelledby="check-title">
      <h2 id="check-title">3. Check that it works</h2>
      {/* Polite: a screen reader hears the change to "Installed" without being interrupted every 3 s. */}
      <div aria-live="polite">
        {!check ? (
          <p class="waiting">{problem ? '' : 'Checking…'}</p>
        ) : check.installed ? (
          <p class="installed" data-testid="install-state">
            <span aria-hidden="true">✓ </span>Installed: the widget first called on {when(check.firstCallAt)}, last on{' '}
            {when(check.lastCallAt)} ({check.acceptedLastDay.toLocaleString()} {check.acceptedLastDay === 1 ? 'call' : 'calls'} in the last
            day).
          </p>
        ) : (
          <p class="waiting" data-testid="install-state">
            <span class="pulse" aria-hidden="true" /> Waiting for the first call… Open a page of your product with the snippet.
          </p>
        )}
      </div>
      {problem && <p role="alert">{problem}</p>}
      {check && check.refused.length > 0 && (
        <>
          <h3>Refused calls</h3>
          <ul class="rows refusals" aria-label="Refused calls">
            {check.refused.map((refusal) => (
              <li key={`${refusal.reason}-${refusal.origin}`}>
                <div>
                  <strong>{reasons[refusal.reason] ?? refusal.reason}</strong>
                  {refusal.origin ? <span class="mono"> {refusal.origin}</span> : null}
                  <p class="hint">
                    {refusal.count.toLocaleString()} {refusal.count === 1 ? 'call' : 'calls'}, last on {when(refusal.lastAt)}
                  </p>
                  <p>Fix: {refusal.fix}</p>
                  {refusal.reason === 'wrong_origin' && refusal.origin && manage && !site.allowedOrigins.includes(refusal.origin) && (
                    <AllowOrigin site={site} origin={refusal.origin} />
                  )}
                </div>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

/** The one-click fix of calls from an origin the site does not allow yet. */
function AllowOrigin({ site, origin }: { site: Site; origin: string }) {
  const { reloadSites } = useWorkspace();
  const action = useAction();
  return (
    <>
      <button
        type="button"
        class="quiet"
        disabled={action.busy}
        onClick={() =>
          void action.run(async () => {
            await api.post<Site>('/v1/site/origins', { origin }, site.id);
            reloadSites();
          })
        }
      >
        Allow {origin}
      </button>
      {action.problem && (
        <p class="problem" role="alert">
          {action.problem}
        </p>
      )}
    </>
  );
}
