export * from './sites.ts';
export * from './surveys.ts';
export * from './accounts.ts';
export * from './users.ts';
export * from './impressions.ts';
export * from './responses.ts';
export * from './declines.ts';
export * from './tallies.ts';
