import type { Catalog } from './catalog.ts';

export const ja: Catalog = {
  questions: {
    nps: '{product}を友人や同僚に薦める可能性はどのくらいありますか？',
    csat: '{product}にどの程度満足していますか？',
    ces: '{product}のおかげで、やりたいことを簡単に行えました。',
  },
  anchors: {
    nps: { low: 'まったく薦めない', high: '強く薦める' },
    csat: { low: 'とても不満', high: 'とても満足' },
    ces: { low: 'まったくそう思わない', high: 'とてもそう思う' },
  },
  followUp: {
    low: '申し訳ありません。改善すべき点を教えてください。',
    middle: '{product}がさらに良くなるには何が必要ですか？',
    high: 'ありがとうございます！特に気に入っている点は何ですか？',
  },
  placeholder: 'ひとことでお聞かせください（任意）',
  thanks: {
    low: 'ありがとうございます。いただいたご意見はチームに直接届きます。',
    middle: 'ご意見ありがとうございます！',
    high: 'ありがとうございます！{product}を気に入っていただけて嬉しいです。',
  },
  submit: '送信',
  close: '閉じる',
  scoreLabel: '{max}点中{score}点',
};
