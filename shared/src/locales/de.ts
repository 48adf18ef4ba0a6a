import type { Catalog } from './catalog.ts';

export const de: Catalog = {
  questions: {
    nps: 'Wie wahrscheinlich ist es, dass Sie {product} einem Freund oder Kollegen weiterempfehlen?',
    csat: 'Wie zufrieden sind Sie mit {product}?',
    ces: '{product} hat es mir leicht gemacht, mein Anliegen zu erledigen.',
  },
  anchors: {
    nps: { low: 'Überhaupt nicht wahrscheinlich', high: 'Äußerst wahrscheinlich' },
    csat: { low: 'Sehr unzufrieden', high: 'Sehr zufrieden' },
    ces: { low: 'Stimme überhaupt nicht zu', high: 'Stimme voll und ganz zu' },
  },
  followUp: {
    low: 'Das tut uns leid. Was sollten wir besser machen?',
    middle: 'Was würde {product} für Sie verbessern?',
    high: 'Das freut uns! Was gefällt Ihnen am besten?',
  },
  placeholder: 'Erzählen Sie es uns in wenigen Worten (optional)',
  thanks: {
    low: 'Vielen Dank. Ihr Feedback geht direkt an das Team.',
    middle: 'Vielen Dank für Ihr Feedback!',
    high: 'Vielen Dank! Schön, dass Ihnen {product} gefällt.',
  },
  submit: 'Senden',
  close: 'Schließen',
  scoreLabel: '{score} von {max}',
};
