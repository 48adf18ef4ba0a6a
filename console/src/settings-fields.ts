import type { SurveyAnswer } from '@tenpoint/shared';

/** The form's fields, named by where they go in the survey (the API's messages use the same names). */
export interface Fields {
  enabled: boolean;
  productName: string;
  'wording.question': string;
  'wording.followUp.low': string;
  'wording.followUp.middle': string;
  'wording.followUp.high': string;
  'wording.thanks.high': string;
  'settings.throttle.daysAfterSignUp': string;
  'settings.throttle.daysAfterResponse': string;
  'settings.throttle.daysAfterDecline': string;
  'settings.sampling.percent': string;
  'settings.targeting.excludeEmailDomains': string;
  /** One rule a line: `role = admin` or `plan = pro, team`. */
  'settings.targeting.include': string;
  'settings.targeting.exclude': string;
  'settings.triggerEvent': string;
  'settings.appearance.brandColor': string;
  'settings.appearance.position': string;
}

export function fieldsOf(survey: SurveyAnswer, locale: string): Fields {
  const { settings } = survey;
  const wording = settings.wording[locale] ?? {};
  return {
    enabled: survey.enabled,
    productName: survey.productName,
    'wording.question': wording.question ?? '',
    'wording.followUp.low': wording.followUp?.low ?? '',
    'wording.followUp.middle': wording.followUp?.middle ?? '',
    'wording.followUp.high': wording.followUp?.high ?? '',
    'wording.thanks.high': wording.thanks?.high ?? '',
    'settings.throttle.daysAfterSignUp': String(settings.throttle.daysAfterSignUp),
    'settings.throttle.daysAfterResponse': String(settings.throttle.daysAfterResponse),
    'settings.throttle.daysAfterDecline': String(settings.throttle.daysAfterDecline),
    'settings.sampling.percent': String(settings.sampling.percent),
    'settings.targeting.excludeEmailDomains': settings.targeting.excludeEmailDomains.join(', '),
    'settings.targeting.include': rulesText(settings.targeting.include),
    'settings.targeting.exclude': rulesText(settings.targeting.exclude),
    'settings.triggerEvent': settings.triggerEvent ?? '',
    'settings.appearance.brandColor': settings.appearance.brandColor,
    'settings.appearance.position': settings.appearance.position,
  };
}

const rulesText = (rules: SurveyAnswer['settings']['targeting']['include']) =>
  rules.map((rule) => `${rule.trait} = ${rule.values.join(', ')}`).join('\n');

/** `trait = value, value` lines as rules; a line without `=` is sent as it is, for the API to name. */
const rulesOf = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const [trait = '', values = ''] = line.split('=').map((part) => part.trim());
      return {
        trait,
        values: values
          .split(',')
          .map((value) => value.trim())
          .filter(Boolean),
      };
    });

// A number field as typed: the API says what is wrong with it, so nothing is guessed here.
const numberOf = (text: string) => (text.trim() === '' ? text : Number(text));
const textOrOmit = (text: string) => (text.trim() === '' ? undefined : text.trim());

export function buildPatch(fields: Fields, locale: string) {
  const wording = {
    question: textOrOmit(fields['wording.question']),
    followUp: {
      low: textOrOmit(fields['wording.followUp.low']),
      middle: textOrOmit(fields['wording.followUp.middle']),
      high: textOrOmit(fields['wording.followUp.high']),
    },
    thanks: { high: textOrOmit(fields['wording.thanks.high']) },
  };
  const hasWording = Object.values(JSON.parse(JSON.stringify(wording)) as Record<string, unknown>).some(
    (value) => value !== undefined && JSON.stringify(value) !== '{}',
  );
  return {
    enabled: fields.enabled,
    productName: fields.productName,
    settings: {
      throttle: {
        daysAfterSignUp: numberOf(fields['settings.throttle.daysAfterSignUp']),
        daysAfterResponse: numberOf(fields['settings.throttle.daysAfterResponse']),
        daysAfterDecline: numberOf(fields['settings.throttle.daysAfterDecline']),
      },
      sampling: { percent: numberOf(fields['settings.sampling.percent']) },
      targeting: {
        excludeEmailDomains: fields['settings.targeting.excludeEmailDomains']
          .split(',')
          .map((domain) => domain.trim())
          .filter(Boolean),
        include: rulesOf(fields['settings.targeting.include']),
        exclude: rulesOf(fields['settings.targeting.exclude']),
      },
      triggerEvent: textOrOmit(fields['settings.triggerEvent']) ?? null,
      appearance: { brandColor: fields['settings.appearance.brandColor'].trim(), position: fields['settings.appearance.position'] },
      // A language whose texts are all emptied goes back to the built-in words.
      wording: { [locale]: hasWording ? JSON.parse(JSON.stringify(wording)) : null },
    },
  };
}
