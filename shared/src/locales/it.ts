import type { Catalog } from './catalog.ts';

export const it: Catalog = {
  questions: {
    nps: 'Quanto è probabile che tu consigli {product} a un amico o a un collega?',
    csat: 'Quanto sei soddisfatto di {product}?',
    ces: '{product} mi ha reso facile fare ciò che volevo.',
  },
  anchors: {
    nps: { low: 'Per niente probabile', high: 'Estremamente probabile' },
    csat: { low: 'Molto insoddisfatto', high: 'Molto soddisfatto' },
    ces: { low: "Per nulla d'accordo", high: "Completamente d'accordo" },
  },
  followUp: {
    low: 'Ci dispiace. Cosa dovremmo migliorare?',
    middle: 'Cosa renderebbe {product} migliore per te?',
    high: 'Che bello sentirlo! Cosa ti piace di più?',
  },
  placeholder: 'Raccontacelo in poche parole (facoltativo)',
  thanks: {
    low: 'Grazie. Il tuo feedback arriva direttamente al team.',
    middle: 'Grazie per il tuo feedback!',
    high: 'Grazie! Siamo felici che {product} ti piaccia.',
  },
  submit: 'Invia',
  close: 'Chiudi',
  scoreLabel: '{score} su {max}',
};
