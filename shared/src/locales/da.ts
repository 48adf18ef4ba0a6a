import type { Catalog } from './catalog.ts';

export const da: Catalog = {
  questions: {
    nps: 'Hvor sandsynligt er det, at du vil anbefale {product} til en ven eller kollega?',
    csat: 'Hvor tilfreds er du med {product}?',
    ces: '{product} gjorde det nemt for mig at få gjort det, jeg ville.',
  },
  anchors: {
    nps: { low: 'Slet ikke sandsynligt', high: 'Meget sandsynligt' },
    csat: { low: 'Meget utilfreds', high: 'Meget tilfreds' },
    ces: { low: 'Helt uenig', high: 'Helt enig' },
  },
  followUp: {
    low: 'Det er vi kede af. Hvad skal vi gøre bedre?',
    middle: 'Hvad ville gøre {product} bedre for dig?',
    high: 'Dejligt at høre! Hvad kan du bedst lide?',
  },
  placeholder: 'Fortæl os det med få ord (valgfrit)',
  thanks: {
    low: 'Tak. Din feedback går direkte til teamet.',
    middle: 'Tak for din feedback!',
    high: 'Tak! Vi er glade for, at du kan lide {product}.',
  },
  submit: 'Send',
  close: 'Luk',
  scoreLabel: '{score} ud af {max}',
};
