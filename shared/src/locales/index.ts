import type { SurveyStrings } from '../schemas/widget.ts';
import type { SurveyType } from '../scores.ts';
import { ar } from './ar.ts';
import type { Catalog } from './catalog.ts';
import { da } from './da.ts';
import { de } from './de.ts';
import { en } from './en.ts';
import { es } from './es.ts';
import { fi } from './fi.ts';
import { fr } from './fr.ts';
import { he } from './he.ts';
import { it } from './it.ts';
import { ja } from './ja.ts';
import { nb } from './nb.ts';
import { nl } from './nl.ts';
import { pl } from './pl.ts';
import { pt } from './pt.ts';
import { sv } from './sv.ts';

export type { Catalog } from './catalog.ts';

export const catalogs: Record<string, Catalog> = { en, nl, de, fr, es, it, pt, sv, da, nb, fi, pl, ja, ar, he };

// Languages a browser may name by another code than the catalogue's.
const aliases: Record<string, string> = { no: 'nb', nn: 'nb' };
export const defaultLocale = 'en';

/** The best supported locale for a BCP 47 tag: `nl-BE` falls back to `nl`, then to English. */
export function pickLocale(requested: string | undefined, available = Object.keys(catalogs)): string {
  if (!requested) return defaultLocale;
  const wanted = requested.toLowerCase();
  const exact = available.find((locale) => locale.toLowerCase() === wanted);
  if (exact) return exact;
  const language = wanted.split('-')[0] ?? '';
  const base = aliases[language] ?? language;
  return available.find((locale) => locale.toLowerCase() === base) ?? defaultLocale;
}

const fill = (text: string, values: Record<string, string>) =>
  text.replace(/\{(\w+)\}/g, (placeholder, name: string) => values[name] ?? placeholder);

/** The survey's wording in one locale, with the product's name filled in. */
export function surveyStrings(locale: string, type: SurveyType, product: string): { strings: SurveyStrings; dir: 'ltr' | 'rtl' } {
  const catalog = catalogs[locale] ?? en;
  const values = { product };
  const perBand = (texts: Catalog['followUp']) => ({
    low: fill(texts.low, values),
    middle: fill(texts.middle, values),
    high: fill(texts.high, values),
  });
  return {
    dir: catalog.dir ?? 'ltr',
    strings: {
      question: fill(catalog.questions[type], values),
      lowLabel: catalog.anchors[type].low,
      highLabel: catalog.anchors[type].high,
      followUp: perBand(catalog.followUp),
      placeholder: catalog.placeholder,
      thanks: perBand(catalog.thanks),
      submit: catalog.submit,
      close: catalog.close,
      scoreLabel: catalog.scoreLabel,
    },
  };
}
