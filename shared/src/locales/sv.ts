import type { Catalog } from './catalog.ts';

export const sv: Catalog = {
  questions: {
    nps: 'Hur troligt är det att du skulle rekommendera {product} till en vän eller kollega?',
    csat: 'Hur nöjd är du med {product}?',
    ces: '{product} gjorde det enkelt för mig att göra det jag ville.',
  },
  anchors: {
    nps: { low: 'Inte alls troligt', high: 'Mycket troligt' },
    csat: { low: 'Mycket missnöjd', high: 'Mycket nöjd' },
    ces: { low: 'Instämmer inte alls', high: 'Instämmer helt' },
  },
  followUp: {
    low: 'Vad tråkigt att höra. Vad kan vi göra bättre?',
    middle: 'Vad skulle göra {product} bättre för dig?',
    high: 'Vad kul att höra! Vad gillar du mest?',
  },
  placeholder: 'Berätta med några ord (valfritt)',
  thanks: {
    low: 'Tack. Din feedback går direkt till teamet.',
    middle: 'Tack för din feedback!',
    high: 'Tack! Vad roligt att du gillar {product}.',
  },
  submit: 'Skicka',
  close: 'Stäng',
  scoreLabel: '{score} av {max}',
};
