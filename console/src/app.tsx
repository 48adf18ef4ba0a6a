import type { SurveyAnswer } from '@tenpoint/shared';
import { useMemo, useState } from 'preact/hooks';
import { createClient } from './api.ts';
import { Comments } from './comments.tsx';
import { minSample } from './few-responses.tsx';
import type { Filters } from './filters.ts';
import { Headline } from './headline.tsx';
import { Segments } from './segments.tsx';
import { Settings } from './settings.tsx';
import { SignIn } from './sign-in.tsx';
import { Trend } from './trend.tsx';
import { useLoad } from './use-load.ts';

const keyStorage = 'tenpoint:secretKey';
const pad = (value: number) => String(value).padStart(2, '0');
/** The date `daysAgo` days before today, in the browser's zone: the zone every query names. */
function localDay(daysAgo = 0): string {
  const now = new Date();
  const day = new Date(now.getFullYear(), now.getMonth(), now.getDate() - daysAgo);
  return `${day.getFullYear()}-${pad(day.getMonth() + 1)}-${pad(day.getDate())}`;
}

/** The key given in the address (`pnpm start` prints such a link) moves to this tab's storage and leaves the address. */
function initialKey(): string | null {
  const fromAddress = /[#&]key=(sk_[A-Za-z0-9]+)/.exec(location.hash)?.[1];
  if (fromAddress) {
    sessionStorage.setItem(keyStorage, fromAddress);
    history.replaceState(null, '', location.pathname + location.search);
  }
  return sessionStorage.getItem(keyStorage);
}

export function App() {
  const [secretKey, setSecretKey] = useState(initialKey);
  if (!secretKey) {
    return (
      <SignIn
        onSignIn={(key) => {
          sessionStorage.setItem(keyStorage, key);
          setSecretKey(key);
        }}
      />
    );
  }
  return (
    <Dashboard
      secretKey={secretKey}
      onSignOut={() => {
        sessionStorage.removeItem(keyStorage);
        setSecretKey(null);
      }}
    />
  );
}

function Dashboard({ secretKey, onSignOut }: { secretKey: string; onSignOut: () => void }) {
  const client = useMemo(() => createClient(secretKey), [secretKey]);
  const [reload, setReload] = useState(0);
  const surveys = useLoad(() => client.get<{ data: SurveyAnswer[] }>('/v1/surveys'), [client, reload]);
  const [surveyId, setSurveyId] = useState<string>();
  const [from, setFrom] = useState(() => localDay(182));
  const [to, setTo] = useState(() => localDay());
  const [interval, setInterval] = useState<'day' | 'week' | 'month'>('week');
  const tz = Intl.DateTimeFormat().resolvedOptions().timeZone;

  if (surveys.error) {
    return (
      <main class="dashboard">
        <p role="alert">{surveys.error}</p>
        <button type="button" onClick={onSignOut}>
          Sign in with another key
        </button>
      </main>
    );
  }
  const list = surveys.data?.data ?? [];
  const survey = list.find((candidate) => candidate.id === surveyId) ?? list[0];
  const filters: Filters | undefined = survey && { surveyId: survey.id, from, to, tz, minSample: String(minSample) };

  return (
    <div class="dashboard">
      <header class="top">
        <h1>Tenpoint</h1>
        <label>
          Survey{' '}
          <select value={survey?.id} onChange={(event) => setSurveyId(event.currentTarget.value)}>
            {list.map((candidate) => (
              <option key={candidate.id} value={candidate.id}>
                {candidate.name} ({candidate.type.toUpperCase()})
              </option>
            ))}
          </select>
        </label>
        <button type="button" class="quiet" onClick={onSignOut}>
          Sign out
        </button>
      </header>
      <section class="filters" aria-label="Date range">
        <label>
          From <input type="date" value={from} max={to} onChange={(event) => setFrom(event.currentTarget.value)} />
        </label>
        <label>
          To <input type="date" value={to} min={from} onChange={(event) => setTo(event.currentTarget.value)} />
        </label>
        {[30, 90, 182].map((days) => (
          <button
            key={days}
            type="button"
            class="quiet"
            onClick={() => {
              setFrom(localDay(days));
              setTo(localDay());
            }}
          >
            {days === 182 ? '6 months' : `${days} days`}
          </button>
        ))}
        <span class="zone">{tz}</span>
      </section>
      {survey && filters ? (
        <main>
          <Headline client={client} survey={survey} filters={filters} />
          <Trend client={client} survey={survey} filters={filters} interval={interval} onInterval={setInterval} />
          <Segments client={client} survey={survey} filters={filters} />
          <Comments client={client} survey={survey} filters={filters} />
          <Settings client={client} survey={survey} onSaved={() => setReload((count) => count + 1)} />
        </main>
      ) : (
        <p>{surveys.loading ? 'Loading…' : 'This site has no survey yet.'}</p>
      )}
    </div>
  );
}
