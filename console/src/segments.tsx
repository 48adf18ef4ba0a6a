import type { ScoreSegment, ScoresAnswer, SiteTraits, SurveyAnswer } from '@tenpoint/shared';
import { useState } from 'preact/hooks';
import type { Client } from './api.ts';
import { FewResponses } from './few-responses.tsx';
import type { Filters } from './filters.ts';
import { ChangeWords } from './score-change.tsx';
import { formatScore, headlineOf } from './score-format.ts';
import { type Column, SortableTable } from './sortable-table.tsx';
import { useLoad } from './use-load.ts';

/** What a segment can be: account and language, then every trait the site has sent, segment traits first (as /v1/traits lists them). */
function dimensionsOf(traits: SiteTraits | undefined): Array<[string, string]> {
  const fixed: Array<[string, string]> = [
    ['account', 'Account'],
    ['locale', 'Language'],
  ];
  return [...fixed, ...(traits?.data ?? []).map((trait): [string, string] => [`trait:${trait.name}`, `Trait: ${trait.name}`])];
}

type AccountRow = ScoreSegment & {
  accountId: string;
  name: string | null;
  trend: number | null;
  trendReason: string | null;
};

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleDateString() : '–');

export function Segments({ client, survey, filters }: { client: Client; survey: SurveyAnswer; filters: Filters }) {
  const traits = useLoad(() => client.get<SiteTraits>('/v1/traits'), [client]);
  const dimensions = dimensionsOf(traits.data);
  const [picked, setGroupBy] = useState<string>();
  // Until one is picked: the plan when the site sends one, else its first trait (segment traits come first), else the account.
  const listed = traits.data?.data ?? [];
  const first = listed.find((trait) => trait.name === 'plan') ?? listed[0];
  const groupBy = picked ?? (first ? `trait:${first.name}` : 'account');
  const bySegment = useLoad(
    () => client.get<ScoresAnswer>('/v1/scores', { ...filters, groupBy }),
    [client, filters.surveyId, filters.surveyIds, filters.from, filters.to, groupBy],
  );
  const accounts = useLoad(
    () =>
      client.get<{ data: AccountRow[] }>('/v1/accounts', {
        surveyId: filters.surveyId,
        surveyIds: filters.surveyIds,
        from: filters.from,
        to: filters.to,
        tz: filters.tz,
        minSample: filters.minSample,
      }),
    [client, filters.surveyId, filters.surveyIds, filters.from, filters.to],
  );
  const name = survey.type.toUpperCase();
  const scoreColumns: Column<ScoreSegment>[] = [
    { name: 'Responses', value: (row) => row.responses, numeric: true },
    {
      name,
      value: (row) => headlineOf(row),
      show: (row) => (
        <>
          {formatScore(survey.type, headlineOf(row))}
          <FewResponses show={row.lowSample} />
        </>
      ),
      numeric: true,
    },
    { name: '±', value: (row) => row.marginOfError, numeric: true },
    { name: 'Last response', value: (row) => row.lastAnswerAt, show: (row) => when(row.lastAnswerAt) },
  ];
  return (
    <>
      <section class="card" aria-labelledby="segments-title">
        <div class="section-head">
          <h2 id="segments-title">Segments</h2>
          <label>
            By{' '}
            <select value={groupBy} onChange={(event) => setGroupBy(event.currentTarget.value)}>
              {dimensions.map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          </label>
        </div>
        {bySegment.error ? (
          <p role="alert">{bySegment.error}</p>
        ) : !bySegment.data ? (
          <p role="status">Loading segments…</p>
        ) : (
          <SortableTable
            label="Segments"
            initial="Responses"
            rows={bySegment.data?.groups ?? []}
            columns={[
              { name: 'Segment', value: (row) => row.key },
              ...scoreColumns,
              { name: 'Change', value: (row) => row.change?.points ?? null, show: (row) => <ChangeWords compared={row} />, numeric: true },
            ]}
          />
        )}
      </section>
      <section class="card" aria-labelledby="accounts-title">
        <h2 id="accounts-title">Accounts</h2>
        {accounts.error ? (
          <p role="alert">{accounts.error}</p>
        ) : !accounts.data ? (
          <p role="status">Loading accounts…</p>
        ) : (
          <SortableTable<AccountRow>
            label="Accounts"
            initial="Responses"
            rows={accounts.data?.data ?? []}
            columns={[
              { name: 'Account', value: (row) => row.name ?? row.accountId },
              ...(scoreColumns as unknown as Column<AccountRow>[]),
              {
                name: 'Trend',
                value: (row) => row.trend,
                show: (row) =>
                  row.trend === null ? (
                    <span title={row.trendReason ?? undefined}>
                      –{row.trendReason ? <span class="reason"> {row.trendReason}</span> : null}
                    </span>
                  ) : (
                    `${row.trend > 0 ? '▲ +' : row.trend < 0 ? '▼ ' : ''}${row.trend}`
                  ),
                numeric: true,
              },
            ]}
          />
        )}
      </section>
    </>
  );
}
