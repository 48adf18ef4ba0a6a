import type { FollowUpFigures as Figures, SurveyAnswer } from '@tenpoint/shared';
import { href } from './router.ts';

const ages = [
  ['underADay', 'under a day'],
  ['oneToSevenDays', '1–7 days'],
  ['sevenToThirtyDays', '7–30 days'],
  ['older', 'older'],
] as const;

/** Hours as a person says them: minutes under an hour, days past two. */
export function hoursInWords(hours: number): string {
  if (hours < 1) return `${Math.max(1, Math.round(hours * 60))} min`;
  if (hours < 48) return `${Math.round(hours)} h`;
  return `${Math.round(hours / 24)} days`;
}

/** How well the range's low scores are followed up, with the way to the open ones in the inbox. */
export function FollowUpFigures({ siteId, survey, figures }: { siteId: string; survey: SurveyAnswer; figures: Figures }) {
  const low = survey.type === 'nps' ? 'Detractors' : 'Low scores';
  const share = figures.followedUpShare === null ? '' : ` (${Math.round(figures.followedUpShare * 100)}%)`;
  return (
    <section class="card follow-up-figures" aria-labelledby="follow-up-title">
      <h2 id="follow-up-title">Following up</h2>
      <p data-testid="followed-up">
        {low} followed up: {figures.followedUp} of {figures.lowScores}
        {share}
      </p>
      <p data-testid="median-follow-up">
        Median time to first follow-up:{' '}
        {figures.medianHoursToFirstFollowUp === null ? 'none yet' : hoursInWords(figures.medianHoursToFirstFollowUp)}
      </p>
      <h3>Open {low.toLowerCase()} by age</h3>
      <dl class="open-by-age" data-testid="open-by-age">
        {ages.map(([key, words]) => (
          <div key={key}>
            <dt>{words}</dt>
            <dd>{figures.openByAge[key]}</dd>
          </div>
        ))}
      </dl>
      <p>
        <a href={href(`/sites/${siteId}/inbox?state=open&category=detractor`)}>Open {low.toLowerCase()} in the inbox</a>
      </p>
    </section>
  );
}
