import type { Catalog } from './catalog.ts';

export const pt: Catalog = {
  questions: {
    nps: 'Qual a probabilidade de recomendar {product} a um amigo ou colega?',
    csat: 'Qual o seu grau de satisfação com {product}?',
    ces: '{product} facilitou fazer o que eu queria.',
  },
  anchors: {
    nps: { low: 'Nada provável', high: 'Extremamente provável' },
    csat: { low: 'Muito insatisfeito', high: 'Muito satisfeito' },
    ces: { low: 'Discordo totalmente', high: 'Concordo totalmente' },
  },
  followUp: {
    low: 'Lamentamos. O que devemos melhorar?',
    middle: 'O que tornaria {product} ainda melhor?',
    high: 'Que bom! Do que gosta mais?',
  },
  placeholder: 'Conte-nos em poucas palavras (opcional)',
  thanks: {
    low: 'Obrigado. Vamos usar a sua opinião para melhorar.',
    middle: 'Obrigado pela sua opinião!',
    high: 'Obrigado! É ótimo saber que gosta de {product}.',
  },
  submit: 'Enviar',
  close: 'Fechar',
  scoreLabel: '{score} de {max}',
};
