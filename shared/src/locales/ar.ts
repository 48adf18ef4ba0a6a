import type { Catalog } from './catalog.ts';

export const ar: Catalog = {
  dir: 'rtl',
  questions: {
    nps: 'ما مدى احتمال أن توصي بـ {product} لصديق أو زميل؟',
    csat: 'ما مدى رضاك عن {product}؟',
    ces: 'سهّل {product} عليّ إنجاز ما أردت.',
  },
  anchors: {
    nps: { low: 'غير محتمل على الإطلاق', high: 'محتمل جدًا' },
    csat: { low: 'غير راضٍ إطلاقًا', high: 'راضٍ جدًا' },
    ces: { low: 'لا أوافق بشدة', high: 'أوافق بشدة' },
  },
  followUp: {
    low: 'نأسف لذلك. ما الذي ينبغي أن نحسّنه؟',
    middle: 'ما الذي سيجعل {product} أفضل بالنسبة لك؟',
    high: 'يسعدنا سماع ذلك! ما أكثر ما يعجبك؟',
  },
  placeholder: 'أخبرنا ببضع كلمات (اختياري)',
  thanks: {
    low: 'شكرًا لك. تصل ملاحظاتك مباشرة إلى الفريق.',
    middle: 'شكرًا على ملاحظاتك!',
    high: 'شكرًا لك! يسعدنا أن ينال {product} إعجابك.',
  },
  submit: 'إرسال',
  close: 'إغلاق',
  scoreLabel: '{score} من {max}',
};
