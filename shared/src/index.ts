export * from './scores.ts';
export * from './schemas/errors.ts';
export * from './schemas/people.ts';
export * from './schemas/widget.ts';
export * from './schemas/vendor.ts';
export * from './locales/index.ts';
export * from './schemas/survey-settings.ts';
export * from './schemas/webhooks.ts';
