import type { Band, Category, RenderableSurvey } from '@tenpoint/shared';

export const bandOf = ({ lowMax, middleMax }: RenderableSurvey['scale'], score: number): Band =>
  score <= lowMax ? 'low' : score <= middleMax ? 'middle' : 'high';

const npsNames = { low: 'detractor', middle: 'passive', high: 'promoter' } as const;

export const categoryOf = (survey: RenderableSurvey, score: number): Category => {
  const band = bandOf(survey.scale, score);
  return survey.type === 'nps' ? npsNames[band] : band;
};
