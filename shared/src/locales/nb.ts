import type { Catalog } from './catalog.ts';

export const nb: Catalog = {
  questions: {
    nps: 'Hvor sannsynlig er det at du vil anbefale {product} til en venn eller kollega?',
    csat: 'Hvor fornøyd er du med {product}?',
    ces: '{product} gjorde det enkelt for meg å få gjort det jeg ville.',
  },
  anchors: {
    nps: { low: 'Svært lite sannsynlig', high: 'Svært sannsynlig' },
    csat: { low: 'Svært misfornøyd', high: 'Svært fornøyd' },
    ces: { low: 'Helt uenig', high: 'Helt enig' },
  },
  followUp: {
    low: 'Det er vi lei oss for. Hva bør vi gjøre bedre?',
    middle: 'Hva ville gjort {product} bedre for deg?',
    high: 'Så hyggelig å høre! Hva liker du best?',
  },
  placeholder: 'Fortell oss med noen få ord (valgfritt)',
  thanks: {
    low: 'Takk. Tilbakemeldingen din går rett til teamet.',
    middle: 'Takk for tilbakemeldingen!',
    high: 'Takk! Vi er glade for at du liker {product}.',
  },
  submit: 'Send',
  close: 'Lukk',
  scoreLabel: '{score} av {max}',
};
