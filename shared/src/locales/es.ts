import type { Catalog } from './catalog.ts';

export const es: Catalog = {
  questions: {
    nps: '¿Qué probabilidad hay de que recomiendes {product} a un amigo o colega?',
    csat: '¿Cuál es tu nivel de satisfacción con {product}?',
    ces: '{product} me facilitó hacer lo que quería.',
  },
  anchors: {
    nps: { low: 'Nada probable', high: 'Muy probable' },
    csat: { low: 'Muy insatisfecho', high: 'Muy satisfecho' },
    ces: { low: 'Totalmente en desacuerdo', high: 'Totalmente de acuerdo' },
  },
  followUp: {
    low: 'Lo sentimos. ¿Qué deberíamos mejorar?',
    middle: '¿Qué haría que {product} fuera mejor para ti?',
    high: '¡Nos alegra oírlo! ¿Qué es lo que más te gusta?',
  },
  placeholder: 'Cuéntanoslo en pocas palabras (opcional)',
  thanks: {
    low: 'Gracias. Tu opinión llega directamente al equipo.',
    middle: '¡Gracias por tu opinión!',
    high: '¡Gracias! Nos alegra que te guste {product}.',
  },
  submit: 'Enviar',
  close: 'Cerrar',
  scoreLabel: '{score} de {max}',
};
