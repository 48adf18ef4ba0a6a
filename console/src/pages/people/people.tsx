import './people.css';
import type { UserEligibility } from '@tenpoint/shared';
import { useState } from 'preact/hooks';
import { ApiProblem, api } from '../../api.ts';
import { can } from '../../roles.ts';
import { navigate, useRoute } from '../../router.ts';
import { useWorkspace } from '../../shell/workspace.ts';
import type { Site } from '../../types.ts';
import { Submit } from '../../ui/form.tsx';
import { PageTitle } from '../../ui/page-title.tsx';
import { useLoad } from '../../use-load.ts';
import { Person } from './person.tsx';
import type { PersonRecord } from './person-history.ts';

type LookUpBy = 'userId' | 'email';

/** One person of a site, found by user id or email: what is stored, and why each survey would or would not ask them now. */
export function People({ site }: { site: Site }) {
  const { role } = useWorkspace();
  const route = useRoute();
  const title = `People · ${site.name}`;
  if (!can.export(role))
    return (
      <>
        <PageTitle title={title}>People</PageTitle>
        <p>A person's record is personal data: members, admins and the owner look people up.</p>
      </>
    );
  const by: LookUpBy = route.query.has('email') ? 'email' : 'userId';
  const value = route.query.get(by) ?? '';
  const lookUp = (next: LookUpBy, text: string) => navigate(`/sites/${site.id}/people?${new URLSearchParams({ [next]: text })}`);
  return (
    <>
      <PageTitle title={title}>People</PageTitle>
      <p>Look a person up to see what Tenpoint stores about them and whether each survey would ask them now, and why.</p>
      <LookUpForm key={`${by}:${value}`} by={by} value={value} onLookUp={lookUp} />
      {value && <Result key={`${by}:${value}`} site={site} by={by} value={value} />}
    </>
  );
}

function LookUpForm({ by, value, onLookUp }: { by: LookUpBy; value: string; onLookUp: (by: LookUpBy, value: string) => void }) {
  const [choice, setChoice] = useState<LookUpBy>(by);
  const [text, setText] = useState(value);
  return (
    <form
      class="card look-up"
      aria-label="Look a person up"
      onSubmit={(event) => {
        event.preventDefault();
        if (text.trim()) onLookUp(choice, text.trim());
      }}
    >
      <div class="form-field">
        <label for="look-up-by">Look up by</label>
        <select id="look-up-by" value={choice} onChange={(event) => setChoice(event.currentTarget.value as LookUpBy)}>
          <option value="userId">User id</option>
          <option value="email">Email</option>
        </select>
      </div>
      <div class="form-field">
        <label for="look-up-value">{choice === 'email' ? 'Email' : 'User id'}</label>
        <input
          id="look-up-value"
          type={(choice === 'email' ? 'email' : 'search') as 'text'}
          value={text}
          autocomplete="off"
          placeholder={choice === 'email' ? 'ann@acme.io' : 'u_42'}
          onInput={(event) => setText(event.currentTarget.value)}
        />
      </div>
      <div>
        <Submit busy={!text.trim()}>Look up</Submit>
      </div>
    </form>
  );
}

async function loadPerson(
  siteId: string,
  by: LookUpBy,
  value: string,
): Promise<{ record: PersonRecord; eligibility: UserEligibility | null } | null> {
  let record: PersonRecord;
  try {
    record = await api.get<PersonRecord>('/v1/users', { [by]: value }, siteId);
  } catch (error) {
    if (error instanceof ApiProblem && error.status === 404) return null;
    throw error;
  }
  const eligibility = record.user ? await api.get<UserEligibility>('/v1/user-eligibility', { userId: record.user.userId }, siteId) : null;
  return { record, eligibility };
}

function Result({ site, by, value }: { site: Site; by: LookUpBy; value: string }) {
  const [erased, setErased] = useState<string>();
  const found = useLoad(() => loadPerson(site.id, by, value), [site.id, by, value]);
  if (erased)
    return (
      <p role="status" class="card">
        {erased}
      </p>
    );
  if (found.error) return <p role="alert">{found.error}</p>;
  if (found.loading) return <p role="status">Looking {value} up…</p>;
  if (!found.data)
    return (
      <p role="status" class="card" data-testid="person-not-found">
        Nothing is stored about {by === 'email' ? 'anyone with the email' : 'the user'} <strong class="mono">{value}</strong> on this site.
      </p>
    );
  return <Person site={site} record={found.data.record} eligibility={found.data.eligibility} onErased={setErased} />;
}
