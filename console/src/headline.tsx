import type { ScoresAnswer, SurveyAnswer } from '@tenpoint/shared';
import { scales, wholePercentages } from '@tenpoint/shared/scores';
import { useMemo } from 'preact/hooks';
import uPlot from 'uplot';
import type { Client } from './api.ts';
import { Chart, palette } from './chart.tsx';
import { minSample } from './few-responses.tsx';
import type { Filters } from './filters.ts';
import { FollowUpFigures } from './follow-up-figures.tsx';
import { ChangeWords, previousRange } from './score-change.tsx';
import { countsOf, formatScore, headlineOf } from './score-format.ts';
import { useLoad } from './use-load.ts';

/** Where an NPS stands against the bands usually quoted. */
function npsStanding(nps: number): string {
  if (nps > 70) return 'world class (above 70)';
  if (nps > 50) return 'excellent (above 50)';
  if (nps > 30) return 'good (above 30)';
  if (nps > 0) return 'more promoters than detractors';
  return 'needs work (0 or below)';
}

export function Headline({ client, survey, filters }: { client: Client; survey: SurveyAnswer; filters: Filters }) {
  const scores = useLoad(
    () => client.get<ScoresAnswer>('/v1/scores', { ...filters }),
    [client, filters.surveyId, filters.surveyIds, filters.from, filters.to],
  );
  const distribution = useLoad(
    () => client.get<ScoresAnswer>('/v1/scores', { ...filters, groupBy: 'score' }),
    [client, filters.surveyId, filters.surveyIds, filters.from, filters.to],
  );
  const answer = scores.data;
  const bars = useMemo(() => {
    const { min, max } = scales[survey.type];
    const xs = Array.from({ length: max - min + 1 }, (_, index) => min + index);
    const byScore = new Map((distribution.data?.groups ?? []).map((segment) => [Number(segment.key), segment.responses]));
    return [xs, xs.map((score) => byScore.get(score) ?? 0)] as uPlot.AlignedData;
  }, [distribution.data, survey.type]);
  const barOptions = useMemo<Omit<uPlot.Options, 'width' | 'height'>>(
    () => ({
      legend: { show: false },
      scales: { x: { time: false, range: (_, min, max) => [min - 0.5, max + 0.5] } },
      axes: [
        { stroke: 'currentColor', grid: { show: false } },
        { stroke: 'currentColor', grid: { stroke: 'rgba(128,128,128,0.2)' } },
      ],
      series: [{}, { label: 'Responses', fill: palette.bars, stroke: palette.line, paths: uPlot.paths.bars!({ size: [0.7, 40] }) }],
    }),
    [],
  );

  if (scores.error)
    return (
      <section class="card" role="alert">
        {scores.error}
      </section>
    );
  if (!answer) return <section class="card">Loading…</section>;
  if (answer.responses === 0) return <NoResponses shown={answer.usersShown} />;
  const headline = headlineOf(answer);
  const counts = countsOf(survey.type, answer);
  const total = answer.responses;
  const percents = wholePercentages(counts.map((count) => count.value));
  return (
    <>
      <section class="card headline" aria-labelledby="headline-title">
        <h2 id="headline-title">
          {survey.type === 'nps' ? 'Net Promoter Score' : survey.type === 'csat' ? 'Customer satisfaction' : 'Customer effort'}
        </h2>
        <div class="big">
          <output data-testid="headline-score">{formatScore(survey.type, headline)}</output>
          {answer.marginOfError !== null && (
            <span class="moe" data-testid="margin-of-error">
              ± {answer.marginOfError}
            </span>
          )}
        </div>
        <p class="period-change">
          Change against the previous period: <ChangeWords compared={answer} testId="change" />
          {answer.previous && (
            <>
              <br />
              Previous period, {previousRange(answer, filters.tz)}:{' '}
              <span data-testid="previous-score">{formatScore(survey.type, headlineOf(answer.previous))}</span> from{' '}
              <span data-testid="previous-responses">{answer.previous.responses.toLocaleString('en-US')}</span> responses
            </>
          )}
        </p>
        {answer.lowSample && (
          <p class="few-responses" data-testid="low-sample">
            few responses ({total.toLocaleString('en-US')} of the {minSample} needed for a firm score)
          </p>
        )}
        <p class="standing">
          {survey.type === 'nps' && headline !== null ? npsStanding(headline) : ''} ·{' '}
          <span data-testid="responses">{total.toLocaleString('en-US')}</span> {total === 1 ? 'response' : 'responses'}
        </p>
        {total > 0 && (
          <div class="stacked" role="img" aria-label={counts.map((count) => `${count.name}: ${count.value}`).join(', ')}>
            {counts.map((count) => (
              <span
                key={count.name}
                class={`part ${count.band}`}
                style={{ flexGrow: count.value }}
                title={`${count.name}: ${count.value}`}
              />
            ))}
          </div>
        )}
        <ul class="legend">
          {counts.map((count, index) => (
            <li key={count.name}>
              <span class={`swatch ${count.band}`} /> {count.name}{' '}
              <strong data-testid={`count-${count.name.toLowerCase()}`}>{count.value}</strong> ({percents[index]}%)
            </li>
          ))}
        </ul>
        <dl class="rates">
          <div>
            <dt>Response rate (users who responded / users shown)</dt>
            <dd data-testid="response-rate">{percentOf(answer.responseRate)}</dd>
            {answer.previous && (
              <dd class="before" data-testid="previous-response-rate">
                before: {percentOf(answer.previous.responseRate)}
              </dd>
            )}
          </div>
          <div>
            <dt>Users shown</dt>
            <dd data-testid="users-shown" title={`${answer.impressions ?? '–'} impressions in all`}>
              {answer.usersShown?.toLocaleString('en-US') ?? '–'}
            </dd>
            {answer.previous && <dd class="before">before: {answer.previous.usersShown?.toLocaleString('en-US') ?? '–'}</dd>}
          </div>
          <div>
            <dt>Declined (not counted in the score)</dt>
            <dd data-testid="declines">{answer.declines}</dd>
            {answer.previous && <dd class="before">before: {answer.previous.declines.toLocaleString('en-US')}</dd>}
          </div>
        </dl>
        <h3>Distribution</h3>
        <Chart options={barOptions} data={bars} height={180} label={`Responses per score: ${bars[1]!.join(', ')}`} />
      </section>
      <FollowUpFigures siteId={client.siteId} survey={survey} figures={answer.followUp} />
    </>
  );
}

const percentOf = (rate: number | null) => (rate === null ? '–' : `${Math.round(rate * 100)}%`);

/** What an empty range means, and what to do about it: never a score of nothing. */
function NoResponses({ shown }: { shown: number | null | undefined }) {
  return (
    <section class="card" data-testid="no-responses">
      <h2>No responses in this range yet</h2>
      {shown ? (
        <p>
          The survey has been shown to {shown.toLocaleString('en-US')} users in this range and none has responded yet. Responses appear here
          as they come; a longer range may already hold some.
        </p>
      ) : (
        <p>
          The survey has not been shown to anyone in this range. Check that the snippet is on your app's pages, that their origin is allowed
          for this site, and that the survey is on and its throttles let users see it (its settings are below).
        </p>
      )}
    </section>
  );
}
