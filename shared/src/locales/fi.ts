import type { Catalog } from './catalog.ts';

export const fi: Catalog = {
  questions: {
    nps: 'Kuinka todennäköisesti suosittelisit tuotetta {product} ystävälle tai kollegalle?',
    csat: 'Kuinka tyytyväinen olet tuotteeseen {product}?',
    ces: '{product} teki haluamani asian hoitamisesta helppoa.',
  },
  anchors: {
    nps: { low: 'Erittäin epätodennäköistä', high: 'Erittäin todennäköistä' },
    csat: { low: 'Erittäin tyytymätön', high: 'Erittäin tyytyväinen' },
    ces: { low: 'Täysin eri mieltä', high: 'Täysin samaa mieltä' },
  },
  followUp: {
    low: 'Olemme pahoillamme. Mitä meidän pitäisi parantaa?',
    middle: 'Mikä tekisi tuotteesta {product} sinulle paremman?',
    high: 'Mukava kuulla! Mistä pidät eniten?',
  },
  placeholder: 'Kerro muutamalla sanalla (valinnainen)',
  thanks: {
    low: 'Kiitos. Palautteesi menee suoraan tiimille.',
    middle: 'Kiitos palautteestasi!',
    high: 'Kiitos! Olemme iloisia, että pidät tuotteesta {product}.',
  },
  submit: 'Lähetä',
  close: 'Sulje',
  scoreLabel: '{score}/{max}',
};
