import type { Catalog } from './catalog.ts';

export const pl: Catalog = {
  questions: {
    nps: 'Jak prawdopodobne jest, że polecisz {product} znajomemu lub współpracownikowi?',
    csat: 'Jak bardzo jesteś zadowolony z {product}?',
    ces: '{product} ułatwia mi zrobienie tego, czego potrzebuję.',
  },
  anchors: {
    nps: { low: 'Zupełnie nieprawdopodobne', high: 'Bardzo prawdopodobne' },
    csat: { low: 'Bardzo niezadowolony', high: 'Bardzo zadowolony' },
    ces: { low: 'Zdecydowanie się nie zgadzam', high: 'Zdecydowanie się zgadzam' },
  },
  followUp: {
    low: 'Przykro nam. Co powinniśmy poprawić?',
    middle: 'Co moglibyśmy ulepszyć w {product}?',
    high: 'Miło nam to słyszeć! Co podoba Ci się najbardziej?',
  },
  placeholder: 'Opisz to w kilku słowach (opcjonalnie)',
  thanks: {
    low: 'Dziękujemy. Twoja opinia trafi bezpośrednio do zespołu.',
    middle: 'Dziękujemy za opinię!',
    high: 'Dziękujemy! Cieszymy się, że {product} Ci się podoba.',
  },
  submit: 'Wyślij',
  close: 'Zamknij',
  scoreLabel: '{score} z {max}',
};
