import type { ScoresAnswer, SurveyAnswer } from '@tenpoint/shared';
import { useMemo } from 'preact/hooks';
import uPlot from 'uplot';
import type { Client } from './api.ts';
import { Chart, palette } from './chart.tsx';
import type { Filters } from './filters.ts';
import { headlineOf } from './score-format.ts';
import { useLoad } from './use-load.ts';

type Interval = 'day' | 'week' | 'month';

interface TrendProps {
  client: Client;
  survey: SurveyAnswer;
  filters: Filters;
  interval: Interval;
  onInterval: (interval: Interval) => void;
}

export function Trend({ client, survey, filters, interval, onInterval }: TrendProps) {
  const scores = useLoad(
    () => client.get<ScoresAnswer>('/v1/scores', { ...filters, interval }),
    [client, filters.surveyId, filters.surveyIds, filters.from, filters.to, interval],
  );
  const series = scores.data?.series ?? [];
  const partial = series.filter((point) => point.partial).map((point) => point.start);
  // A day, week or month the range cuts is drawn dashed, joined to its whole neighbour; the whole ones solid.
  const data = useMemo(() => {
    const values = series.map((point) => headlineOf(point));
    const isPartial = (index: number) => series[index]?.partial === true;
    return [
      series.map((point) => Date.parse(`${point.start}T00:00:00Z`) / 1000),
      values.map((value, index) => (isPartial(index) ? null : value)),
      values.map((value, index) => (isPartial(index) || isPartial(index - 1) || isPartial(index + 1) ? value : null)),
      series.map((point) => point.responses),
    ] as uPlot.AlignedData;
  }, [scores.data]);
  const name = survey.type.toUpperCase();
  const options = useMemo<Omit<uPlot.Options, 'width' | 'height'>>(
    () => ({
      tzDate: (seconds) => uPlot.tzDate(new Date(seconds * 1000), 'Etc/UTC'),
      scales: { score: { auto: true }, count: { auto: true } },
      axes: [
        { stroke: 'currentColor', grid: { stroke: 'rgba(128,128,128,0.2)' } },
        { scale: 'score', stroke: 'currentColor', label: name, grid: { stroke: 'rgba(128,128,128,0.2)' } },
        { scale: 'count', side: 1, stroke: 'currentColor', label: 'Responses', grid: { show: false } },
      ],
      series: [
        { label: interval === 'day' ? 'Day' : interval === 'week' ? 'Week of' : 'Month' },
        { label: name, scale: 'score', stroke: palette.line, width: 2, spanGaps: false, points: { show: series.length < 60 } },
        {
          label: `${name} (partial ${interval})`,
          scale: 'score',
          stroke: palette.line,
          width: 2,
          dash: [6, 5],
          spanGaps: false,
          points: { show: false },
        },
        { label: 'Responses', scale: 'count', fill: palette.bars, stroke: 'transparent', paths: uPlot.paths.bars!({ size: [0.8, 30] }) },
      ],
    }),
    [name, interval, series.length < 60],
  );
  return (
    <section class="card" aria-labelledby="trend-title" data-points={series.length} data-interval={interval}>
      <div class="section-head">
        <h2 id="trend-title">Trend</h2>
        <label>
          By{' '}
          <select value={interval} onChange={(event) => onInterval(event.currentTarget.value as Interval)}>
            <option value="day">day</option>
            <option value="week">week</option>
            <option value="month">month</option>
          </select>
        </label>
      </div>
      {scores.error ? (
        <p role="alert">{scores.error}</p>
      ) : !scores.data ? (
        <p role="status">Loading the trend…</p>
      ) : (
        <>
          <Chart
            options={options}
            data={data}
            height={260}
            label={`${name} by ${interval}, ${series.length} points${partial.length ? `, partial: ${partial.join(', ')}` : ''}`}
          />
          {partial.length > 0 && <p class="note">Dashed: a {interval} the range cuts, with only some of its days.</p>}
        </>
      )}
    </section>
  );
}
