import { pickLocale, surveyStrings } from './locales/index.ts';
import type { SurveySettings, Wording } from './schemas/survey-settings.ts';
import type { RenderableSurvey, SurveyStrings } from './schemas/widget.ts';
import { type SurveyType, scales } from './scores.ts';

/**
 * The survey as the widget renders it, worded in the best locale for the user: what the API answers
 * and what the console's preview shows of an unsaved draft.
 */
export function renderSurvey(
  survey: { id: string; type: SurveyType; productName: string },
  settings: SurveySettings,
  requestedLocale: string | undefined,
  impressionId: string,
): RenderableSurvey {
  const locale = pickLocale(requestedLocale);
  const { strings, dir } = surveyStrings(locale, survey.type, survey.productName);
  const { brandColor, theme, position, delaySeconds } = settings.appearance;
  return {
    id: survey.id,
    impressionId,
    type: survey.type,
    locale,
    dir,
    scale: scales[survey.type],
    strings: withVendorWording(strings, vendorWording(settings.wording, locale, requestedLocale), survey.productName),
    appearance: { brandColor, onBrandColor: readableOn(brandColor), theme, position, delaySeconds },
    thankYouLinks: settings.thankYouLinks,
  };
}

/** The vendor's words for the picked locale, and over them those for the exact tag asked (pt-BR over pt). */
function vendorWording(wording: SurveySettings['wording'], locale: string, requested: string | undefined): Wording {
  const lookup = (tag: string | undefined) =>
    tag === undefined ? {} : (Object.entries(wording).find(([key]) => key.toLowerCase() === tag.toLowerCase())?.[1] ?? {});
  const exact = requested && requested.toLowerCase() !== locale.toLowerCase() ? lookup(requested) : {};
  const picked = lookup(locale);
  return { ...picked, ...exact, followUp: { ...picked.followUp, ...exact.followUp }, thanks: { ...picked.thanks, ...exact.thanks } };
}

function withVendorWording(strings: SurveyStrings, wording: Wording, product: string): SurveyStrings {
  // A replacer function, not a string: a name holding `$&` or `$$` is put in as it is written.
  const fill = (text: string) => text.replaceAll('{product}', () => product);
  const own = <T extends string | undefined>(text: T, fallback: string) => (text === undefined ? fallback : fill(text));
  return {
    ...strings,
    question: own(wording.question, strings.question),
    lowLabel: own(wording.lowLabel, strings.lowLabel),
    highLabel: own(wording.highLabel, strings.highLabel),
    placeholder: own(wording.placeholder, strings.placeholder),
    submit: own(wording.submit, strings.submit),
    followUp: {
      low: own(wording.followUp?.low, strings.followUp.low),
      middle: own(wording.followUp?.middle, strings.followUp.middle),
      high: own(wording.followUp?.high, strings.followUp.high),
    },
    thanks: {
      low: own(wording.thanks?.low, strings.thanks.low),
      middle: own(wording.thanks?.middle, strings.thanks.middle),
      high: own(wording.thanks?.high, strings.thanks.high),
    },
  };
}

/** The WCAG relative luminance of a colour written #rrggbb. */
function luminance(hex: string): number {
  const channel = (offset: number) => {
    const value = parseInt(hex.slice(offset, offset + 2), 16) / 255;
    return value <= 0.04045 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

/** The WCAG contrast ratio of two colours written #rrggbb, from 1 to 21. */
export function contrastRatio(first: string, second: string): number {
  const [light, dark] = [luminance(first), luminance(second)].sort((a, b) => b - a) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/** Black or white text on `hex`, whichever has the higher WCAG contrast ratio. */
export function readableOn(hex: string): string {
  // Contrast with white is 1.05 / (L + 0.05), with black (L + 0.05) / 0.05; they are equal at L ≈ 0.179.
  return luminance(hex) > 0.179 ? '#111827' : '#ffffff';
}
