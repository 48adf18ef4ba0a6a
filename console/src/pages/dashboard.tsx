import type { SurveyAnswer } from '@tenpoint/shared';
import { useMemo, useState } from 'preact/hooks';
import { siteClient } from '../api.ts';
import { Comments } from '../comments.tsx';
import { minSample } from '../few-responses.tsx';
import type { Filters } from '../filters.ts';
import { Headline } from '../headline.tsx';
import { href } from '../router.ts';
import { Segments } from '../segments.tsx';
import { Settings } from '../settings.tsx';
import { Trend } from '../trend.tsx';
import type { Site } from '../types.ts';
import { PageTitle } from '../ui/page-title.tsx';
import { useLoad } from '../use-load.ts';

const pad = (value: number) => String(value).padStart(2, '0');
/** The date `daysAgo` days before today, in the browser's zone: the zone every query names. */
function localDay(daysAgo = 0): string {
  const now = new Date();
  const day = new Date(now.getFullYear(), now.getMonth(), now.getDate() - daysAgo);
  return `${day.getFullYear()}-${pad(day.getMonth() + 1)}-${pad(day.getDate())}`;
}

/** A site's scores, trend, segments, comments and survey settings. */
export function Dashboard({ site }: { site: Site }) {
  const client = useMemo(() => siteClient(site.id), [site.id]);
  const [reload, setReload] = useState(0);
  const surveys = useLoad(() => client.get<{ data: SurveyAnswer[] }>('/v1/surveys'), [client, reload]);
  const [surveyId, setSurveyId] = useState<string>();
  // Other surveys of the same type counted into the one score (`surveyIds`).
  const [alsoCounted, setAlsoCounted] = useState<string[]>([]);
  const [from, setFrom] = useState(() => localDay(182));
  const [to, setTo] = useState(() => localDay());
  const [interval, setInterval] = useState<'day' | 'week' | 'month'>('week');
  const tz = Intl.DateTimeFormat().resolvedOptions().timeZone;

  const list = surveys.data?.data ?? [];
  const survey = list.find((candidate) => candidate.id === surveyId) ?? list[0];
  const sameType = list.filter((candidate) => survey && candidate.id !== survey.id && candidate.type === survey.type);
  const counted = sameType.filter((candidate) => alsoCounted.includes(candidate.id)).map((candidate) => candidate.id);
  const filters: Filters | undefined = survey && {
    ...(counted.length ? { surveyIds: [survey.id, ...counted].join(',') } : { surveyId: survey.id }),
    from,
    to,
    tz,
    minSample: String(minSample),
  };
  const title = <PageTitle title={`Dashboard · ${site.name}`}>Dashboard</PageTitle>;

  if (surveys.error)
    return (
      <div class="dashboard">
        {title}
        <p role="alert">{surveys.error}</p>
      </div>
    );
  return (
    <div class="dashboard">
      <div class="top">
        {title}
        {list.length > 0 && (
          <label>
            Survey{' '}
            <select
              value={survey?.id}
              onChange={(event) => {
                setSurveyId(event.currentTarget.value);
                setAlsoCounted([]);
              }}
            >
              {list.map((candidate) => (
                <option key={candidate.id} value={candidate.id}>
                  {candidate.name} ({candidate.type.toUpperCase()})
                </option>
              ))}
            </select>
          </label>
        )}
        {sameType.length > 0 && (
          <fieldset class="also-counted">
            <legend>Count in one score with</legend>
            {sameType.map((candidate) => (
              <label key={candidate.id}>
                <input
                  type="checkbox"
                  checked={counted.includes(candidate.id)}
                  onChange={(event) => {
                    const { checked } = event.currentTarget;
                    setAlsoCounted((ids) => (checked ? [...ids, candidate.id] : ids.filter((id) => id !== candidate.id)));
                  }}
                />{' '}
                {candidate.name}
              </label>
            ))}
          </fieldset>
        )}
      </div>
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
        <div class="dashboard-grid">
          <Headline client={client} survey={survey} filters={filters} />
          <Trend client={client} survey={survey} filters={filters} interval={interval} onInterval={setInterval} />
          <Segments client={client} survey={survey} filters={filters} />
          <Comments client={client} survey={survey} filters={filters} />
          <Settings client={client} survey={survey} onSaved={() => setReload((count) => count + 1)} />
        </div>
      ) : surveys.loading ? (
        <p role="status" class="skeleton-text">
          Loading surveys…
        </p>
      ) : (
        <section class="card empty">
          <h2>No survey yet</h2>
          <p>
            This site has no survey. Make one with <code>POST /v1/surveys</code>, then{' '}
            <a href={href(`/sites/${site.id}/install`)}>install the widget</a>.
          </p>
        </section>
      )}
    </div>
  );
}
