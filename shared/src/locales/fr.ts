import type { Catalog } from './catalog.ts';

export const fr: Catalog = {
  questions: {
    nps: 'Quelle est la probabilité que vous recommandiez {product} à un ami ou un collègue\u00a0?',
    csat: 'Dans quelle mesure êtes-vous satisfait de {product}\u00a0?',
    ces: "{product} m'a permis de faire facilement ce que je voulais.",
  },
  anchors: {
    nps: { low: 'Pas du tout probable', high: 'Extrêmement probable' },
    csat: { low: 'Très insatisfait', high: 'Très satisfait' },
    ces: { low: "Pas du tout d'accord", high: "Tout à fait d'accord" },
  },
  followUp: {
    low: 'Nous en sommes désolés. Que devrions-nous améliorer\u00a0?',
    middle: "Qu'est-ce qui rendrait {product} meilleur pour vous\u00a0?",
    high: "Ravis de l'entendre\u00a0! Qu'appréciez-vous le plus\u00a0?",
  },
  placeholder: 'Dites-le-nous en quelques mots (facultatif)',
  thanks: {
    low: "Merci. Votre avis est transmis directement à l'équipe.",
    middle: 'Merci pour votre avis\u00a0!',
    high: 'Merci\u00a0! Nous sommes ravis que {product} vous plaise.',
  },
  submit: 'Envoyer',
  close: 'Fermer',
  scoreLabel: '{score} sur {max}',
};
