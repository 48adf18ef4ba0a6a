import type { SiteDigest } from './digest-figures.ts';

/** The digest's figures in words, the same in the HTML and the text part. */
export const scoreName = (site: SiteDigest) => site.type.toUpperCase();

export function scoreText(site: SiteDigest): string {
  if (site.score === null) return 'no responses';
  return site.type === 'ces' ? site.score.toFixed(2) : String(site.score);
}

export const changeText = (site: SiteDigest) =>
  site.change ? `${site.change.words} (±${site.change.marginOfError})` : `no comparison: ${site.changeReason ?? 'no previous week'}`;

export const responsesText = (site: SiteDigest) => `${site.responses} ${site.responses === 1 ? 'response' : 'responses'}`;

export const rateText = (site: SiteDigest) =>
  site.responseRate === null
    ? 'response rate unknown (no one was shown the survey)'
    : `response rate ${Math.round(site.responseRate * 1000) / 10}% of ${site.usersShown} shown`;

export const openDetractorsText = (site: SiteDigest) =>
  `${site.openDetractors} open ${site.openDetractors === 1 ? 'detractor' : 'detractors'} to follow up`;

export const fewResponsesText = (site: SiteDigest) =>
  `Few responses: the score rests on ${site.responses}, too few to read it with confidence.`;

export const trendText = (trend: number) => (trend > 0 ? `up ${trend}` : `down ${Math.abs(trend)}`);

export const weekText = (start: Date, end: Date) => {
  const day = (date: Date) => date.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });
  return `${day(start)} – ${day(new Date(end.getTime() - 1))}`;
};
