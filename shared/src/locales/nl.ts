import type { Catalog } from './catalog.ts';

export const nl: Catalog = {
  questions: {
    nps: 'Hoe waarschijnlijk is het dat je {product} aanbeveelt aan een vriend of collega?',
    csat: 'Hoe tevreden ben je met {product}?',
    ces: '{product} maakte het mij makkelijk om te doen wat ik wilde.',
  },
  anchors: {
    nps: { low: 'Helemaal niet waarschijnlijk', high: 'Zeer waarschijnlijk' },
    csat: { low: 'Zeer ontevreden', high: 'Zeer tevreden' },
    ces: { low: 'Helemaal mee oneens', high: 'Helemaal mee eens' },
  },
  followUp: {
    low: 'Dat spijt ons. Wat kunnen we beter doen?',
    middle: 'Wat zou {product} beter maken voor jou?',
    high: 'Fijn om te horen! Wat vind je het beste?',
  },
  placeholder: 'Vertel het ons in een paar woorden (optioneel)',
  thanks: {
    low: 'Bedankt. Je feedback gaat direct naar het team.',
    middle: 'Bedankt voor je feedback!',
    high: 'Bedankt! Fijn dat je {product} waardeert.',
  },
  submit: 'Verstuur',
  close: 'Sluiten',
  scoreLabel: '{score} van {max}',
};
