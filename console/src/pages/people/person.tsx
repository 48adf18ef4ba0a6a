import type { Traits, UserEligibility } from '@tenpoint/shared';
import { api } from '../../api.ts';
import { can } from '../../roles.ts';
import { useWorkspace } from '../../shell/workspace.ts';
import type { Site } from '../../types.ts';
import { ConfirmByName } from '../../ui/confirm-name.tsx';
import { when } from '../when.ts';
import { type HistoryEntry, historyOf, type PersonRecord } from './person-history.ts';

interface PersonProps {
  site: Site;
  record: PersonRecord;
  eligibility: UserEligibility | null;
  onErased: (words: string) => void;
}

export function Person({ site, record, eligibility, onErased }: PersonProps) {
  const { role } = useWorkspace();
  const userId = record.user?.userId ?? 'erased';
  const surveyNames = new Map(eligibility?.surveys.map((survey) => [survey.surveyId, survey.name]));
  return (
    <>
      <Profile record={record} />
      {eligibility && <Decisions eligibility={eligibility} />}
      <History entries={historyOf(record)} surveyNames={surveyNames} />
      <section class="card" aria-labelledby="person-data-title">
        <h2 id="person-data-title">Their data</h2>
        <p>Everything stored about this person, as a data-subject access request needs it.</p>
        <button type="button" class="quiet" onClick={() => download(record, userId)}>
          Download their data (JSON)
        </button>
        {can.manage(role) && record.user && <Erase site={site} userId={record.user.userId} onErased={onErased} />}
      </section>
    </>
  );
}

function download(record: PersonRecord, userId: string) {
  const link = document.createElement('a');
  link.href = URL.createObjectURL(new Blob([JSON.stringify(record, null, 2)], { type: 'application/json' }));
  link.download = `tenpoint-user-${userId.replace(/[^\w.@-]+/g, '_').slice(0, 80) || 'data'}.json`;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 1000);
}

/** Each name and value isolated: a right-to-left override in one never reverses the others. */
function TraitList({ traits }: { traits: Traits }) {
  const entries = Object.entries(traits);
  if (entries.length === 0) return <>none</>;
  return (
    <>
      {entries.map(([name, value], index) => (
        <span key={name}>
          {index > 0 && ' · '}
          <bdi>{name}</bdi>: <bdi>{String(value)}</bdi>
        </span>
      ))}
    </>
  );
}

function Profile({ record }: { record: PersonRecord }) {
  const { user, account } = record;
  return (
    <section class="card" aria-labelledby="person-title">
      <h2 id="person-title" class="mono">
        <bdi>{user?.userId ?? 'An erased or unknown user'}</bdi>
      </h2>
      {user ? (
        <dl class="facts">
          <dt>Email</dt>
          <dd>
            <bdi>{user.email ?? 'not given'}</bdi>
          </dd>
          <dt>Traits</dt>
          <dd>
            <TraitList traits={user.traits} />
          </dd>
          <dt>Account</dt>
          <dd>
            {account ? (
              <>
                <bdi>{account.name ?? account.accountId}</bdi> (<bdi>{account.accountId}</bdi>) · <TraitList traits={account.traits} />
              </>
            ) : (
              <bdi>{user.accountId ?? 'none'}</bdi>
            )}
          </dd>
          <dt>Language</dt>
          <dd>{user.locale ?? 'not given'}</dd>
          <dt>Signed up</dt>
          <dd>{when(user.signedUpAt)}</dd>
          <dt>Seen</dt>
          <dd>
            first {when(user.firstSeenAt)}, last {when(user.lastSeenAt)}
          </dd>
        </dl>
      ) : (
        <p>The site no longer has this person as a user; what is listed below is what is left about them.</p>
      )}
    </section>
  );
}

function Decisions({ eligibility }: { eligibility: UserEligibility }) {
  return (
    <section class="card" aria-labelledby="decisions-title">
      <h2 id="decisions-title">Would they be asked now?</h2>
      <ul class="rows" aria-label="Decision per survey">
        {eligibility.surveys.map((survey) => (
          <li key={survey.surveyId} data-testid="decision" data-survey-id={survey.surveyId}>
            <p>
              <strong>{survey.name}</strong> <span class="badge">{survey.type.toUpperCase()}</span>{' '}
              <span class={survey.eligible ? 'badge good' : 'badge'}>{survey.eligible ? 'Would be asked' : 'Not now'}</span>
            </p>
            <p data-testid="decision-words">{survey.words}</p>
            {survey.changesAt && (
              <p class="hint">
                Changes <time dateTime={survey.changesAt}>{when(survey.changesAt)}</time>
              </p>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

const kindWords: Record<HistoryEntry['kind'], string> = { response: 'Answered', decline: 'Closed without answering', impression: 'Shown' };

function History({ entries, surveyNames }: { entries: HistoryEntry[]; surveyNames: Map<string, string> }) {
  return (
    <section class="card" aria-labelledby="history-title">
      <h2 id="history-title">Showings, answers and dismissals</h2>
      {entries.length === 0 ? (
        <p>No survey has been shown to them yet.</p>
      ) : (
        <ol class="events" aria-label="Newest first">
          {entries.map((entry) => (
            <li key={entry.id} class="event" data-testid={`history-${entry.kind}`}>
              <p class="event-head">
                <strong>{kindWords[entry.kind]}</strong>
                {entry.score !== undefined && ` ${entry.score} (${entry.category})`} · {surveyNames.get(entry.surveyId) ?? 'a survey'}
              </p>
              <p class="hint">
                <time dateTime={entry.at}>{when(entry.at)}</time>
                {entry.url && (
                  <>
                    {' '}
                    · on <bdi>{entry.url}</bdi>
                  </>
                )}
              </p>
              {entry.comment && (
                <blockquote class="comment-text" dir="auto">
                  {entry.comment}
                </blockquote>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

const counted = (count = 0, one: string, many = `${one}s`) => (count === 0 ? `no ${many}` : `${count} ${count === 1 ? one : many}`);

function Erase({ site, userId, onErased }: { site: Site; userId: string; onErased: (words: string) => void }) {
  return (
    <details class="danger-zone">
      <summary>Erase this person</summary>
      <p>Their answers, dismissals and showings are deleted and leave every score. This cannot be undone.</p>
      <ConfirmByName
        id="erase-person"
        name={userId}
        what="everything stored about this person"
        button="Erase this person"
        onConfirm={async () => {
          const { erased } = await api.delete<{ erased: Record<string, number> }>('/v1/users', { userId }, site.id);
          const counts = [
            counted(erased.responses, 'answer'),
            counted(erased.declines, 'dismissal'),
            counted(erased.impressions, 'showing'),
            counted(erased.webhookDeliveries, 'webhook delivery', 'webhook deliveries'),
          ];
          onErased(`Erased ${userId}: ${counts.join(', ')}.`);
        }}
      />
    </details>
  );
}
