import type { Catalog } from './catalog.ts';

export const en: Catalog = {
  questions: {
    nps: 'How likely are you to recommend {product} to a friend or colleague?',
    csat: 'How satisfied are you with {product}?',
    ces: '{product} made it easy for me to get done what I wanted.',
  },
  anchors: {
    nps: { low: 'Not at all likely', high: 'Extremely likely' },
    csat: { low: 'Very unsatisfied', high: 'Very satisfied' },
    ces: { low: 'Strongly disagree', high: 'Strongly agree' },
  },
  followUp: {
    low: 'We are sorry to hear that. What should we do better?',
    middle: 'What would make {product} better for you?',
    high: 'Great to hear! What do you like most?',
  },
  placeholder: 'Tell us in a few words (optional)',
  thanks: {
    low: 'Thank you. Your feedback goes straight to the team.',
    middle: 'Thank you for your feedback!',
    high: 'Thank you! We are glad you like {product}.',
  },
  submit: 'Send',
  close: 'Close',
  scoreLabel: '{score} out of {max}',
};
