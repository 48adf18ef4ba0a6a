import type { Catalog } from './catalog.ts';

export const he: Catalog = {
  dir: 'rtl',
  questions: {
    nps: 'עד כמה סביר שתמליצו על {product} לחבר או לעמית?',
    csat: 'עד כמה אתם מרוצים מ-{product}?',
    ces: '{product} הקל עליי לעשות את מה שרציתי.',
  },
  anchors: {
    nps: { low: 'בכלל לא סביר', high: 'סביר מאוד' },
    csat: { low: 'לא מרוצה בכלל', high: 'מרוצה מאוד' },
    ces: { low: 'בכלל לא מסכים/ה', high: 'מסכים/ה מאוד' },
  },
  followUp: {
    low: 'מצטערים לשמוע. מה כדאי לנו לשפר?',
    middle: 'מה יהפוך את {product} לטוב יותר עבורכם?',
    high: 'שמחים לשמוע! מה הכי אהבתם?',
  },
  placeholder: 'ספרו לנו בכמה מילים (לא חובה)',
  thanks: {
    low: 'תודה. המשוב שלכם מגיע ישירות לצוות.',
    middle: 'תודה על המשוב!',
    high: 'תודה! שמחים ש-{product} מוצא חן בעיניכם.',
  },
  submit: 'שליחה',
  close: 'סגירה',
  scoreLabel: '{score} מתוך {max}',
};
